package org.zhaoshang.unitreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhaoshang.support.EscalationProbe.at;
import static org.zhaoshang.support.EscalationProbe.clockAt;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.briefing.BriefingRecords;
import org.zhaoshang.briefing.BriefingService;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * 单位报送 end to end (issue 25 part 3, policy 002 and 004) on the running application: the start timer opens every unit's
 * reports on Monday 1 June 2026 (the week's 招商动态, May's three forms), the officer drafts through the engine's REST API
 * as Tasklist does (the form prefilled from the ledger), only the unit's head approves, 合作交流办 signs; the report is a page,
 * an Excel workbook and a PDF with the head's name and time; a report sent late and reports not sent count in June's
 * briefing; other units' officers cannot read it. Bad input changes nothing.
 */
@IntegrationTest
class UnitReportIT {

    static final String JINZHONG = "unit-street-jinzhong";
    static final String WANXIN = "unit-street-wanxin";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UnitReportRecords records;
    @Autowired
    UnitReportSchedule schedule;
    @Autowired
    BriefingService briefings;
    @Autowired
    BriefingRecords briefingRecords;
    @Autowired
    OrgDirectory directory;
    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void realTimeAgain() {
        ClockUtil.reset();
        Job timer = startTimer();
        engine.getManagementService().setJobDuedate(timer.getId(), Date.from(schedule.next(ClockUtil.getCurrentTime().toInstant()).toInstant()));
    }

    Job startTimer() {
        return engine.getManagementService().createJobQuery().processDefinitionKey(UnitReportProcess.PROCESS_KEY).timers()
                .activityId(UnitReportProcess.START_TIMER).singleResult();
    }

    @Test
    void aUnitsReportsFromTheMondayTimerToTheHeadsApprovalTheDownloadsAndTheBriefing() throws Exception {
        // A project of 金钟街道 registered in May: the ledger's row of May's 情况表.
        clockAt("2026-05-20T10:00");
        Browser officer = Browser.basic(port, "zhouxiaoyu", "demo");
        HttpResponse<String> registered = officer.postJson("/api/projects", """
                {"name": "报送测试智能装备项目", "investor": "某智能装备有限公司", "investorCategory": "专精特新", "industry": "智能制造",
                 "totalInvestment": 6800, "landArea": 0, "originUnit": "unit-street-jinzhong"}""");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String code = json.readTree(registered.body()).get("code").asText();

        // Monday 1 June, 08:00: the start timer fires as the job executor would run it.
        clockAt("2026-06-01T08:00");
        Job timer = startTimer();
        engine.getManagementService().setJobDuedate(timer.getId(), at("2026-06-01T08:00"));
        engine.getManagementService().executeJob(timer.getId());
        assertThat(startTimer().getDuedate()).as("the next reporting day: Monday 8 June").isEqualTo(at("2026-06-08T08:00"));
        List<UnitReportRecords.Report> opened = records.list(List.of(), null, null, 500).stream()
                .filter(r -> r.periodStart().equals(LocalDate.parse("2026-06-01")) || r.periodLabel().equals("2026-05")).toList();
        for (OrgUnit unit : directory.projectUnits()) {
            assertThat(opened).as("every unit that brings projects owes its reports: " + unit.code())
                    .extracting(r -> r.kind() + " " + r.unit()).contains("WEEKLY " + unit.code(), "MONTHLY " + unit.code());
        }
        UnitReportRecords.Report monthly = find(opened, JINZHONG, ReportKind.MONTHLY);
        UnitReportRecords.Report weekly = find(opened, JINZHONG, ReportKind.WEEKLY);
        assertThat(monthly.dueDate()).hasToString("2026-06-05");
        assertThat(weekly.dueDate()).as("the week's last working day").hasToString("2026-06-05");

        // Tasklist's view of the officer's task: the kind, the ledger's facts to complete.
        clockAt("2026-06-02T10:00");
        Task draft = task(monthly, UnitReportProcess.TASK_DRAFT);
        JsonNode variables = json.readTree(officer.get("/engine-rest/task/" + draft.getId() + "/form-variables").body());
        assertThat(variables.at("/reportKind/value").asText()).isEqualTo("MONTHLY");
        assertThat(variables.at("/serviceList/value").asText()).contains(code + " 报送测试智能装备项目：服务事项——");
        assertThat(variables.at("/reportSummary/value").asText()).contains(code, "6800万元");
        assertThat(officer.get("/engine-rest/task/" + draft.getId() + "/deployed-form").body()).contains("重点招商信息跟踪反馈单");

        HttpResponse<String> incomplete = officer.postJson("/engine-rest/task/" + draft.getId() + "/submit-form", """
                {"variables": {"situationNote": {"value": "", "type": "String"}, "trackingFeedback": {"value": "已跟踪", "type": "String"},
                 "serviceList": {"value": "协调用地", "type": "String"}}}""");
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("请填写重点招商项目情况说明");
        assertThat(records.find(monthly.id()).orElseThrow().status()).as("nothing changed").isEqualTo(ReportStatus.OPEN);
        Browser other = Browser.basic(port, "zhuhao", "demo");
        assertThat(other.postJson("/engine-rest/task/" + draft.getId() + "/submit-form", monthlyForm()).statusCode())
                .as("万新街道's officer may not draft 金钟街道's").isIn(400, 403, 404);

        HttpResponse<String> drafted = officer.postJson("/engine-rest/task/" + draft.getId() + "/submit-form", monthlyForm());
        assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(204);
        clockAt("2026-06-03T10:00");
        Task approval = task(monthly, UnitReportProcess.TASK_APPROVE);
        assertThat(approval.getAssignee()).as("金钟街道's head").isEqualTo("liujianguo");
        HttpResponse<String> notTheHead = officer.postJson("/engine-rest/task/" + approval.getId() + "/submit-form",
                "{\"variables\": {\"approvalDecision\": {\"value\": \"APPROVE\", \"type\": \"String\"}}}");
        assertThat(notTheHead.statusCode()).isIn(400, 403, 404);
        Browser head = Browser.basic(port, "liujianguo", "demo");
        HttpResponse<String> approved = head.postJson("/engine-rest/task/" + approval.getId() + "/submit-form",
                """
                {"variables": {"approvalDecision": {"value": "APPROVE", "type": "String"}, "approvalNote": {"value": "同意报送", "type": "String"}}}""");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        Browser hezuo = Browser.basic(port, "huangtao", "demo");
        HttpResponse<String> received = hezuo.postJson("/engine-rest/task/" + task(monthly, UnitReportProcess.TASK_RECEIVE).getId() + "/submit-form",
                "{\"variables\": {\"receiptDecision\": {\"value\": \"RECEIVE\", \"type\": \"String\"}}}");
        assertThat(received.statusCode()).as(received.body()).isEqualTo(204);
        assertThat(records.find(monthly.id()).orElseThrow().status()).isEqualTo(ReportStatus.RECEIVED);

        // The weekly one is sent a working day late (Monday 8 June for Friday 5 June).
        clockAt("2026-06-08T10:00");
        assertThat(officer.postJson("/engine-rest/task/" + task(weekly, UnitReportProcess.TASK_DRAFT).getId() + "/submit-form",
                "{\"variables\": {\"weeklyNews\": {\"value\": \"接待客商两批👍，𠀀村企业来访\", \"type\": \"String\"}}}").statusCode()).isEqualTo(204);
        assertThat(head.postJson("/engine-rest/task/" + task(weekly, UnitReportProcess.TASK_APPROVE).getId() + "/submit-form",
                "{\"variables\": {\"approvalDecision\": {\"value\": \"APPROVE\", \"type\": \"String\"}}}").statusCode()).isEqualTo(204);

        // The page, the Excel workbook and the PDF, with the head's name and time.
        Browser pages = new Browser(port);
        pages.login("zhouxiaoyu", "demo");
        assertThat(pages.get("/reports/" + monthly.id()).body()).contains("金钟街道 2026年5月", "单位主要负责人审定：刘建国 2026-06-03 10:00", code,
                "协调用地指标", "已签收");
        assertThat(pages.get("/reports").body()).contains("每周招商动态", "逾期报送");
        var xlsx = pages.getBytes("/reports/" + monthly.id() + ".xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactly("重点招商项目情况表", "重点招商信息跟踪反馈单", "重点招商项目服务清单");
            List<String> ledger = sheets.get(0).read().stream().map(r -> r.getCellText(1) + "|" + r.getCellText(0)).toList();
            assertThat(ledger).anyMatch(line -> line.startsWith(code + "|"));
            assertThat(sheets.get(0).read().stream().map(r -> r.getCellText(0))).contains("单位主要负责人审定：刘建国 2026-06-03 10:00");
            List<Row> services = sheets.get(2).read();
            assertThat(services.stream().map(r -> r.getCellText(1))).contains("协调用地指标；刘洋", "办理环评预审；周晓宇");
        }
        var pdf = pages.getBytes("/reports/" + monthly.id() + ".pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("重点招商项目情况表", "重点招商信息跟踪反馈单", "重点招商项目服务清单", code, "单位主要负责人审定：刘建国");
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(3);
        }
        // An emoji and a CJK Extension-B character the Chinese PDF font lacks: written in the fallback fonts (CI installs them),
        // else shown as □ — the PDF is made either way (issue 27).
        var weeklyPdf = pages.getBytes("/reports/" + weekly.id() + ".pdf");
        assertThat(weeklyPdf.statusCode()).isEqualTo(200);
        try (var document = org.apache.pdfbox.Loader.loadPDF(weeklyPdf.body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
                    .contains(org.zhaoshang.system.PdfFontsTest.fallbacksInstalled() ? "接待客商两批👍，𠀀村企业来访" : "接待客商两批□，□村企业来访");
        }
        assertThat(pages.get("/reports/" + weekly.id()).body()).as("the page shows them as written").contains("接待客商两批👍，𠀀村企业来访");
        // Another unit's officer does not see it; bad filters are refused in Chinese.
        Browser otherPages = new Browser(port);
        otherPages.login("zhuhao", "demo");
        assertThat(otherPages.get("/reports/" + monthly.id()).statusCode()).isEqualTo(404);
        assertThat(otherPages.get("/reports/" + monthly.id() + ".pdf").statusCode()).isEqualTo(404);
        assertThat(other.get("/api/reports").body()).doesNotContain("\"unit\":\"" + JINZHONG + "\"");
        HttpResponse<String> badKind = hezuo.get("/api/reports?kind=DAILY");
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(badKind.body()).contains("报送类型须为");
        JsonNode one = json.readTree(hezuo.get("/api/reports/" + weekly.id()).body());
        assertThat(one.get("late").asBoolean()).as("sent after its due day").isTrue();
        assertThat(one.get("approvedBy").asText()).isEqualTo("liujianguo");

        // June's briefing: 金钟街道 one report late, none missing; 万新街道 sent nothing.
        clockAt("2026-07-06T09:00");
        long briefing = briefings.assemble(LocalDate.parse("2026-07-06"), null);
        BriefingRecords.Row jinzhong = row(briefing, JINZHONG);
        BriefingRecords.Row wanxin = row(briefing, WANXIN);
        assertThat(jinzhong.lateReports()).isEqualTo(1);
        assertThat(jinzhong.missingReports()).isZero();
        assertThat(wanxin.missingReports()).isEqualTo(2);
    }

    BriefingRecords.Row row(long briefing, String unit) {
        return briefingRecords.rows(briefing, BriefingService.MONTH).stream().filter(r -> r.unit().equals(unit)).findFirst().orElseThrow();
    }

    static String monthlyForm() {
        return """
                {"variables": {"situationNote": {"value": "在谈项目一个，用地指标协调中", "type": "String"},
                 "trackingFeedback": {"value": "智能装备项目：已二次考察；下一步商务谈判", "type": "String"},
                 "serviceList": {"value": "协调用地指标；刘洋\\n办理环评预审；周晓宇", "type": "String"}}}""";
    }

    static UnitReportRecords.Report find(List<UnitReportRecords.Report> reports, String unit, ReportKind kind) {
        return reports.stream().filter(r -> r.unit().equals(unit) && r.kind() == kind).findFirst().orElseThrow();
    }

    Task task(UnitReportRecords.Report report, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(report.processInstanceId()).taskDefinitionKey(key).list().stream()
                .filter(t -> Long.valueOf(report.id()).equals(engine.getTaskService().getVariable(t.getId(), UnitReportProcess.REPORT_ID)))
                .findFirst().orElseThrow(() -> new AssertionError("no open " + key + " of report " + report.id()));
    }
}
