package org.zhaoshang.briefing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.system.ApiError;
import org.zhaoshang.system.ApiException;

/**
 * 合作交流办 records a landed project's 税收 for a period while no report (协议年度税收节点, 后评价) covers its
 * year. Entries are never changed: a correction is a new entry of the same period, and every entry stays
 * with who recorded it, when and on what basis (the project's timeline says so too).
 */
@Service
public class ProjectTaxService {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999999999");
    static final int MAX_BASIS = 500;
    /** Stages in which a project has landed (and may pay tax); a terminated agreement's project may have paid some. */
    static final EnumSet<ProjectStage> LANDED = EnumSet.of(ProjectStage.REGISTERED, ProjectStage.FUNDED, ProjectStage.CONSTRUCTION,
            ProjectStage.OPERATING, ProjectStage.TERMINATED);

    private final JdbcClient jdbc;
    private final TaxFigures figures;
    private final ProjectService projects;
    private final Clock clock;

    ProjectTaxService(JdbcClient jdbc, TaxFigures figures, ProjectService projects, Clock clock) {
        this.jdbc = jdbc;
        this.figures = figures;
        this.projects = projects;
        this.clock = clock;
    }

    public static boolean mayRecord(StaffUser user) {
        return user.isMemberOf(GroupIds.HEZUO);
    }

    @Transactional
    public TaxFigures.Figure record(String code, String periodText, BigDecimal amount, String basisText, StaffUser user) {
        if (!mayRecord(user)) {
            throw ApiException.forbidden("只有区合作交流办可以录入项目税收");
        }
        InvestmentProject project = projects.get(code, user);
        List<ApiError.FieldError> errors = new ArrayList<>();
        TaxPeriod period = TaxPeriod.parse(periodText).orElse(null);
        LocalDate today = LocalDate.now(clock);
        if (period == null) {
            errors.add(new ApiError.FieldError("period", "税收期间格式：年度 2026、半年 2026-H1、季度 2026-Q2 或月份 2026-05"));
        } else if (period.start().isAfter(today)) {
            errors.add(new ApiError.FieldError("period", "期间" + period.displayName() + "尚未开始，不能录入税收"));
        }
        if (amount == null) {
            errors.add(new ApiError.FieldError("amount", "请填写税收金额（万元）"));
        } else if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
            errors.add(new ApiError.FieldError("amount", "税收金额须在0至99999999999999万元之间"));
        } else if (amount.stripTrailingZeros().scale() > 2) {
            errors.add(new ApiError.FieldError("amount", "税收金额最多保留两位小数（万元）"));
        }
        String basis = basisText == null ? "" : basisText.trim();
        if (basis.isEmpty()) {
            errors.add(new ApiError.FieldError("basis", "请填写数据来源（如区税务局入库数据）"));
        } else if (basis.length() > MAX_BASIS || basis.chars().anyMatch(Character::isISOControl)) {
            errors.add(new ApiError.FieldError("basis", "数据来源不超过" + MAX_BASIS + "字，且不能含控制字符"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (!LANDED.contains(project.stage())) {
            throw ApiException.conflict("项目尚未落地（当前阶段：" + project.stage().label() + "），没有可录入的税收");
        }
        List<TaxFigures.Figure> known = figures.ofProject(code);
        for (TaxFigures.Figure f : known) {
            if (f.source().report() && f.period().year() == period.year()) {
                throw ApiException.conflict("该项目%d年税收已有%s（%s万元），以报告为准，不能再手工录入"
                        .formatted(period.year(), f.source().label(), f.amount().stripTrailingZeros().toPlainString()));
            }
            if (!f.source().report() && !f.period().label().equals(period.label()) && f.period().overlaps(period)) {
                throw ApiException.conflict("与已录入的%s税收期间重叠；更正已录入的数额请录入相同期间（%s）"
                        .formatted(f.period().displayName(), f.period().label()));
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        BigDecimal value = amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
        jdbc.sql("""
                INSERT INTO project_tax_record (project_code, period_label, amount, basis, recorded_by, recorded_at)
                VALUES (:code, :period, :amount, :basis, :by, :now)""")
                .param("code", code).param("period", period.label()).param("amount", value).param("basis", basis)
                .param("by", user.id()).param("now", now).update();
        boolean correction = known.stream().anyMatch(f -> f.period().label().equals(period.label()));
        projects.recordEvent(code, ProjectEventType.TAX_RECORDED, user.id(), "%s%s税收 %s万元（数据来源：%s）".formatted(correction ? "更正" : "录入",
                period.displayName(), value.stripTrailingZeros().toPlainString(), basis), null, null);
        List<TaxFigures.Figure> after = figures.ofProject(code);
        return after.get(after.size() - 1);
    }
}
