package org.zhaoshang.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhaoshang.support.EscalationProbe.at;
import static org.zhaoshang.support.EscalationProbe.clockAt;
import static org.zhaoshang.support.EscalationProbe.runDueJobs;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.project.Industry;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * 产业链月度研判 (issue 25 part 1, policies 000 and 002) on the running application: the start timer on the first working day
 * after 国庆 (8 October 2026) opens September's review of every chain, due that same day (the 5th was a holiday); the lead
 * department reviews through the engine's REST API as Tasklist does, with the month's figures and 招商图谱 in its form; a
 * problem raised goes to the chain's leader alone, whose answer reaches the lead department and opens next month's form; a
 * review left undone is escalated; the timer firing twice opens nothing. Bad input changes nothing.
 */
@IntegrationTest
class ChainReviewIT {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ChainReviews reviews;
    @Autowired
    ChainReviewSchedule schedule;
    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void realTimeAgain() {
        ClockUtil.reset();
        engine.getManagementService().setJobDuedate(startTimer().getId(), Date.from(schedule.next(ClockUtil.getCurrentTime().toInstant()).toInstant()));
    }

    Job startTimer() {
        return engine.getManagementService().createJobQuery().processDefinitionKey(ChainReviewProcess.PROCESS_KEY).timers()
                .activityId(ChainReviewProcess.START_TIMER).singleResult();
    }

    /** The start timer fires at {@code time} as the job executor would run it; returns the instance it started. */
    String fire(String time) {
        clockAt(time);
        Job timer = startTimer();
        engine.getManagementService().setJobDuedate(timer.getId(), at(time));
        engine.getManagementService().executeJob(timer.getId());
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(ChainReviewProcess.PROCESS_KEY)
                .orderByProcessInstanceStartTime().desc().listPage(0, 1).get(0).getId();
    }

    ChainReviews.Review review(Industry chain, String month) {
        return reviews.find(chain, LocalDate.parse(month + "-01")).orElseThrow(() -> new AssertionError("no review of " + chain + " " + month));
    }

    Task task(ChainReviews.Review review, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(review.processInstanceId()).taskDefinitionKey(key).list().stream()
                .filter(t -> Long.valueOf(review.id()).equals(engine.getTaskService().getVariable(t.getId(), ChainReviewProcess.REVIEW_ID)))
                .findFirst().orElse(null);
    }

    HttpResponse<String> submit(Browser browser, Task task, String variables) {
        return browser.postJson("/engine-rest/task/" + task.getId() + "/submit-form", "{\"variables\": {" + variables + "}}");
    }

    @Test
    void aChainsMonthFromTheTimerToTheLeadersCoordinationAndIntoNextMonthsForm() throws Exception {
        String pi = fire("2026-10-08T09:00");
        assertThat(startTimer().getDuedate()).as("next: the first working day of November").isEqualTo(at("2026-11-02T09:00"));
        ChainReviews.Review smart = review(Industry.SMART_MANUFACTURING, "2026-09");
        assertThat(smart.processInstanceId()).isEqualTo(pi);
        assertThat(smart.dueDate()).as("the 5th was 国庆: the next working day").hasToString("2026-10-08");
        assertThat(smart.leadDepartment()).isEqualTo("dept-gongxin");
        assertThat(smart.leader()).isEqualTo("zhangjun");
        for (Industry chain : IndustryChains.CHAINS) {
            assertThat(review(chain, "2026-09").status()).as("every chain with a lead department: " + chain).isEqualTo(ChainReviewStatus.OPEN);
        }
        Task reviewTask = task(smart, ChainReviewProcess.TASK_REVIEW);
        assertThat(reviewTask.getDueDate()).isEqualTo(at("2026-10-08T18:00"));

        // Tasklist's view for the lead department: the month's figures and the chain's 招商图谱.
        Browser department = Browser.basic(port, "maliang", "demo");
        JsonNode variables = json.readTree(department.get("/engine-rest/task/" + reviewTask.getId() + "/form-variables").body());
        assertThat(variables.at("/chainReviewHeading/value").asText()).contains("智能制造产业链 2026年9月 月度研判", "区工业和信息化局", "10月8日");
        assertThat(variables.at("/chainPipeline/value").asText()).contains("在库项目", "2026年9月新登记", "内资到位额");
        assertThat(variables.at("/chainTargets/value").asText()).startsWith("招商图谱 ");
        assertThat(department.get("/engine-rest/task/" + reviewTask.getId() + "/deployed-form").body()).contains("提请分管区领导协调上述问题");

        // Another department, an empty review, problems raised without saying which: refused, nothing changes.
        HttpResponse<String> other = submit(Browser.basic(port, "xieyan", "demo"), reviewTask,
                "\"chainWorkSummary\": {\"value\": \"走访\", \"type\": \"String\"}");
        assertThat(other.statusCode()).as("another department does not even see the task").isEqualTo(403);
        assertThat(submit(department, reviewTask, "\"chainWorkSummary\": {\"value\": \" \", \"type\": \"String\"}").body()).contains("请填写本月工作进展");
        assertThat(submit(department, reviewTask, """
                "chainWorkSummary": {"value": "走访企业6家", "type": "String"}, "chainRaiseCoordination": {"value": true, "type": "Boolean"}""").body())
                .contains("提请分管区领导协调，须写明存在的问题");
        assertThat(review(Industry.SMART_MANUFACTURING, "2026-09").status()).isEqualTo(ChainReviewStatus.OPEN);

        HttpResponse<String> done = submit(department, reviewTask, """
                "chainWorkSummary": {"value": "走访企业6家，两家进入洽谈", "type": "String"},
                "chainProblems": {"value": "某激光装备项目用地指标未落实", "type": "String"},
                "chainRaiseCoordination": {"value": true, "type": "Boolean"}""");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        smart = review(Industry.SMART_MANUFACTURING, "2026-09");
        assertThat(smart.status()).isEqualTo(ChainReviewStatus.COORDINATING);
        assertThat(smart.submittedBy()).isEqualTo("maliang");
        assertThat(smart.pipeline()).contains("在库项目");

        // The leader of the chain alone coordinates; the answer reaches the lead department's head.
        Task coordinate = task(smart, ChainReviewProcess.TASK_COORDINATE);
        assertThat(coordinate.getAssignee()).isEqualTo("zhangjun");
        JsonNode shown = json.readTree(Browser.basic(port, "zhangjun", "demo").get("/engine-rest/task/" + coordinate.getId() + "/form-variables").body());
        assertThat(shown.at("/chainProblemsShown/value").asText()).isEqualTo("某激光装备项目用地指标未落实");
        HttpResponse<String> notTheLeader = submit(Browser.basic(port, "wangfang", "demo"), coordinate,
                "\"chainCoordinationNote\": {\"value\": \"同意\", \"type\": \"String\"}");
        assertThat(notTheLeader.body()).contains("只有本产业链的分管区领导（张军）可以办理");
        Browser leader = Browser.basic(port, "zhangjun", "demo");
        assertThat(submit(leader, coordinate, "\"chainCoordinationNote\": {\"value\": \"\", \"type\": \"String\"}").body()).contains("请填写协调意见");
        assertThat(submit(leader, coordinate, "\"chainCoordinationNote\": {\"value\": \"请区规划资源分局10个工作日内提出用地方案\", \"type\": \"String\"}")
                .statusCode()).isEqualTo(204);
        assertThat(review(Industry.SMART_MANUFACTURING, "2026-09").status()).isEqualTo(ChainReviewStatus.DONE);
        assertThat(jdbc.sql("SELECT subject || ' ' || body FROM mail_outbox WHERE idempotency_key = :k")
                .param("k", "chain-review:" + smart.id() + ":coordinated:gaofeng").query(String.class).single())
                .contains("【智能制造产业链·领导协调意见】2026年9月月度研判", "某激光装备项目用地指标未落实", "请区规划资源分局10个工作日内提出用地方案");

        // No problem raised: the review ends at once.
        ChainReviews.Review agri = review(Industry.AGRI_CULTURE_TOURISM, "2026-09");
        assertThat(submit(Browser.basic(port, "xieyan", "demo"), task(agri, ChainReviewProcess.TASK_REVIEW),
                "\"chainWorkSummary\": {\"value\": \"乡村文旅项目推进正常\", \"type\": \"String\"}").statusCode()).isEqualTo(204);
        assertThat(review(Industry.AGRI_CULTURE_TOURISM, "2026-09").status()).isEqualTo(ChainReviewStatus.DONE);
        assertThat(task(agri, ChainReviewProcess.TASK_COORDINATE)).isNull();

        // 生物医药's review left undone: overdue after the day's end, the department's head is told.
        ChainReviews.Review bio = review(Industry.BIOMEDICINE, "2026-09");
        clockAt("2026-10-09T10:00");
        runDueJobs(engine, pi);
        Task late = task(bio, ChainReviewProcess.TASK_REVIEW);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM task_escalation WHERE task_id = :t AND escalation_level = 1").param("t", late.getId())
                .query(Integer.class).single()).isEqualTo(1);

        // The same day again (a second node, a retry): nothing new is opened.
        long before = jdbc.sql("SELECT COUNT(*) FROM chain_review").query(Long.class).single();
        fire("2026-10-08T09:30");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM chain_review").query(Long.class).single()).isEqualTo(before);

        // November: October's form carries September's problem and the leader's answer; the chain's page lists both months.
        fire("2026-11-02T09:00");
        ChainReviews.Review october = review(Industry.SMART_MANUFACTURING, "2026-10");
        assertThat(october.dueDate()).hasToString("2026-11-05");
        assertThat((String) engine.getTaskService().getVariable(task(october, ChainReviewProcess.TASK_REVIEW).getId(), ChainReviewProcess.LAST_MONTH))
                .contains("上月（2026年9月）提出的问题：某激光装备项目用地指标未落实", "分管区领导张军协调意见：请区规划资源分局10个工作日内提出用地方案");
        Browser pages = new Browser(port);
        pages.login("xuhui", "demo");
        assertThat(pages.get("/chains/SMART_MANUFACTURING").body()).contains("月度研判", "2026年10月", "待研判", "2026年9月", "已完成",
                "某激光装备项目用地指标未落实", "请区规划资源分局10个工作日内提出用地方案");
        assertThat(json.readTree(department.get("/api/chains/SMART_MANUFACTURING/reviews").body()).get(0).get("status").asText()).isEqualTo("OPEN");
    }
}
