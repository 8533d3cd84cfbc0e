package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/**
 * 协议登记: validates a signed agreement (every refusal names its field, in Chinese, before anything is
 * written), stores it and starts its follow-up. Registered by 合作交流办 or the project's host unit.
 */
@Service
public class AgreementService {

    static final int MAX_MILESTONES = 60;
    static final int MAX_INCENTIVES = 30;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999999999");

    private final AgreementRecords records;
    private final ProjectService projects;
    private final OrgDirectory directory;
    private final RuntimeService runtimeService;
    private final DecisionService decisionService;
    private final Clock clock;

    AgreementService(AgreementRecords records, ProjectService projects, OrgDirectory directory, RuntimeService runtimeService,
            DecisionService decisionService, Clock clock) {
        this.records = records;
        this.projects = projects;
        this.directory = directory;
        this.runtimeService = runtimeService;
        this.decisionService = decisionService;
        this.clock = clock;
    }

    /** Whether the user may register (and manage evidence and payment requests of) the project's agreements. */
    public static boolean mayManage(InvestmentProject project, StaffUser user) {
        return user.isMemberOf(GroupIds.HEZUO) || user.isMemberOf(project.hostUnit());
    }

    @Transactional
    public long register(String code, AgreementRegistration r, StaffUser user) {
        InvestmentProject project = projects.get(code, user);
        if (!mayManage(project, user)) {
            throw ApiException.forbidden("只有区合作交流办或项目承载单位可以登记协议");
        }
        if (project.stage() != ProjectStage.APPROVED) {
            throw ApiException.conflict("项目评审通过（已批准）后才能登记签约协议；当前阶段：" + project.stage().label());
        }
        if (records.hasActive(code)) {
            throw ApiException.conflict("该项目已有履约中的协议");
        }
        // A department's project lands in a street or park (载体, policy 001): it is passed on before signing.
        if (!directory.findUnit(project.hostUnit()).map(u -> u.kind().hostsProjects()).orElse(false)) {
            throw ApiException.conflict("项目仍由" + directory.unitName(project.hostUnit()) + "跟踪，请先经项目统筹流转推送至承接的街道或园区，再登记签约协议");
        }
        // The default verifier, from the DMN table: evaluated once per registration, not once per milestone.
        String industryDepartment = industryDepartment(project.industry().name());
        validate(r, project, industryDepartment);
        long agreementId = records.insertAgreement(code, r, user.id());
        List<Long> milestoneIds = new ArrayList<>();
        int position = 1;
        for (AgreementRegistration.MilestonePlan m : r.milestones()) {
            MilestoneType type = Labelled.parse(MilestoneType.class, m.type()).orElseThrow();
            milestoneIds.add(records.insertMilestone(agreementId, position++, type, title(m, type), m.targetValue(),
                    unit(m, type), m.dueOn(), responsibleUnit(m, project), verifyingDepartment(m, industryDepartment)));
        }
        for (AgreementRegistration.IncentivePlan i : incentives(r)) {
            records.insertIncentive(agreementId, i.name().trim(), i.cap(),
                    i.unlockedBy().stream().distinct().map(n -> milestoneIds.get(n - 1)).toList());
        }
        String pi = runtimeService.startProcessInstanceByKey(AgreementProcess.PROCESS_KEY, code,
                Map.of(AgreementProcess.AGREEMENT_ID, agreementId, AgreementProcess.MILESTONE_IDS, milestoneIds,
                        AgreementProcess.INDUSTRY, project.industry().name(), "registeredBy", user.id()))
                .getId();
        records.setProcessInstance(agreementId, pi);
        return agreementId;
    }

    void validate(AgreementRegistration r, InvestmentProject project, String industryDepartment) {
        text("agreementNo", r.agreementNo(), 50, "请填写协议编号");
        if (records.agreementNoTaken(r.agreementNo())) {
            throw ApiException.badField("agreementNo", "协议编号已存在：" + r.agreementNo().trim());
        }
        if (r.signedOn() == null) {
            throw ApiException.badField("signedOn", "请填写签约日期");
        }
        if (r.signedOn().isAfter(LocalDate.now(clock))) {
            throw ApiException.badField("signedOn", "签约日期不能晚于今天");
        }
        text("parties", r.parties(), 500, "请填写签约各方");
        amount("totalInvestment", r.totalInvestment(), "协议总投资");
        if (r.milestones() == null || r.milestones().isEmpty()) {
            throw ApiException.badField("milestones", "请至少填写一个履约节点");
        }
        if (r.milestones().size() > MAX_MILESTONES) {
            throw ApiException.badField("milestones", "履约节点不能超过" + MAX_MILESTONES + "个");
        }
        for (int n = 0; n < r.milestones().size(); n++) {
            AgreementRegistration.MilestonePlan m = r.milestones().get(n);
            String field = "milestones[" + (n + 1) + "]";
            String which = "第" + (n + 1) + "个履约节点";
            if (m == null) {
                throw ApiException.badField(field, which + "为空");
            }
            MilestoneType type = Labelled.parse(MilestoneType.class, m.type())
                    .orElseThrow(() -> ApiException.badField(field + ".type", which + "：请选择节点类型（注册落地、资金到位、开工、投产、年度税收、年度就业、年度产值、固定资产投资、其他）"));
            if (m.title() != null && m.title().trim().length() > 200) {
                throw ApiException.badField(field + ".title", which + "：名称不能超过200字");
            }
            if (type == MilestoneType.OTHER && (m.title() == null || m.title().isBlank())) {
                throw ApiException.badField(field + ".title", which + "：类型为“其他”时请填写节点名称");
            }
            amount(field + ".targetValue", m.targetValue(), which + "的目标值");
            if (type == MilestoneType.FUNDING && m.targetValue().signum() == 0) {
                throw ApiException.badField(field + ".targetValue", which + "：资金到位须填写到位金额（万元）");
            }
            if (m.targetUnit() != null && m.targetUnit().trim().length() > 20) {
                throw ApiException.badField(field + ".targetUnit", which + "：计量单位不能超过20字");
            }
            if (m.dueOn() == null) {
                throw ApiException.badField(field + ".dueOn", which + "：请填写完成时限");
            }
            if (!m.dueOn().isAfter(r.signedOn())) {
                throw ApiException.badField(field + ".dueOn", which + "：完成时限须晚于签约日期");
            }
            if (m.dueOn().isAfter(r.signedOn().plusYears(20))) {
                throw ApiException.badField(field + ".dueOn", which + "：完成时限不能晚于签约后20年");
            }
            String responsible = responsibleUnit(m, project);
            if (directory.findUnit(responsible).isEmpty()) {
                throw ApiException.badField(field + ".responsibleUnit", which + "：责任单位不存在：" + responsible);
            }
            String verifying = verifyingDepartment(m, industryDepartment);
            OrgUnit department = directory.findUnit(verifying).orElse(null);
            if (department == null || department.kind() != OrgUnitKind.DEPARTMENT) {
                throw ApiException.badField(field + ".verifyingDepartment", which + "：核验部门须为区级部门：" + verifying);
            }
        }
        List<AgreementRegistration.IncentivePlan> incentives = incentives(r);
        if (incentives.size() > MAX_INCENTIVES) {
            throw ApiException.badField("incentives", "奖励条款不能超过" + MAX_INCENTIVES + "项");
        }
        Set<String> names = new HashSet<>();
        for (int n = 0; n < incentives.size(); n++) {
            AgreementRegistration.IncentivePlan i = incentives.get(n);
            String field = "incentives[" + (n + 1) + "]";
            String which = "第" + (n + 1) + "项奖励条款";
            if (i == null) {
                throw ApiException.badField(field, which + "为空");
            }
            text(field + ".name", i.name(), 200, which + "：请填写名称");
            if (!names.add(i.name().trim())) {
                throw ApiException.badField(field + ".name", which + "：名称重复：" + i.name().trim());
            }
            amount(field + ".cap", i.cap(), which + "的上限金额");
            if (i.unlockedBy() == null || i.unlockedBy().isEmpty()) {
                throw ApiException.badField(field + ".unlockedBy", which + "：须关联本协议至少一个履约节点");
            }
            for (Integer number : i.unlockedBy()) {
                if (number == null || number < 1 || number > r.milestones().size()) {
                    throw ApiException.badField(field + ".unlockedBy", which + "：关联的履约节点不在本协议中：" + number);
                }
            }
        }
    }

    private static List<AgreementRegistration.IncentivePlan> incentives(AgreementRegistration r) {
        return r.incentives() == null ? List.of() : r.incentives();
    }

    private static void text(String field, String value, int max, String missing) {
        if (value == null || value.isBlank()) {
            throw ApiException.badField(field, missing);
        }
        if (value.trim().length() > max) {
            throw ApiException.badField(field, "内容不能超过" + max + "字");
        }
    }

    private static void amount(String field, BigDecimal value, String what) {
        if (value == null) {
            throw ApiException.badField(field, "请填写" + what);
        }
        if (value.signum() < 0) {
            throw ApiException.badField(field, what + "不能为负数");
        }
        if (value.compareTo(MAX_AMOUNT) > 0 || value.stripTrailingZeros().scale() > 2) {
            throw ApiException.badField(field, what + "超出范围（最多两位小数）");
        }
    }

    private static String title(AgreementRegistration.MilestonePlan m, MilestoneType type) {
        return m.title() == null || m.title().isBlank() ? type.label() : m.title().trim();
    }

    private static String unit(AgreementRegistration.MilestonePlan m, MilestoneType type) {
        return m.targetUnit() == null || m.targetUnit().isBlank() ? type.defaultUnit() : m.targetUnit().trim();
    }

    private static String responsibleUnit(AgreementRegistration.MilestonePlan m, InvestmentProject project) {
        return m.responsibleUnit() == null || m.responsibleUnit().isBlank() ? project.hostUnit() : m.responsibleUnit().trim();
    }

    private static String verifyingDepartment(AgreementRegistration.MilestonePlan m, String industryDepartment) {
        return m.verifyingDepartment() == null || m.verifyingDepartment().isBlank() ? industryDepartment : m.verifyingDepartment().trim();
    }

    /** The industry department of an industry (industry-department.dmn): default verifier and post-evaluation. */
    public String industryDepartment(String industry) {
        return decisionService.evaluateDecisionTableByKey("industry-department", Map.of("industry", industry))
                .getSingleEntry();
    }
}
