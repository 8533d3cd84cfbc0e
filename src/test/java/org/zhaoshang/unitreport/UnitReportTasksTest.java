package org.zhaoshang.unitreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.zhaoshang.calendar.CalendarProperties;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.identity.StaffProfile;
import org.zhaoshang.support.ProcessTestEngine;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * 单位报送 on the real BPMN in an in-memory engine, with the reports' real records (our migrations on an in-memory H2) and
 * the real PRC calendar: the unit's officer drafts, only the unit's head approves (or the officer's supervisor where the
 * unit has none), a return by the head or by 合作交流办 goes back to the officer with its reason, and the due date follows
 * the holidays (2026: 10月5日 is 国庆 → 10月8日; the week of 10月5日 ends on the 调休 Saturday 10月10日).
 */
class UnitReportTasksTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String JINZHONG = "unit-street-jinzhong";
    static final String JUNLIANGCHENG = "unit-street-junliangcheng";
    static ProcessTestEngine test;
    static JdbcClient jdbc;
    static UnitReportRecords records;

    @TempDir
    static Path holidayDir;

    @BeforeAll
    static void startEngine() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:unit-report-records;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return SHANGHAI;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return ClockUtil.getCurrentTime().toInstant();
            }
        };
        WorkingDayCalendar calendar = new WorkingDayCalendar(new CalendarProperties(LocalTime.of(18, 0), LocalTime.of(9, 0), holidayDir), clock,
                new PathMatchingResourcePatternResolver());
        OrgDirectory directory = ProcessTestEngine.directory();
        OrgUnit jinzhong = new OrgUnit(JINZHONG, "金钟街道", OrgUnitKind.STREET, List.of(), "liuyang");
        OrgUnit junliangcheng = new OrgUnit(JUNLIANGCHENG, "军粮城街道", OrgUnitKind.STREET, List.of(), null);
        Mockito.when(directory.findUnit(JINZHONG)).thenReturn(Optional.of(jinzhong));
        Mockito.when(directory.projectUnits()).thenReturn(List.of(jinzhong, junliangcheng));
        Mockito.when(directory.findProfile("sunli")).thenReturn(Optional.of(new StaffProfile("sunli", JUNLIANGCHENG, "招商专员", "wanggang", null)));
        records = new UnitReportRecords(jdbc, clock);
        ReportContent content = new ReportContent(jdbc, new ObjectMapper(), "Asia/Shanghai");
        UnitReportService reports = new UnitReportService(records, content, directory, calendar);
        test = ProcessTestEngine.start("unit-report-tasks", new UnitReportTasks(reports, records, content, directory), directory,
                Map.of("unitReports", new UnitReportExpressions(records, calendar), "openReportsDelegate", new OpenReportsDelegate(reports),
                        "unitReportSchedule", new UnitReportSchedule(calendar)),
                List.of(), "processes/unit-report.bpmn");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @AfterAll
    static void stopEngine() {
        test.close();
    }

    @BeforeEach
    void noReportsYet() {
        jdbc.sql("DELETE FROM unit_report_event").update();
        jdbc.sql("DELETE FROM unit_report").update();
    }

    /** The reporting day's instance at {@code opening} (Shanghai time). */
    static ProcessInstance open(String opening) {
        ClockUtil.setCurrentTime(Date.from(LocalDateTime.parse(opening).atZone(SHANGHAI).toInstant()));
        return test.engine().getRuntimeService().createProcessInstanceByKey(UnitReportProcess.PROCESS_KEY)
                .startBeforeActivity("ServiceTask_OpenReports").execute();
    }

    static Date endOfDay(String day) {
        return Date.from(ZonedDateTime.of(LocalDateTime.parse(day + "T18:00"), SHANGHAI).toInstant());
    }

    static UnitReportRecords.Report report(ProcessInstance pi, String unit, ReportKind kind) {
        return records.list(List.of(unit), kind, null, 10).stream().filter(r -> pi.getId().equals(r.processInstanceId())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " report of " + unit));
    }

    static UnitReportRecords.Report reload(UnitReportRecords.Report report) {
        return records.find(report.id()).orElseThrow();
    }

    /** The open task of one report (its sub-process's {@code reportId}), or null. */
    static Task task(String key, UnitReportRecords.Report report) {
        return test.engine().getTaskService().createTaskQuery().processInstanceId(report.processInstanceId()).taskDefinitionKey(key).list()
                .stream().filter(t -> Long.valueOf(report.id()).equals(test.engine().getTaskService().getVariable(t.getId(), UnitReportProcess.REPORT_ID)))
                .findFirst().orElse(null);
    }

    static Object formValue(UnitReportRecords.Report report, String variable) {
        return test.engine().getTaskService().getVariable(task(UnitReportProcess.TASK_DRAFT, report).getId(), variable);
    }

    static void complete(String key, UnitReportRecords.Report report, String user, List<String> groups, Map<String, Object> variables) {
        Task task = task(key, report);
        assertThat(task).as("open task " + key).isNotNull();
        test.engine().getIdentityService().setAuthentication(user, groups);
        try {
            test.engine().getTaskService().complete(task.getId(), new java.util.HashMap<>(variables));
        } finally {
            test.engine().getIdentityService().clearAuthentication();
        }
    }

    static void refused(String key, UnitReportRecords.Report report, String user, List<String> groups, Map<String, Object> variables,
            String message) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> complete(key, report, user, groups, variables))
                .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class).hasMessageContaining(message);
        assertThat(task(key, report)).as("still open").isNotNull();
    }

    static final Map<String, Object> MONTHLY = Map.of(UnitReportProcess.SITUATION_NOTE, "两个项目在谈，一个待签约",
            UnitReportProcess.TRACKING_FEEDBACK, "ZS-2026-0001 智能装备：已二次考察；下一步商务谈判", UnitReportProcess.SERVICE_LIST, "ZS-2026-0001：协调用地指标；刘洋");

    @Test
    void aMonthsThreeFormsDraftedApprovedByTheHeadReturnedForCorrectionAndReceived() {
        // 1 October 2026: last month's three forms and last quarter's report open; this week's (due 30 September) is past.
        ProcessInstance pi = open("2026-10-01T08:00");
        assertThat(records.list(List.of(), null, null, 100)).extracting(r -> r.kind() + " " + r.periodLabel() + " " + r.unit())
                .containsExactlyInAnyOrder("MONTHLY 2026-09 " + JINZHONG, "MONTHLY 2026-09 " + JUNLIANGCHENG,
                        "QUARTERLY 2026-Q3 " + JINZHONG, "QUARTERLY 2026-Q3 " + JUNLIANGCHENG);
        UnitReportRecords.Report monthly = report(pi, JINZHONG, ReportKind.MONTHLY);
        assertThat(monthly.dueDate()).as("the 5th is 国庆: the next working day").hasToString("2026-10-08");
        assertThat(task(UnitReportProcess.TASK_DRAFT, monthly).getDueDate()).isEqualTo(endOfDay("2026-10-08"));
        assertThat(report(pi, JINZHONG, ReportKind.QUARTERLY).dueDate()).hasToString("2026-10-15");
        assertThat((String) formValue(monthly, UnitReportProcess.REPORT_HEADING)).contains("金钟街道", "2026年9月", "10月8日");
        assertThat(formValue(monthly, UnitReportProcess.REPORT_KIND)).as("the form shows the kind's fields").isEqualTo("MONTHLY");

        refused(UnitReportProcess.TASK_DRAFT, monthly, "sunli", List.of(JUNLIANGCHENG), MONTHLY, "只有金钟街道的人员可以办理");
        refused(UnitReportProcess.TASK_DRAFT, monthly, "chenjing", List.of(JINZHONG),
                Map.of(UnitReportProcess.TRACKING_FEEDBACK, "x", UnitReportProcess.SERVICE_LIST, "y"), "请填写重点招商项目情况说明");
        complete(UnitReportProcess.TASK_DRAFT, monthly, "chenjing", List.of(JINZHONG), MONTHLY);
        assertThat(reload(monthly).status()).isEqualTo(ReportStatus.AWAITING_APPROVAL);
        assertThat(task(UnitReportProcess.TASK_APPROVE, monthly).getAssignee()).as("the unit's head").isEqualTo("liuyang");

        refused(UnitReportProcess.TASK_APPROVE, monthly, "chenjing", List.of(JINZHONG), Map.of(UnitReportProcess.APPROVAL_DECISION, "APPROVE"),
                "报送材料须经本单位主要负责人（liuyang）审定");
        refused(UnitReportProcess.TASK_APPROVE, monthly, "liuyang", List.of(JINZHONG), Map.of(UnitReportProcess.APPROVAL_DECISION, "RETURN"),
                "退回修改须写明原因");
        complete(UnitReportProcess.TASK_APPROVE, monthly, "liuyang", List.of(JINZHONG),
                Map.of(UnitReportProcess.APPROVAL_DECISION, "RETURN", UnitReportProcess.APPROVAL_NOTE, "补充用地协调进展"));
        assertThat(reload(monthly).status()).isEqualTo(ReportStatus.RETURNED);
        assertThat((String) formValue(monthly, UnitReportProcess.RETURN_NOTE)).contains("负责人退回修改", "补充用地协调进展");
        assertThat(formValue(monthly, UnitReportProcess.SITUATION_NOTE)).as("the last draft comes back").isEqualTo("两个项目在谈，一个待签约");

        complete(UnitReportProcess.TASK_DRAFT, monthly, "chenjing", List.of(JINZHONG),
                Map.of(UnitReportProcess.SITUATION_NOTE, "两个项目在谈；用地指标已报区规资局", UnitReportProcess.TRACKING_FEEDBACK, "已跟踪",
                        UnitReportProcess.SERVICE_LIST, "协调用地"));
        complete(UnitReportProcess.TASK_APPROVE, monthly, "liuyang", List.of(JINZHONG), Map.of(UnitReportProcess.APPROVAL_DECISION, "审定同意"));
        UnitReportRecords.Report sent = reload(monthly);
        assertThat(sent.status()).isEqualTo(ReportStatus.SUBMITTED);
        assertThat(sent.approvedBy()).isEqualTo("liuyang");
        assertThat(sent.approvedAt()).isNotNull();

        refused(UnitReportProcess.TASK_RECEIVE, monthly, "chenjing", List.of(JINZHONG), Map.of(UnitReportProcess.RECEIPT_DECISION, "RECEIVE"),
                "只有区合作交流办的人员可以办理");
        complete(UnitReportProcess.TASK_RECEIVE, monthly, "huangtao", List.of("dept-hezuo"),
                Map.of(UnitReportProcess.RECEIPT_DECISION, "RETURN", UnitReportProcess.RECEIPT_NOTE, "服务清单缺责任人"));
        UnitReportRecords.Report returned = reload(monthly);
        assertThat(returned.status()).isEqualTo(ReportStatus.RETURNED);
        assertThat(returned.approvedAt()).as("no longer sent: the next approval counts").isNull();
        assertThat((String) formValue(monthly, UnitReportProcess.RETURN_NOTE)).contains("合作交流办退回补正", "服务清单缺责任人");

        complete(UnitReportProcess.TASK_DRAFT, monthly, "chenjing", List.of(JINZHONG), Map.of(UnitReportProcess.SITUATION_NOTE, "两个项目在谈",
                UnitReportProcess.TRACKING_FEEDBACK, "已跟踪", UnitReportProcess.SERVICE_LIST, "协调用地；责任人刘洋"));
        complete(UnitReportProcess.TASK_APPROVE, monthly, "liuyang", List.of(JINZHONG), Map.of(UnitReportProcess.APPROVAL_DECISION, "APPROVE"));
        complete(UnitReportProcess.TASK_RECEIVE, monthly, "huangtao", List.of("dept-hezuo"), Map.of(UnitReportProcess.RECEIPT_DECISION, "RECEIVE"));
        assertThat(reload(monthly).status()).isEqualTo(ReportStatus.RECEIVED);
        assertThat(task(UnitReportProcess.TASK_DRAFT, monthly)).isNull();
        assertThat(records.events(monthly.id())).extracting(UnitReportRecords.Event::action).containsExactly("DRAFTED",
                "RETURNED_BY_HEAD", "DRAFTED", "APPROVED", "RETURNED_BY_OFFICE", "DRAFTED", "APPROVED", "RECEIVED");

        // 军粮城街道 has no head on record: its officer without a supervisor cannot send it anywhere; one with a supervisor can.
        UnitReportRecords.Report other = report(pi, JUNLIANGCHENG, ReportKind.MONTHLY);
        refused(UnitReportProcess.TASK_DRAFT, other, "zhoumin", List.of(JUNLIANGCHENG), MONTHLY, "本单位未设置主要负责人");
        complete(UnitReportProcess.TASK_DRAFT, other, "sunli", List.of(JUNLIANGCHENG), MONTHLY);
        assertThat(task(UnitReportProcess.TASK_APPROVE, other).getAssignee()).isEqualTo("wanggang");
        complete(UnitReportProcess.TASK_APPROVE, other, "wanggang", List.of(), Map.of(UnitReportProcess.APPROVAL_DECISION, "APPROVE"));
        complete(UnitReportProcess.TASK_RECEIVE, other, "huangtao", List.of("dept-hezuo"), Map.of(UnitReportProcess.RECEIPT_DECISION, "RECEIVE"));
        assertThat(pi).as("the quarterly reports are still owed").isActive();
        for (String unit : List.of(JINZHONG, JUNLIANGCHENG)) {
            UnitReportRecords.Report quarterly = report(pi, unit, ReportKind.QUARTERLY);
            assertThat((String) formValue(quarterly, UnitReportProcess.QUARTER_REPORT)).startsWith("2026年第3季度，本单位新增招商项目0个");
            String officer = unit.equals(JINZHONG) ? "chenjing" : "sunli";
            complete(UnitReportProcess.TASK_DRAFT, quarterly, officer, List.of(unit), Map.of(UnitReportProcess.QUARTER_REPORT, "季度报告正文"));
            String head = unit.equals(JINZHONG) ? "liuyang" : "wanggang";
            complete(UnitReportProcess.TASK_APPROVE, quarterly, head, List.of(unit), Map.of(UnitReportProcess.APPROVAL_DECISION, "APPROVE"));
            complete(UnitReportProcess.TASK_RECEIVE, quarterly, "huangtao", List.of("dept-hezuo"), Map.of(UnitReportProcess.RECEIPT_DECISION, "RECEIVE"));
        }
        assertThat(pi).isEnded();

        // The timer firing twice on one day opens nothing new: the second instance has no reports and ends.
        ProcessInstance again = open("2026-10-01T08:00");
        assertThat(again).isEnded();
        assertThat(records.list(List.of(), null, null, 100)).hasSize(4);
    }

    @Test
    void theWeekAfterNationalDayIsDueOnItsAdjustedSaturdayAndALateDraftEscalates() {
        ProcessInstance pi = open("2026-10-05T08:00");
        UnitReportRecords.Report weekly = report(pi, JINZHONG, ReportKind.WEEKLY);
        assertThat(weekly.periodLabel()).isEqualTo("2026-W41");
        assertThat(weekly.dueDate()).as("10月10日 is a 调休 working Saturday").hasToString("2026-10-10");
        assertThat(task(UnitReportProcess.TASK_DRAFT, weekly).getDueDate()).isEqualTo(endOfDay("2026-10-10"));

        Task draft = task(UnitReportProcess.TASK_DRAFT, weekly);
        Job overdue = test.engine().getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
                .activityId("BoundaryEvent_DraftReportOverdue").list().stream()
                .filter(j -> j.getExecutionId().equals(draft.getExecutionId()) || isAncestor(j.getExecutionId(), draft.getExecutionId()))
                .findFirst().orElseThrow();
        test.engine().getManagementService().executeJob(overdue.getId());
        assertThat(test.engine().getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId("EndEvent_DraftReportOverdue").count()).as("the late draft is escalated").isEqualTo(1);
        assertThat(task(UnitReportProcess.TASK_DRAFT, weekly)).as("and stays open").isNotNull();
        refused(UnitReportProcess.TASK_DRAFT, weekly, "chenjing", List.of(JINZHONG), Map.of(UnitReportProcess.NEXT_WEEK_PLAN, "走访"), "请填写本周招商动态");
        complete(UnitReportProcess.TASK_DRAFT, weekly, "chenjing", List.of(JINZHONG),
                Map.of(UnitReportProcess.WEEKLY_NEWS, "接待客商2批", UnitReportProcess.NEXT_WEEK_PLAN, "赴京走访"));
        assertThat(reload(weekly).content()).contains("接待客商2批", "赴京走访");
        test.engine().getRuntimeService().deleteProcessInstance(pi.getId(), "test done");
    }

    /** True when {@code execution} is {@code descendant} or one of its parents. */
    static boolean isAncestor(String execution, String descendant) {
        for (var e = test.engine().getRuntimeService().createExecutionQuery().executionId(descendant).singleResult(); e != null; ) {
            if (e.getId().equals(execution)) {
                return true;
            }
            String parent = ((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) e).getParentId();
            e = parent == null ? null : test.engine().getRuntimeService().createExecutionQuery().executionId(parent).singleResult();
        }
        return false;
    }

    @Test
    void newYearsDayOpensTheYearsSummaryDueAfterTheWeekendAndTheWeekDueOnItsAdjustedSunday() {
        ProcessInstance pi = open("2026-01-01T08:00");
        UnitReportRecords.Report annual = report(pi, JINZHONG, ReportKind.ANNUAL);
        assertThat(annual.periodLabel()).isEqualTo("2025");
        assertThat(annual.dueDate()).as("31 January 2026 is a Saturday").hasToString("2026-02-02");
        assertThat((String) formValue(annual, UnitReportProcess.ANNUAL_SUMMARY)).as("the ledger's figures to start from")
                .startsWith("2025年度，本单位新增招商项目0个");
        assertThat(report(pi, JINZHONG, ReportKind.WEEKLY).dueDate()).as("4 January 2026 is a 调休 working Sunday").hasToString("2026-01-04");
        assertThat(report(pi, JINZHONG, ReportKind.MONTHLY).dueDate()).hasToString("2026-01-05");
        assertThat(report(pi, JINZHONG, ReportKind.QUARTERLY).dueDate()).hasToString("2026-01-15");
        test.engine().getRuntimeService().deleteProcessInstance(pi.getId(), "test done");
    }
}
