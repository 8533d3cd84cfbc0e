package org.zhaoshang.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhaoshang.support.EscalationProbe.at;
import static org.zhaoshang.support.EscalationProbe.clockAt;
import static org.zhaoshang.support.EscalationProbe.runDueJobs;

import java.math.BigDecimal;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.calendar.WorkingPeriod;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.support.EscalationProbe;
import org.zhaoshang.support.IntegrationTest;

/**
 * The shared escalation pattern driven through a real BPMN: the engine clock moves, the timer jobs
 * run, and reminder, overdue and 督办 fire in order to the right people, flag the task and reach the
 * project's timeline; a task completed in time sends nothing more.
 */
@IntegrationTest
class EscalationIT {

    static final StaffUser OFFICER = new StaffUser("zhouxiaoyu", "周晓宇", List.of("unit-street-jinzhong"));

    @Autowired
    ProcessEngine engine;
    @Autowired
    SlaService slas;
    @Autowired
    EscalationService escalations;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void probe() {
        EscalationProbe.deploy(engine);
        // Due in 3 working days, reminder 1 day before, overdue at the due time, 督办 2 days after.
        slas.save(TaskSla.inDays(EscalationProbe.TASK_KEY, 3, 1, 0, 2, RecipientRule.ASSIGNEE_OR_CANDIDATES,
                RecipientRule.SUPERVISOR, RecipientRule.LEAD_OFFICIAL_OR_DUCHA), "admin");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void reminderOverdueAndSupervisionFireInOrderToTheRightPeople() {
        clockAt("2026-03-02T10:00"); // Monday
        String code = registerProject();
        String pi = EscalationProbe.start(engine, code);
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
        assertThat(task.getDueDate()).isEqualTo(at("2026-03-05T18:00"));
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi).list())
                .extracting(Job::getDuedate)
                .containsExactlyInAnyOrder(at("2026-03-04T09:00"), at("2026-03-05T18:00"), at("2026-03-09T18:00"));

        clockAt("2026-03-04T08:59");
        assertThat(runDueJobs(engine, pi)).isZero();

        clockAt("2026-03-04T09:01");
        assertThat(runDueJobs(engine, pi)).isOne();
        // Unclaimed: the reminder goes to every member of the candidate group.
        assertThat(mails(task.getId(), 0)).containsExactly("caoli", "fenggang");
        assertThat(engine.getTaskService().getVariableLocal(task.getId(), EscalationService.TASK_LEVEL_VARIABLE)).isNull();

        engine.getTaskService().claim(task.getId(), "caoli");
        clockAt("2026-03-05T18:01");
        assertThat(runDueJobs(engine, pi)).isOne();
        // Claimed by caoli: level 1 goes to her supervisor.
        assertThat(mails(task.getId(), 1)).containsExactly("fenggang");
        assertThat(engine.getTaskService().getVariableLocal(task.getId(), EscalationService.TASK_LEVEL_VARIABLE)).isEqualTo(1);

        clockAt("2026-03-09T18:01");
        assertThat(runDueJobs(engine, pi)).isOne();
        // No lead official on the project: 督查室.
        assertThat(mails(task.getId(), 2)).containsExactly("hanmei");
        Task flagged = engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
        assertThat(engine.getTaskService().getVariableLocal(task.getId(), EscalationService.TASK_LEVEL_VARIABLE)).isEqualTo(2);
        assertThat(flagged.getPriority()).isEqualTo(100);

        assertThat(escalations.escalationsOf(task.getId())).extracting(TaskEscalation::level).containsExactly(0, 1, 2);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi).count()).isZero();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi)
                .activityId("EndEvent_ProbeSupervise").count()).isOne();
        List<String> timeline = jdbc.sql("""
                SELECT h.event_type FROM project_history h JOIN investment_project p ON p.id = h.project_id
                WHERE p.code = :code ORDER BY h.id""").param("code", code).query(String.class).list();
        assertThat(timeline).containsExactly("CREATED", "TASK_REMINDED", "TASK_ESCALATED", "TASK_ESCALATED");
        String subject = jdbc.sql("SELECT subject FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = :task AND escalation_level = 2")
                .param("task", task.getId()).query(String.class).single();
        assertThat(subject).startsWith("【督办】" + code).contains("审查环保条件", "已逾期 2 个工作日");

        // The task is still there to be done; completing it ends the process normally.
        engine.getTaskService().complete(task.getId());
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
    }

    @Test
    void levelTwoGoesToTheProjectsLeadOfficial() {
        clockAt("2026-03-02T10:00");
        String code = registerProject();
        jdbc.sql("UPDATE investment_project SET lead_official = 'wangfang' WHERE code = :code").param("code", code).update();
        String pi = EscalationProbe.start(engine, code);
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
        clockAt("2026-03-10T09:00");
        assertThat(runDueJobs(engine, pi)).isEqualTo(3);
        // Unclaimed at level 1: the head of the candidate department.
        assertThat(mails(task.getId(), 1)).containsExactly("fenggang");
        assertThat(mails(task.getId(), 2)).containsExactly("wangfang");
    }

    @Test
    void afterAnOutageOfMonthsEachLevelFiresOnceWhenTheNodesReturn() {
        clockAt("2026-03-02T10:00");
        String pi = EscalationProbe.start(engine, registerProject());
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
        // Every node down from the day after the start until the end of June: no job ran in between.
        clockAt("2026-06-30T10:00");
        int fired = 0;
        for (int pass = 0; pass < 5; pass++) {
            fired += runDueJobs(engine, pi);
        }
        assertThat(fired).as("one job per level, not one per missed day").isEqualTo(3);
        assertThat(mails(task.getId(), 0)).isNotEmpty().doesNotHaveDuplicates();
        assertThat(mails(task.getId(), 1)).containsExactly("fenggang");
        assertThat(mails(task.getId(), 2)).isNotEmpty().doesNotHaveDuplicates();
        assertThat(count("SELECT COUNT(*) FROM task_escalation WHERE task_id = :task", task.getId())).isEqualTo(3);
        clockAt("2026-09-30T10:00");
        assertThat(runDueJobs(engine, pi)).isZero();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi).count()).isOne();
        assertThat(invariants(pi)).isEmpty();
    }

    @Test
    void completingBeforeTheTimersCancelsThemAndSendsNothing() {
        clockAt("2026-03-02T10:00");
        String pi = EscalationProbe.start(engine, registerProject());
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
        engine.getTaskService().complete(task.getId());

        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi).count()).isZero();
        clockAt("2026-04-30T10:00");
        assertThat(runDueJobs(engine, pi)).isZero();
        assertThat(count("SELECT COUNT(*) FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = :task", task.getId())).isZero();
        assertThat(count("SELECT COUNT(*) FROM task_escalation WHERE task_id = :task", task.getId())).isZero();
    }

    @Test
    void firingTheSameLevelTwiceRecordsAndMailsOnce() {
        clockAt("2026-03-02T10:00");
        String pi = EscalationProbe.start(engine, registerProject());
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
        clockAt("2026-03-06T10:00");

        assertThat(escalations.escalate(task.getId(), 1)).isTrue();
        assertThat(escalations.escalate(task.getId(), 1)).isFalse();
        // The timer job fires the same level as well: still nothing new.
        clockAt("2026-03-05T18:30");
        runDueJobs(engine, pi);

        assertThat(mails(task.getId(), 1)).containsExactly("fenggang");
        assertThat(count("SELECT COUNT(*) FROM task_escalation WHERE task_id = :task AND escalation_level = 1", task.getId())).isOne();
        assertThat(invariants(pi)).isEmpty();
    }

    /** The SQL invariants of the fault tests (support.Invariants) over this test's case. */
    private List<String> invariants(String pi) {
        try {
            return org.zhaoshang.support.Invariants.violations(org.zhaoshang.support.Invariants.sql(jdbc), pi);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Policy 003 (二十二): "一般社会工程项目审批时限压至0.5个工作日完成" — a task type limited to half a working day, reminded one
     * working hour before, overdue at its due time and 督办 two working hours later; counted in working time, the lunch
     * break left out.
     */
    @Test
    void aTaskLimitedToHalfAWorkingDayIsDueRemindedAndEscalatedInWorkingHours() {
        slas.save(new TaskSla(EscalationProbe.TASK_KEY, WorkingPeriod.parse("0.5"), WorkingPeriod.parse("1h"), WorkingPeriod.parse("0h"),
                WorkingPeriod.parse("2h"), RecipientRule.ASSIGNEE_OR_CANDIDATES, RecipientRule.SUPERVISOR, RecipientRule.DUCHA), "admin");
        clockAt("2026-03-02T09:30"); // Monday
        String pi = EscalationProbe.start(engine, registerProject());
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
        // 09:30–12:00 is 150 minutes; the other 75 of the 225 (half of 7.5 working hours) from 13:30.
        assertThat(task.getDueDate()).isEqualTo(at("2026-03-02T14:45"));
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi).list()).extracting(Job::getDuedate)
                .containsExactlyInAnyOrder(at("2026-03-02T13:45"), at("2026-03-02T14:45"), at("2026-03-02T16:45"));

        clockAt("2026-03-02T13:46");
        assertThat(runDueJobs(engine, pi)).isOne();
        clockAt("2026-03-02T14:46");
        assertThat(runDueJobs(engine, pi)).isOne();
        clockAt("2026-03-02T16:46");
        assertThat(runDueJobs(engine, pi)).isOne();
        assertThat(escalations.escalationsOf(task.getId())).extracting(TaskEscalation::level).containsExactly(0, 1, 2);
        String subject = jdbc.sql("SELECT subject FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = :task AND escalation_level = 2")
                .param("task", task.getId()).query(String.class).single();
        assertThat(subject).startsWith("【督办】").contains("已逾期 2 个工作小时");
    }

    @Test
    void anSlaChangeAppliesToTasksCreatedAfterIt() {
        clockAt("2026-03-02T10:00");
        String before = EscalationProbe.start(engine, registerProject());
        slas.save(TaskSla.inDays(EscalationProbe.TASK_KEY, 10, 2, 1, 3, RecipientRule.ASSIGNEE_OR_CANDIDATES,
                RecipientRule.SUPERVISOR, RecipientRule.DUCHA), "admin");
        String after = EscalationProbe.start(engine, registerProject());

        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(before).singleResult().getDueDate())
                .isEqualTo(at("2026-03-05T18:00"));
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(after).singleResult().getDueDate())
                .isEqualTo(at("2026-03-16T18:00"));
    }

    private String registerProject() {
        return projects.register(new ProjectRegistration("督办测试项目", "测试投资方", "其他", "智能制造", new BigDecimal("100"),
                null, BigDecimal.ZERO, "unit-street-jinzhong", null, false, null, null, null), OFFICER).code();
    }

    private List<String> mails(String taskId, int level) {
        return jdbc.sql("SELECT recipient_user_id FROM mail_outbox WHERE channel = 'EMAIL' "
                + "AND task_id = :task AND escalation_level = :level ORDER BY recipient_user_id")
                .param("task", taskId).param("level", level).query(String.class).list();
    }

    private long count(String sql, String taskId) {
        return jdbc.sql(sql).param("task", taskId).query(Long.class).single();
    }
}
