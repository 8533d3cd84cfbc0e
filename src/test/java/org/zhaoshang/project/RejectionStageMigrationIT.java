package org.zhaoshang.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.review.ReviewDecisions;
import org.zhaoshang.support.IntegrationTest;

/**
 * V12 on the data the product wrote before issue 21, on H2 and on PostgreSQL: the application's migrations up to
 * V11 in a schema of their own, the past as the old code stored it, then V12. Policy 001 ("环保、消防部门对项目引进具有
 * 一票否决权"): what the 论证会 or the 常务会议 did not pass becomes 不予通过, the vetoes of 环保 and 消防 stay 已否决,
 * in the ledger, on the timeline and in the stored briefings.
 */
@IntegrationTest
class RejectionStageMigrationIT {

    static final String UNIT = "unit-street-xinli";

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    /** The scratch schema, spelled as the database folds unquoted names (Flyway quotes it, the SQL here does not). */
    String schema;
    String S;

    @BeforeEach
    void scratchSchema() throws Exception {
        try (var connection = dataSource.getConnection()) {
            schema = connection.getMetaData().storesUpperCaseIdentifiers() ? "V12_CHECK" : "v12_check";
        }
        S = schema + ".";
        dropSchema();
    }

    @AfterEach
    void dropSchema() {
        jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
    }

    Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration").target(target).load();
    }

    @Test
    void pastMeetingAndGovernmentRejectionsBecomeRejectionsAndTheVetoesStay() {
        flyway("11").migrate();
        jdbc.sql("INSERT INTO " + S + "org_unit (code, name, kind) VALUES (:c, '新立街道', 'STREET')").param("c", UNIT).update();
        long meetingRejection = vetoed("ZS-2025-9001", "pi-1", "2025-03-10T10:00+08:00",
                "项目论证会不通过：2025年第3次项目论证会：不通过（出席 5/5 个成员部门；同意 2，不同意 3，弃权 0）");
        agendaItem("pi-1", "REJECTED", "dept-gongxin", "DISAGREE", "dept-huanbao", "AGREE");
        long meetingVeto = vetoed("ZS-2025-9002", "pi-2", "2025-03-11T10:00+08:00",
                "项目论证会不通过：2025年第3次项目论证会：不通过（出席 5/5 个成员部门；同意 4，不同意 1，弃权 0）；区生态环境局行使一票否决");
        agendaItem("pi-2", "REJECTED", "dept-gongxin", "AGREE", "dept-huanbao", "DISAGREE");
        long government = vetoed("ZS-2025-9003", "pi-3", "2025-03-20T10:00+08:00", "区政府常务会议不同意：用地指标紧张");
        long environment = vetoed("ZS-2025-9004", "pi-4", "2025-03-05T10:00+08:00", "区生态环境局一票否决：位于生态保护红线内");
        long eliminated = vetoed("ZS-2025-9005", "pi-5", "2025-03-06T10:00+08:00", "区工业和信息化局产业指导意见为淘汰类：属淘汰类落后产能");
        jdbc.sql("""
                INSERT INTO %sreview_opinion (project_code, process_instance_id, step, department, decision, comment, actor, given_at)
                VALUES ('ZS-2025-9005', 'pi-5', 'INDUSTRY', 'dept-gongxin', 'ELIMINATED', '属淘汰类落后产能', 'maliang', :at)"""
                .formatted(S)).param("at", OffsetDateTime.parse("2025-03-06T10:00+08:00")).update();
        // No meeting records left (the reason's wording decides), in February.
        long withoutRecords = vetoed("ZS-2025-9006", "pi-6", "2025-02-14T10:00+08:00", "项目论证会不通过：第2次项目论证会：不通过（同意 1，不同意 4）");
        // Half past midnight on 1 April in Shanghai is still 31 March in UTC: an April rejection.
        long april = vetoed("ZS-2025-9007", "pi-7", "2025-04-01T00:30+08:00", "区政府常务会议不同意：规划调整");
        long march = briefing("2025-03", "2025-03-01", "2025-03-31", "2025-Q1");
        long february = briefing("2025-02", "2025-02-01", "2025-02-28", null);
        row(march, "MONTH", 5);
        row(march, "QUARTER", 6);
        row(february, "MONTH", 1);

        flyway("12").migrate();

        assertThat(stage(meetingRejection)).isEqualTo("REJECTED");
        assertThat(stage(government)).isEqualTo("REJECTED");
        assertThat(stage(withoutRecords)).isEqualTo("REJECTED");
        assertThat(stage(april)).isEqualTo("REJECTED");
        assertThat(stage(meetingVeto)).as("环保 voting 不同意 at the meeting is its veto").isEqualTo("VETOED");
        assertThat(stage(environment)).isEqualTo("VETOED");
        assertThat(stage(eliminated)).as("a 淘汰类 that ended the review under the old rule stays a veto").isEqualTo("VETOED");
        List<String> timeline = jdbc.sql("SELECT event_type || ':' || to_stage || ':' || reason FROM " + S
                + "project_history WHERE project_id = :p ORDER BY id").param("p", meetingRejection).query(String.class).list();
        assertThat(timeline).hasSize(3);
        assertThat(timeline.get(1)).startsWith("STAGE_CHANGED:REJECTED:项目论证会不通过：");
        assertThat(timeline.get(2)).startsWith("STAGE_CORRECTED:REJECTED:数据更正：").contains("由「已否决」更正为「不予通过」");
        assertThat(jdbc.sql("SELECT DISTINCT event_type FROM " + S + "project_history").query(String.class).list())
                .allSatisfy(type -> ProjectEventType.valueOf(type));
        assertThat(jdbc.sql("SELECT decision FROM " + S + "review_opinion WHERE process_instance_id = 'pi-5'").query(String.class).single())
                .isEqualTo(ReviewDecisions.ELIMINATED_VETO);

        // March: pi-1 and pi-3 were rejections; the quarter adds February's pi-6; April's pi-7 counts in neither.
        assertThat(counts(march, "MONTH")).containsExactly(3, 2);
        assertThat(counts(march, "QUARTER")).containsExactly(3, 3);
        assertThat(counts(february, "MONTH")).containsExactly(0, 1);
    }

    /** A project the old code ended as 已否决: registered, submitted for review, then VETOED with the review's reason. */
    long vetoed(String code, String pi, String at, String reason) {
        OffsetDateTime when = OffsetDateTime.parse(at);
        jdbc.sql("""
                INSERT INTO %sinvestment_project (code, name, investor, investor_category, industry, total_investment, land_area, origin_unit,
                    host_unit, stage, created_by, created_at, updated_at)
                VALUES (:code, '迁移测试项目', '测试投资方', 'OTHER', 'SMART_MANUFACTURING', 3000, 0, :unit, :unit, 'VETOED', 'songyang', :at, :at)"""
                .formatted(S)).param("code", code).param("unit", UNIT).param("at", when.minusDays(20)).update();
        long id = jdbc.sql("SELECT id FROM " + S + "investment_project WHERE code = :code").param("code", code).query(Long.class).single();
        history(id, "NEGOTIATING", "UNDER_REVIEW", "提交项目评审", pi, when.minusDays(20));
        history(id, "UNDER_REVIEW", "VETOED", reason, pi, when);
        return id;
    }

    void history(long project, String from, String to, String reason, String pi, OffsetDateTime at) {
        jdbc.sql("""
                INSERT INTO %sproject_history (project_id, event_type, from_stage, to_stage, actor, reason, process_instance_id, occurred_at)
                VALUES (:p, 'STAGE_CHANGED', :from, :to, 'system', :reason, :pi, :at)""".formatted(S))
                .param("p", project).param("from", from).param("to", to).param("reason", reason).param("pi", pi).param("at", at).update();
    }

    void agendaItem(String pi, String result, String department1, String vote1, String department2, String vote2) {
        jdbc.sql("""
                INSERT INTO %smeeting_agenda_item (project_code, process_instance_id, status, result, added_at)
                VALUES ('ZS', :pi, 'DECIDED', :result, :at)""".formatted(S))
                .param("pi", pi).param("result", result).param("at", OffsetDateTime.parse("2025-03-01T10:00+08:00")).update();
        long item = jdbc.sql("SELECT id FROM " + S + "meeting_agenda_item WHERE process_instance_id = :pi").param("pi", pi).query(Long.class).single();
        for (String[] vote : new String[][] {{department1, vote1}, {department2, vote2}}) {
            jdbc.sql("""
                    INSERT INTO %smeeting_vote (agenda_item_id, department, vote, recorded_by, recorded_at)
                    VALUES (:item, :dept, :vote, 'huangtao', :at)""".formatted(S))
                    .param("item", item).param("dept", vote[0]).param("vote", vote[1]).param("at", OffsetDateTime.parse("2025-03-01T10:00+08:00"))
                    .update();
        }
    }

    long briefing(String label, String start, String end, String quarter) {
        jdbc.sql("""
                INSERT INTO %sbriefing (period_label, period_start, period_end, quarter_label, status, assembled_at)
                VALUES (:label, :start, :end, :quarter, 'PUBLISHED', :at)""".formatted(S))
                .param("label", label).param("start", java.time.LocalDate.parse(start)).param("end", java.time.LocalDate.parse(end)).param("quarter", quarter)
                .param("at", OffsetDateTime.parse("2025-04-08T09:00+08:00")).update();
        return jdbc.sql("SELECT id FROM " + S + "briefing WHERE period_label = :label").param("label", label).query(Long.class).single();
    }

    void row(long briefing, String scope, int vetoes) {
        jdbc.sql("""
                INSERT INTO %sbriefing_row (briefing_id, scope, unit, rank_no, new_projects, approved, signed, landed, domestic_funds,
                    foreign_capital, overdue_tasks, escalations, vetoes, lost, evaluation_flags, score)
                VALUES (:b, :scope, :unit, 1, 0, 0, 0, 0, 0, 0, 0, 0, :vetoes, 0, 0, 0)""".formatted(S))
                .param("b", briefing).param("scope", scope).param("unit", UNIT).param("vetoes", vetoes).update();
    }

    String stage(long project) {
        return jdbc.sql("SELECT stage FROM " + S + "investment_project WHERE id = :id").param("id", project).query(String.class).single();
    }

    /** 否决 and 不予通过 of the unit's row. */
    List<Integer> counts(long briefing, String scope) {
        return jdbc.sql("SELECT vetoes, rejections FROM " + S + "briefing_row WHERE briefing_id = :b AND scope = :s")
                .param("b", briefing).param("s", scope).query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2))).single();
    }
}
