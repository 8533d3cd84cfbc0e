package org.zhaoshang.chain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.advisor.Advisors;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.EffectiveChain;
import org.zhaoshang.project.Industry;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.system.ApiError;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/**
 * 产业链“五个一” (policy 000): each of the district's target chains (an {@link Industry} but 其他) with its 分管区领导, 牵头部门,
 * 招商队伍 (people of several units) and 顾问团队 (the advisors serving it), its 招商图谱 (target companies and how far each
 * has come) and its 项目储备库 (the ledger's projects of the chain, by stage, with the year's figures). 合作交流办 sets who
 * leads a chain; the lead department and 合作交流办 keep its target companies.
 */
@Service
public class IndustryChains {

    /** A chain as its page shows it. */
    public record Chain(Industry industry, String leader, String leaderName, String leadDepartment, String leadDepartmentName, String note,
            List<Member> team, List<Advisors.Advisor> advisors, List<Target> targets) {

        public String label() {
            return industry.label();
        }

        public long contacted() {
            return targets.stream().filter(t -> t.status() != ChainTargetStatus.NOT_CONTACTED).count();
        }
    }

    /** A member of the chain's 招商队伍, with the unit they come from. */
    public record Member(String userId, String name, String unitName) {
    }

    /** A target company of the chain's 招商图谱. */
    public record Target(long id, Industry industry, String name, String ranking, ChainTargetStatus status, String projectCode, String note,
            String updatedBy, OffsetDateTime updatedAt) {
    }

    /** A change of a target company's status. */
    public record TargetEvent(ChainTargetStatus from, ChainTargetStatus to, String note, String actor, OffsetDateTime occurredAt) {
    }

    /**
     * The chain's projects and the year's figures: now at each stage; registered, signed (reached 已签约) and landed (reached
     * 已注册落地) in the year; 内资到位额 of 资金到位 milestones verified in the year.
     */
    public record Figures(Industry industry, Map<ProjectStage, Integer> byStage, int registered, int signed, int landed, BigDecimal domesticFunds) {

        /** 签约→落地: landed in the year among those signed in it, null when none signed. */
        public Integer conversionPercent() {
            return signed == 0 ? null : Math.round(100f * landed / signed);
        }

        public int inPipeline() {
            return byStage.entrySet().stream().filter(e -> !ENDED.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum();
        }
    }

    /** The chains: every target industry but 其他 ({@link Industry#CHAINS}). */
    public static final List<Industry> CHAINS = Industry.CHAINS;
    static final List<ProjectStage> ENDED = List.of(ProjectStage.VETOED, ProjectStage.REJECTED, ProjectStage.LOST, ProjectStage.TERMINATED);
    private static final List<String> SIGNED = List.of("SIGNED", "REGISTERED", "FUNDED", "CONSTRUCTION", "OPERATING");
    private static final List<String> LANDED = SIGNED.subList(1, SIGNED.size());

    /** The project {@code p} belongs to chain {@code :i}: its own chain where one was set, else its industry's. */
    static final String IN_CHAIN = EffectiveChain.of("p") + " = :i";

    private final JdbcClient jdbc;
    private final OrgDirectory directory;
    private final IdentityService identityService;
    private final Advisors advisors;
    private final Clock clock;
    private final ZoneId zone;

    private final ProjectService projects;

    IndustryChains(JdbcClient jdbc, OrgDirectory directory, IdentityService identityService, Advisors advisors, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${app.time-zone}") String zone, ProjectService projects) {
        this.projects = projects;
        this.jdbc = jdbc;
        this.directory = directory;
        this.identityService = identityService;
        this.advisors = advisors;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** The chain a request names (code or Chinese label), or 404 in Chinese. */
    public static Industry chain(String value) {
        return Labelled.parse(Industry.class, value).filter(CHAINS::contains).orElseThrow(() -> ApiException.notFound("没有这条产业链：" + value));
    }

    public static boolean mayLead(StaffUser user) {
        return user.isMemberOf(GroupIds.HEZUO) || user.isAdmin();
    }

    /** 合作交流办, or a member of the chain's lead department, keeps its target companies. */
    public boolean mayKeepTargets(Industry industry, StaffUser user) {
        return mayLead(user) || leadDepartment(industry).map(user::isMemberOf).orElse(false);
    }

    public List<Chain> list() {
        List<Advisors.Advisor> all = advisors.list();
        return CHAINS.stream().map(industry -> get(industry, all)).toList();
    }

    public Chain get(Industry industry) {
        return get(industry, advisors.list());
    }

    private Chain get(Industry industry, List<Advisors.Advisor> allAdvisors) {
        record Row(String leader, String leadDepartment, String note) {
        }
        Row row = jdbc.sql("SELECT leader, lead_department, note FROM industry_chain WHERE industry = :i").param("i", industry.name())
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3))).optional().orElse(new Row(null, null, null));
        List<Member> team = jdbc.sql("SELECT user_id FROM chain_team_member WHERE industry = :i ORDER BY user_id").param("i", industry.name())
                .query(String.class).list().stream().map(this::member).toList();
        List<Advisors.Advisor> serving = allAdvisors.stream().filter(a -> a.active() && a.industries().contains(industry)).toList();
        return new Chain(industry, row.leader(), directory.personName(row.leader()), row.leadDepartment(),
                row.leadDepartment() == null ? null : directory.unitName(row.leadDepartment()), row.note(), team, serving, targets(industry));
    }

    private Member member(String userId) {
        String unit = directory.findProfile(userId).map(p -> p.unitCode()).orElse(null);
        return new Member(userId, directory.personName(userId), unit == null ? "" : directory.unitName(unit));
    }

    /** Who leads a chain: its 分管区领导 and 牵头部门 (either may be null until 合作交流办 names them). */
    record Leadership(Industry industry, String leader, String leadDepartment) {
    }

    Leadership leadership(Industry industry) {
        return jdbc.sql("SELECT leader, lead_department FROM industry_chain WHERE industry = :i").param("i", industry.name())
                .query((rs, n) -> new Leadership(industry, rs.getString(1), rs.getString(2))).optional()
                .orElse(new Leadership(industry, null, null));
    }

    Optional<String> leadDepartment(Industry industry) {
        return Optional.ofNullable(leadership(industry).leadDepartment());
    }

    /** 合作交流办 names the chain's leader, lead department and team; every problem is named at once, nothing is changed on any. */
    @Transactional
    public Chain lead(Industry industry, String leader, String leadDepartment, List<String> team, String note, StaffUser user) {
        if (!mayLead(user)) {
            throw ApiException.forbidden("只有区合作交流办可以确定产业链的分管领导、牵头部门和招商队伍");
        }
        List<ApiError.FieldError> problems = new ArrayList<>();
        if (leader == null || leader.isBlank()) {
            problems.add(new ApiError.FieldError("leader", "请选择分管区领导"));
        } else if (identityService.createUserQuery().userId(leader.strip()).memberOfGroup(GroupIds.LEADER).count() == 0) {
            problems.add(new ApiError.FieldError("leader", "分管领导须为区领导：" + leader));
        }
        if (leadDepartment == null || leadDepartment.isBlank()) {
            problems.add(new ApiError.FieldError("leadDepartment", "请选择牵头部门"));
        } else if (directory.findUnit(leadDepartment.strip()).map(OrgUnit::kind).orElse(null) != OrgUnitKind.DEPARTMENT) {
            problems.add(new ApiError.FieldError("leadDepartment", "牵头部门不存在：" + leadDepartment));
        }
        LinkedHashSet<String> members = new LinkedHashSet<>();
        for (String id : team == null ? List.<String>of() : team) {
            if (id == null || id.isBlank()) {
                continue;
            }
            if (identityService.createUserQuery().userId(id.strip()).count() == 0) {
                problems.add(new ApiError.FieldError("team", "招商队伍中的人员不存在：" + id));
            } else {
                members.add(id.strip());
            }
        }
        if (note != null && note.length() > 500) {
            problems.add(new ApiError.FieldError("note", "说明不能超过500个字"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.sql("""
                UPDATE industry_chain SET leader = :leader, lead_department = :dept, note = :note, updated_by = :by, updated_at = :at
                WHERE industry = :i""").param("leader", leader.strip()).param("dept", leadDepartment.strip()).param("note", blankToNull(note))
                .param("by", user.id()).param("at", now).param("i", industry.name()).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO industry_chain (industry, leader, lead_department, note, updated_by, updated_at)
                    VALUES (:i, :leader, :dept, :note, :by, :at)""").param("leader", leader.strip()).param("dept", leadDepartment.strip())
                    .param("note", blankToNull(note)).param("by", user.id()).param("at", now).param("i", industry.name()).update();
        }
        jdbc.sql("DELETE FROM chain_team_member WHERE industry = :i").param("i", industry.name()).update();
        for (String member : members) {
            jdbc.sql("INSERT INTO chain_team_member (industry, user_id) VALUES (:i, :u)").param("i", industry.name()).param("u", member).update();
        }
        return get(industry);
    }

    public List<Target> targets(Industry industry) {
        return jdbc.sql("SELECT * FROM chain_target_company WHERE industry = :i ORDER BY status DESC, name").param("i", industry.name())
                .query(IndustryChains::target).list();
    }

    public Optional<Target> target(long id) {
        return jdbc.sql("SELECT * FROM chain_target_company WHERE id = :id").param("id", id).query(IndustryChains::target).optional();
    }

    private static Target target(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Target(rs.getLong("id"), Industry.valueOf(rs.getString("industry")), rs.getString("name"), rs.getString("ranking"),
                ChainTargetStatus.valueOf(rs.getString("status")), rs.getString("project_code"), rs.getString("note"), rs.getString("updated_by"),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    public List<TargetEvent> events(long targetId) {
        return jdbc.sql("SELECT from_status, to_status, note, actor, occurred_at FROM chain_target_event WHERE company_id = :id ORDER BY occurred_at, id")
                .param("id", targetId).query((rs, n) -> new TargetEvent(rs.getString(1) == null ? null : ChainTargetStatus.valueOf(rs.getString(1)),
                        ChainTargetStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class))).list();
    }

    /** Adds a company to the chain's 招商图谱, not yet contacted. */
    @Transactional
    public Target addTarget(Industry industry, String name, String ranking, String note, StaffUser user) {
        requireKeeper(industry, user);
        List<ApiError.FieldError> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new ApiError.FieldError("name", "请填写企业名称"));
        } else if (name.strip().length() > 200) {
            problems.add(new ApiError.FieldError("name", "企业名称不能超过200个字"));
        }
        if (ranking != null && ranking.length() > 100) {
            problems.add(new ApiError.FieldError("ranking", "企业类别不能超过100个字"));
        }
        if (note != null && note.length() > 500) {
            problems.add(new ApiError.FieldError("note", "说明不能超过500个字"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (targets(industry).stream().anyMatch(t -> t.name().equals(name.strip()))) {
            throw ApiException.conflict(industry.label() + "产业链的招商图谱中已有" + name.strip());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO chain_target_company (industry, name, ranking, status, note, updated_by, updated_at)
                VALUES (:i, :name, :ranking, 'NOT_CONTACTED', :note, :by, :at)""").param("i", industry.name()).param("name", name.strip())
                .param("ranking", blankToNull(ranking)).param("note", blankToNull(note)).param("by", user.id()).param("at", now).update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        event(id, null, ChainTargetStatus.NOT_CONTACTED, "列入招商图谱", user.id(), now);
        return target(id).orElseThrow();
    }

    /** A target company moves on (or back) with what happened; 在谈 and 签约 may name the ledger's project it became. */
    @Transactional
    public Target move(long id, String status, String projectCode, String note, StaffUser user) {
        Target target = target(id).orElseThrow(() -> ApiException.notFound("招商图谱中没有这家企业：" + id));
        requireKeeper(target.industry(), user);
        List<ApiError.FieldError> problems = new ArrayList<>();
        Optional<ChainTargetStatus> next = Labelled.parse(ChainTargetStatus.class, status);
        if (next.isEmpty()) {
            problems.add(new ApiError.FieldError("status", "状态须为未接触、已接触、在谈或签约"));
        }
        if (note == null || note.isBlank()) {
            problems.add(new ApiError.FieldError("note", "请写明接触或洽谈情况"));
        } else if (note.length() > 500) {
            problems.add(new ApiError.FieldError("note", "说明不能超过500个字"));
        }
        String code = blankToNull(projectCode);
        if (code != null && jdbc.sql("SELECT COUNT(*) FROM investment_project WHERE code = :c").param("c", code.strip()).query(Integer.class)
                .single() == 0) {
            problems.add(new ApiError.FieldError("projectCode", "台账中没有项目：" + code));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                UPDATE chain_target_company SET status = :s, project_code = COALESCE(:code, project_code), note = :note, updated_by = :by,
                    updated_at = :at WHERE id = :id""").param("s", next.get().name()).param("code", code == null ? null : code.strip())
                .param("note", note.strip()).param("by", user.id()).param("at", now).param("id", id).update();
        event(id, target.status(), next.get(), note.strip(), user.id(), now);
        return target(id).orElseThrow();
    }

    private void requireKeeper(Industry industry, StaffUser user) {
        if (!mayKeepTargets(industry, user)) {
            throw ApiException.forbidden("只有" + industry.label() + "产业链的牵头部门或区合作交流办可以维护招商图谱");
        }
    }

    private void event(long companyId, ChainTargetStatus from, ChainTargetStatus to, String note, String actor, OffsetDateTime at) {
        jdbc.sql("""
                INSERT INTO chain_target_event (company_id, from_status, to_status, note, actor, occurred_at)
                VALUES (:id, :from, :to, :note, :actor, :at)""").param("id", companyId).param("from", from == null ? null : from.name())
                .param("to", to.name()).param("note", note).param("actor", actor).param("at", at).update();
    }

    /** The chain's 项目储备库 figures for {@code year} (projects of the chain's industry). */
    public Figures figures(Industry industry, int year) {
        return figures(industry, byStage(industry), LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
    }

    /** A chain's figures in a briefing's period and from the year's start to the period's end. */
    public record PeriodFigures(Industry industry, Figures period, Figures yearToDate) {

        public String label() {
            return industry.label();
        }
    }

    /** Every chain's figures for the days {@code [first, last]} and the year to {@code last} (the briefing's cut by chain). */
    public List<PeriodFigures> periodFigures(LocalDate first, LocalDate last) {
        return CHAINS.stream().map(i -> periodFigures(i, first, last)).toList();
    }

    /** One chain's figures for the days {@code [first, last]} and the year to {@code last} (a month for its monthly review). */
    public PeriodFigures periodFigures(Industry industry, LocalDate first, LocalDate last) {
        // The projects now at each stage are the same for both periods: read once.
        Map<ProjectStage, Integer> byStage = byStage(industry);
        return new PeriodFigures(industry, figures(industry, byStage, first, last.plusDays(1)),
                figures(industry, byStage, last.withDayOfYear(1), last.plusDays(1)));
    }

    private Map<ProjectStage, Integer> byStage(Industry industry) {
        Map<ProjectStage, Integer> byStage = new EnumMap<>(ProjectStage.class);
        jdbc.sql("SELECT p.stage, COUNT(*) FROM investment_project p WHERE " + IN_CHAIN + " GROUP BY p.stage").param("i", industry.name())
                .query(rs -> {
                    byStage.put(ProjectStage.valueOf(rs.getString(1)), rs.getInt(2));
                });
        return byStage;
    }

    /** The figures for the days {@code [first, end)}. */
    private Figures figures(Industry industry, Map<ProjectStage, Integer> byStage, LocalDate first, LocalDate end) {
        OffsetDateTime from = first.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = end.atStartOfDay(zone).toOffsetDateTime();
        int registered = jdbc.sql("SELECT COUNT(*) FROM investment_project p WHERE " + IN_CHAIN + " AND p.created_at >= :from AND p.created_at < :to")
                .param("i", industry.name()).param("from", from).param("to", to).query(Integer.class).single();
        BigDecimal funds = jdbc.sql("""
                SELECT COALESCE(SUM(m.actual_value), 0) FROM agreement_milestone m JOIN agreement a ON a.id = m.agreement_id
                JOIN investment_project p ON p.code = a.project_code
                WHERE %s AND m.type = 'FUNDING' AND m.status = 'MET' AND m.verified_at >= :from AND m.verified_at < :to""".formatted(IN_CHAIN))
                .param("i", industry.name()).param("from", from).param("to", to).query(BigDecimal.class).single();
        return new Figures(industry, byStage, registered, reached(industry, SIGNED, from, to), reached(industry, LANDED, from, to), funds);
    }

    private int reached(Industry industry, List<String> stages, OffsetDateTime from, OffsetDateTime to) {
        return jdbc.sql("""
                SELECT COUNT(DISTINCT h.project_id) FROM project_history h JOIN investment_project p ON p.id = h.project_id
                WHERE %s AND h.event_type = 'STAGE_CHANGED' AND h.to_stage IN (:stages)
                AND (h.from_stage IS NULL OR h.from_stage NOT IN (:stages)) AND h.occurred_at >= :from AND h.occurred_at < :to""".formatted(IN_CHAIN))
                .param("i", industry.name()).param("stages", stages).param("from", from).param("to", to).query(Integer.class).single();
    }

    /** The chain's projects, newest first (the 项目储备库), at most {@code limit}. */
    public List<Map<String, Object>> projects(Industry industry, int limit) {
        return jdbc.sql("""
                SELECT p.code, p.name, p.investor, p.total_investment, p.stage, p.host_unit FROM investment_project p WHERE %s
                ORDER BY p.created_at DESC, p.code DESC FETCH FIRST %d ROWS ONLY""".formatted(IN_CHAIN, Math.max(limit, 0)))
                .param("i", industry.name()).query((rs, n) -> {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("code", rs.getString("code"));
                    row.put("name", rs.getString("name"));
                    row.put("investor", rs.getString("investor"));
                    row.put("totalInvestment", rs.getBigDecimal("total_investment"));
                    row.put("stage", ProjectStage.valueOf(rs.getString("stage")).label());
                    row.put("hostUnit", directory.unitName(rs.getString("host_unit")));
                    return row;
                }).list();
    }

    /** 合作交流办 and the project's host unit may move it to another chain. */
    public static boolean mayChangeChain(InvestmentProject project, StaffUser user) {
        return mayLead(user) || user.isMemberOf(project.hostUnit());
    }

    /** The chain a project belongs to: the one set for it, else its industry's (其他 belongs to none: null). */
    public Industry chainOf(InvestmentProject project) {
        Industry chain = jdbc.sql("SELECT industry FROM project_chain WHERE project_id = :id").param("id", project.id()).query(String.class)
                .optional().map(Industry::valueOf).orElse(project.industry());
        return CHAINS.contains(chain) ? chain : null;
    }

    /**
     * 合作交流办 or the project's host unit puts a project in another chain, with a reason recorded in its history; back to its
     * industry's chain removes the exception.
     */
    @Transactional
    public Industry changeChain(String code, String chain, String reason, StaffUser user) {
        InvestmentProject project = projects.get(code, user);
        if (!mayChangeChain(project, user)) {
            throw ApiException.forbidden("只有区合作交流办或项目载体单位可以调整项目所属产业链");
        }
        List<ApiError.FieldError> problems = new ArrayList<>();
        Optional<Industry> target = Labelled.parse(Industry.class, chain).filter(CHAINS::contains);
        if (target.isEmpty()) {
            problems.add(new ApiError.FieldError("chain", "产业链须为" + String.join("、", CHAINS.stream().map(Industry::label).toList())));
        }
        if (reason == null || reason.isBlank()) {
            problems.add(new ApiError.FieldError("reason", "请说明调整产业链的原因"));
        } else if (reason.length() > 500) {
            problems.add(new ApiError.FieldError("reason", "原因不能超过500个字"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Industry before = chainOf(project);
        if (target.get() == before) {
            throw ApiException.badField("chain", "项目已属于" + before.label() + "产业链");
        }
        jdbc.sql("DELETE FROM project_chain WHERE project_id = :id").param("id", project.id()).update();
        if (target.get() != project.industry()) {
            jdbc.sql("INSERT INTO project_chain (project_id, industry, changed_by, changed_at) VALUES (:id, :i, :by, :at)")
                    .param("id", project.id()).param("i", target.get().name()).param("by", user.id()).param("at", OffsetDateTime.now(clock)).update();
        }
        projects.recordEvent(code, ProjectEventType.CHAIN_CHANGED, user.id(),
                (before == null ? "无" : before.label()) + " → " + target.get().label() + "（" + reason.strip() + "）", null, null);
        return target.get();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
