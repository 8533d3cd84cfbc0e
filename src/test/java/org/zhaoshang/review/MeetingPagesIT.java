package org.zhaoshang.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;

/** The review as people use the app's pages: submit from the ledger, run the meeting, read the minutes. */
@IntegrationTest
class MeetingPagesIT {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;

    @Test
    void fromLedgerToMeetingMinutes() throws Exception {
        jdbc.sql("UPDATE review_meeting SET status = 'CONCLUDED' WHERE status = 'PLANNED'").update();
        jdbc.sql("UPDATE meeting_agenda_item SET status = 'DECIDED' WHERE status = 'WAITING'").update();

        // A unit officer registers a project in the ledger and submits it for review from its page.
        Browser officer = new Browser(port);
        officer.login("xuhui", "demo");
        HttpResponse<String> created = officer.postJson("/api/projects", """
                {"name": "数字孪生平台项目", "investor": "某信息技术股份有限公司", "investorCategory": "上市公司",
                 "industry": "新一代信息技术", "totalInvestment": 4200, "landArea": 0, "originUnit": "unit-street-huaming"}""",
                Map.of("X-CSRF-TOKEN", officer.csrfToken()));
        String code = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).get("code").asText();
        HttpResponse<String> page = officer.get("/projects/" + code);
        assertThat(page.body()).contains("提交项目评审");
        HttpResponse<String> submitted = officer.postForm("/projects/" + code + "/review", Map.of("_csrf", csrf(page.body())));
        assertThat(submitted.statusCode()).isEqualTo(302);
        assertThat(officer.get("/projects/" + code).body()).contains("已提交项目评审", "评审中").doesNotContain("提交项目评审</button>");
        String pi = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(code).singleResult().getId();

        complete(pi, ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        complete(pi, ReviewProcess.TASK_INDUSTRY, "maliang", Map.of("industryOpinion", "ENCOURAGED", "industryNote", "鼓励类"));
        complete(pi, ReviewProcess.TASK_ENVIRONMENT, "caoli", Map.of("environmentDecision", "AGREE_WITH_CONDITIONS",
                "environmentComment", "废水须接入园区污水处理厂"));
        complete(pi, ReviewProcess.TASK_FIRE, "yuanbo", Map.of("fireDecision", "AGREE"));

        // 合作交流办 plans the meeting on its page; the waiting project joins the agenda.
        Browser office = new Browser(port);
        office.login("yangmin", "demo");
        HttpResponse<String> meetingsPage = office.get("/meetings");
        assertThat(meetingsPage.body()).contains("待安排论证会的项目", code, "废水须接入园区污水处理厂");
        Map<String, String> planForm = new HashMap<>(Map.of("_csrf", csrf(meetingsPage.body()), "title", "页面测试论证会",
                "date", LocalDate.now().plusDays(7).toString(), "place", "区政府第二会议室", "chair", "wangfang"));
        HttpResponse<String> planned = office.send(office.request("/meetings").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form(planForm)
                        + "&members=dept-gongxin&members=dept-huanbao&members=dept-xiaofang")));
        assertThat(planned.statusCode()).isEqualTo(302);
        String meetingPath = planned.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", "");
        HttpResponse<String> meeting = office.get(meetingPath);
        assertThat(meeting.body()).contains("页面测试论证会", code, "有条件同意的条件", "废水须接入园区污水处理厂");

        String token = csrf(meeting.body());
        assertThat(office.send(office.request(meetingPath + "/attendance").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + token
                        + "&present=dept-gongxin&present=dept-huanbao&present=dept-xiaofang"))).statusCode()).isEqualTo(302);
        assertThat(office.get(meetingPath).body()).contains("出席情况已记录");
        long item = jdbc.sql("SELECT id FROM meeting_agenda_item WHERE project_code = :code").param("code", code).query(Long.class).single();
        HttpResponse<String> voted = office.postForm(meetingPath + "/items/" + item + "/votes", Map.of("_csrf", token,
                "vote.dept-gongxin", "AGREE", "vote.dept-huanbao", "AGREE", "comment.dept-huanbao", "落实污水接管条件",
                "vote.dept-xiaofang", "ABSTAIN"));
        assertThat(voted.statusCode()).isEqualTo(302);
        assertThat(office.get(meetingPath).body()).contains("表决已记录");
        assertThat(office.postForm(meetingPath + "/conclusion", Map.of("_csrf", token)).statusCode()).isEqualTo(302);
        assertThat(office.get(meetingPath).body()).contains("会议结论已确定", "通过");

        HttpResponse<String> minutes = office.get(meetingPath + "/minutes");
        assertThat(minutes.body()).contains("页面测试论证会会议纪要", "出席 3 个", "区工业和信息化局", "区生态环境局", "区消防救援支队",
                "同意", "弃权", "落实污水接管条件", "审议结论：</strong><span>通过");
        HttpResponse<String> download = office.get(meetingPath + "/minutes?download=true");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));

        // The ledger page shows the whole review; a unit officer cannot open the meetings.
        assertThat(officer.get("/projects/" + code).body()).contains("评审意见", "预审", "环保审查", "有条件同意", "项目论证会", "已批准");
        assertThat(officer.get("/meetings").statusCode()).isEqualTo(403);
    }

    void complete(String pi, String key, String user, Map<String, Object> variables) {
        Tasks.completeAs(engine, pi, key, user, variables);
    }

    static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("form with CSRF token").isTrue();
        return matcher.group(1);
    }

    static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return body.toString();
    }
}
