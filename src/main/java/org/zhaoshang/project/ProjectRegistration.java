package org.zhaoshang.project;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.zhaoshang.system.OneOf;

/** What a unit officer enters to register a project (项目登记). Codes or Chinese labels for the lists. */
public record ProjectRegistration(
        // Control characters (NUL, escape, …) are refused rather than silently dropped: what is stored is what was sent.
        @NotBlank(message = "请填写项目名称")
        @Size(max = 200, message = "项目名称不能超过200个字")
        @Pattern(regexp = ONE_LINE, message = "项目名称不能包含控制字符或换行")
        String name,

        @NotBlank(message = "请填写投资方名称")
        @Size(max = 200, message = "投资方名称不能超过200个字")
        @Pattern(regexp = ONE_LINE, message = "投资方名称不能包含控制字符或换行")
        String investor,

        @NotBlank(message = "请选择投资方类别")
        @OneOf(value = InvestorCategory.class, message = "投资方类别不在可选范围内（世界500强、中国500强、民营500强、上市公司、专精特新、其他）")
        String investorCategory,

        @NotBlank(message = "请选择所属产业")
        @OneOf(value = Industry.class, message = "所属产业不在可选范围内（智能制造、新能源新材料、新一代信息技术、生物医药、现代服务、农文旅、总部经济、其他）")
        String industry,

        @NotNull(message = "请填写总投资额（万元）")
        @DecimalMin(value = "0", message = "总投资额不能为负数")
        @Digits(integer = 12, fraction = 2, message = "总投资额最多保留两位小数（单位：万元）")
        BigDecimal totalInvestment,

        @DecimalMin(value = "0", message = "外资金额不能为负数")
        @Digits(integer = 12, fraction = 2, message = "外资金额最多保留两位小数（单位：万美元）")
        BigDecimal foreignCapital,

        @NotNull(message = "请填写用地面积（亩），不用地请填0")
        @DecimalMin(value = "0", message = "用地面积不能为负数")
        @Digits(integer = 8, fraction = 2, message = "用地面积最多保留两位小数（单位：亩）")
        BigDecimal landArea,

        @NotBlank(message = "请选择来源单位")
        String originUnit,

        /* The unit that will host the project (载体); the origin unit when left empty. */
        String hostUnit,

        Boolean keyProject,

        @Size(max = 50, message = "联系人姓名不能超过50个字")
        @Pattern(regexp = ONE_LINE, message = "联系人姓名不能包含控制字符或换行")
        String contactPerson,

        @Pattern(regexp = "^$|^[0-9+\\- ]{5,30}$", message = "联系电话只能包含数字、空格、+ 和 -")
        String contactPhone,

        @Size(max = 2000, message = "项目简介不能超过2000个字")
        @Pattern(regexp = TEXT, message = "项目简介不能包含控制字符（换行和制表符除外）")
        String description,

        /* 引荐来源 (policy 003 第十六、十七条): 招商顾问, 中介机构, …; the registering unit's own officers when empty. */
        @Size(max = 40, message = "引荐来源不在可选范围内")
        String introducerKind,

        /* The advisor (招商顾问名单 id) when the kind is 招商顾问. */
        Long introducerAdvisorId,

        /* Who introduced it: the intermediary, the enterprise, the sharing unit (free text). */
        @Size(max = 100, message = "引荐人（单位）名称不能超过100个字")
        @Pattern(regexp = ONE_LINE, message = "引荐人（单位）名称不能包含控制字符或换行")
        String introducerName) {

    /** A registration without an introducer (the registering unit's own officers brought the project). */
    public ProjectRegistration(String name, String investor, String investorCategory, String industry, BigDecimal totalInvestment,
            BigDecimal foreignCapital, BigDecimal landArea, String originUnit, String hostUnit, Boolean keyProject, String contactPerson,
            String contactPhone, String description) {
        this(name, investor, investorCategory, industry, totalInvestment, foreignCapital, landArea, originUnit, hostUnit, keyProject,
                contactPerson, contactPhone, description, null, null, null);
    }

    /** No control character at all. */
    static final String ONE_LINE = "^\\P{Cntrl}*$";
    /** No control character but line breaks and tabs. */
    static final String TEXT = "^[\\r\\n\\t\\P{Cntrl}]*$";
}
