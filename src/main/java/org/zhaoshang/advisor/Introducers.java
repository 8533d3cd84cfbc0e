package org.zhaoshang.advisor;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.EffectiveChain;
import org.zhaoshang.project.Industry;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.system.ApiException;

/**
 * 引荐来源: who brought each project — an advisor of the list, an intermediary, an enterprise, another unit's shared
 * information, or the registering unit's own officers (no row) — recorded at registration, changeable with a reason by
 * 合作交流办 or the origin unit, and counted with the projects' outcomes ({@link #figures}).
 */
@Service
public class Introducers {

    /** Projects registered in a period, by who introduced them, and where they stand now. */
    public record Figures(IntroducerKind kind, Long advisorId, String name, int registered, int signed, int landed, int ended) {

        public String label() {
            return kind.label() + (name == null ? "" : "：" + name);
        }

        /** 签约→落地 conversion: landed among the signed, null when none signed. */
        public Integer conversionPercent() {
            return signed == 0 ? null : Math.round(100f * landed / signed);
        }
    }

    private static final List<ProjectStage> SIGNED = List.of(ProjectStage.SIGNED, ProjectStage.REGISTERED, ProjectStage.FUNDED,
            ProjectStage.CONSTRUCTION, ProjectStage.OPERATING);
    private static final List<ProjectStage> LANDED = List.of(ProjectStage.REGISTERED, ProjectStage.FUNDED, ProjectStage.CONSTRUCTION,
            ProjectStage.OPERATING);
    private static final List<ProjectStage> ENDED = List.of(ProjectStage.VETOED, ProjectStage.REJECTED, ProjectStage.LOST,
            ProjectStage.TERMINATED);

    private final JdbcClient jdbc;
    private final Advisors advisors;
    private final IntroducerRecords records;
    private final ProjectService projects;
    private final ZoneId zone;

    Introducers(JdbcClient jdbc, Advisors advisors, IntroducerRecords records, ProjectService projects, @Value("${app.time-zone}") String zone) {
        this.jdbc = jdbc;
        this.advisors = advisors;
        this.records = records;
        this.projects = projects;
        this.zone = ZoneId.of(zone);
    }

    /** Who introduced the project (the registering unit's own officers when nobody was recorded). */
    public IntroducerRecords.Introducer of(InvestmentProject project) {
        return records.of(project.id());
    }

    /** 合作交流办 or the project's origin unit corrects who introduced it; the reason goes into the project's history. */
    @Transactional
    public IntroducerRecords.Introducer change(String code, String kind, Long advisorId, String name, String reason, StaffUser user) {
        InvestmentProject project = projects.get(code, user);
        if (!mayChange(project, user)) {
            throw ApiException.forbidden("只有区合作交流办或项目来源单位可以更改引荐来源");
        }
        if (reason == null || reason.isBlank()) {
            throw ApiException.badField("reason", "请说明更改引荐来源的原因");
        }
        if (reason.length() > 500) {
            throw ApiException.badField("reason", "原因不能超过500个字");
        }
        // A released advisor may stay on a project they did introduce, but is not chosen anew.
        IntroducerRecords.Introducer before = records.of(project.id());
        boolean sameAdvisor = advisorId != null && advisorId.equals(before.advisorId());
        IntroducerRecords.Introducer introducer = records.parse(kind, advisorId, name, !sameAdvisor);
        records.replace(project.id(), introducer, user.id());
        projects.recordEvent(code, ProjectEventType.INTRODUCER_CHANGED, user.id(),
                before.label() + " → " + introducer.label() + "（" + reason.strip() + "）", null, null);
        return records.of(project.id());
    }

    public static boolean mayChange(InvestmentProject project, StaffUser user) {
        return Advisors.mayEdit(user) || user.isMemberOf(project.originUnit());
    }

    /**
     * Projects registered in [from, to] by introducer, with their present stage: signed (已签约 and on), landed (已注册落地 and
     * on), ended (否决、不予通过、流失、终止). Every advisor of the list appears, also with no project.
     */
    public List<Figures> figures(LocalDate from, LocalDate to) {
        return figures(from, to, null);
    }

    /** The same for the projects of one 产业链 ({@link EffectiveChain}: its industry's, unless moved); null: every project. */
    public List<Figures> figures(LocalDate from, LocalDate to, Industry chain) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Figures> keys = new LinkedHashMap<>();
        for (IntroducerKind kind : IntroducerKind.values()) {
            if (kind != IntroducerKind.ADVISOR) {
                keys.put(kind.name(), new Figures(kind, null, null, 0, 0, 0, 0));
            }
        }
        advisors.list().forEach(a -> keys.put("ADVISOR#" + a.id(), new Figures(IntroducerKind.ADVISOR, a.id(), a.name(), 0, 0, 0, 0)));
        jdbc.sql("""
                SELECT COALESCE(i.kind, 'UNIT_OFFICER') AS kind, i.advisor_id, p.stage FROM investment_project p
                LEFT JOIN project_introducer i ON i.project_id = p.id
                WHERE p.created_at >= :from AND p.created_at < :to""" + (chain == null ? "" : " AND " + EffectiveChain.of("p") + " = :chain"))
                .param("chain", chain == null ? "" : chain.name())
                .param("from", from.atStartOfDay(zone).toOffsetDateTime())
                .param("to", to.plusDays(1).atStartOfDay(zone).toOffsetDateTime())
                .query(rs -> {
                    String kind = rs.getString("kind");
                    Object advisor = rs.getObject("advisor_id");
                    String key = advisor == null ? kind : "ADVISOR#" + ((Number) advisor).longValue();
                    ProjectStage stage = ProjectStage.valueOf(rs.getString("stage"));
                    int[] c = counts.computeIfAbsent(key, k -> new int[4]);
                    c[0]++;
                    c[1] += SIGNED.contains(stage) ? 1 : 0;
                    c[2] += LANDED.contains(stage) ? 1 : 0;
                    c[3] += ENDED.contains(stage) ? 1 : 0;
                });
        List<Figures> rows = new ArrayList<>();
        keys.forEach((key, empty) -> {
            int[] c = counts.getOrDefault(key, new int[4]);
            rows.add(new Figures(empty.kind(), empty.advisorId(), empty.name(), c[0], c[1], c[2], c[3]));
        });
        return rows;
    }

}
