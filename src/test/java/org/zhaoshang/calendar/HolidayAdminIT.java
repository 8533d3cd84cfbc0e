package org.zhaoshang.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Administrators enter, correct and remove a year's holidays through the API and the page; bad input is
 * refused in Chinese and changes nothing; every change is audited; due dates follow at once on this node and
 * within the refresh interval on another node over the same database. Uses 2028 (no shipped data, no other
 * test's due dates) and, for the fall-back to a shipped file, 2025 — restored after each test.
 */
@IntegrationTest
class HolidayAdminIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Invented 2028 dates (the official arrangement does not exist yet): only their effect is tested. */
    static final String YEAR_2028 = """
            {"source": "测试用安排（非官方）",
             "holidays": [{"name": "测试元旦", "from": "2028-01-01", "to": "2028-01-03"},
                          {"name": "测试春节", "from": "2028-01-26", "to": "2028-02-02"}],
             "workdays": [{"date": "2028-02-05", "name": "测试调休"}]}""";

    @LocalServerPort
    int port;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    HolidayRepository repository;
    @Autowired
    CalendarProperties properties;
    @Autowired
    Clock clock;
    @Autowired
    ResourcePatternResolver resources;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    @AfterEach
    void removeEnteredYears() {
        jdbc.sql("DELETE FROM holiday_year").update();
        jdbc.sql("UPDATE holiday_revision SET revision = revision + 1 WHERE id = 1").update();
        calendar.refreshIfChanged();
    }

    @Test
    void anEnteredYearMovesDueDatesAtOnceAndIsAudited() throws Exception {
        Browser admin = Browser.basic(port, "admin", "demo");
        assertThat(calendar.hasDataFor(2028)).isFalse();
        // Tuesday 2028-01-25, 1 working day: Wednesday without data; after 测试春节 (01-26 … 02-02) Thursday 02-03.
        assertThat(due("2028-01-25T10:00", 1)).isEqualTo(at("2028-01-26T18:00"));
        // Friday 2028-02-04, 1 working day: Monday without data; Saturday 02-05 (测试调休) with it.
        assertThat(due("2028-02-04T10:00", 1)).isEqualTo(at("2028-02-07T18:00"));

        HttpResponse<String> saved = put(admin, 2028, YEAR_2028);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonNode year = json.readTree(saved.body());
        assertThat(year.get("origin").asText()).isEqualTo("ADMINISTRATOR");
        assertThat(year.get("originLabel").asText()).isEqualTo("管理员录入");
        assertThat(year.get("fallback").asText()).isEqualTo("NONE");
        assertThat(year.get("updatedBy").asText()).isEqualTo("admin");
        assertThat(year.at("/holidays/1/name").asText()).isEqualTo("测试春节");
        assertThat(year.at("/holidays/1/to").asText()).isEqualTo("2028-02-02");
        assertThat(year.at("/workdays/0/date").asText()).isEqualTo("2028-02-05");

        // In force on this node as soon as the call returned.
        assertThat(due("2028-01-25T10:00", 1)).isEqualTo(at("2028-02-03T18:00"));
        assertThat(due("2028-02-04T10:00", 1)).isEqualTo(at("2028-02-05T18:00"));
        assertThat(calendar.holidayName(LocalDate.of(2028, 1, 30))).contains("测试春节");

        JsonNode list = json.readTree(admin.get("/api/admin/holidays").body());
        assertThat(entry(list, 2028).get("origin").asText()).isEqualTo("ADMINISTRATOR");
        assertThat(entry(list, 2026).get("origin").asText()).isEqualTo("SHIPPED");
        assertThat(entry(list, 2026).get("workingDays").asInt()).isEqualTo(248);

        // A correction: one more 调休 day. The history keeps both, newest first, with before and after.
        String withSecondWorkday = YEAR_2028.replace("\"name\": \"测试调休\"}",
                "\"name\": \"测试调休\"}, {\"date\": \"2028-01-22\", \"name\": \"测试调休二\"}");
        put(admin, 2028, withSecondWorkday);
        JsonNode detail = json.readTree(admin.get("/api/admin/holidays/2028").body());
        assertThat(detail.at("/year/workdays").size()).isEqualTo(2);
        JsonNode changes = detail.get("changes");
        assertThat(changes.at("/0/actionLabel").asText()).isEqualTo("修改");
        assertThat(changes.at("/0/before").asText()).isEqualTo("ADMINISTRATOR");
        assertThat(changes.at("/0/beforeYaml").asText()).doesNotContain("测试调休二");
        assertThat(changes.at("/0/afterYaml").asText()).contains("测试调休二");
        assertThat(changes.at("/1/actionLabel").asText()).isEqualTo("录入");
        assertThat(changes.at("/1/before").asText()).isEqualTo("NONE");
        assertThat(changes.at("/1/changedBy").asText()).isEqualTo("admin");

        // Saving the same again writes nothing.
        long audit = auditRows(2028);
        put(admin, 2028, withSecondWorkday);
        assertThat(auditRows(2028)).isEqualTo(audit);

        HttpResponse<String> removed = admin.send(admin.request("/api/admin/holidays/2028").DELETE());
        assertThat(json.readTree(removed.body()).get("origin").asText()).isEqualTo("NONE");
        assertThat(calendar.hasDataFor(2028)).isFalse();
        assertThat(due("2028-01-25T10:00", 1)).isEqualTo(at("2028-01-26T18:00"));
        assertThat(jdbc.sql("SELECT action || ' ' || before_origin || ' ' || after_origin FROM holiday_change WHERE calendar_year = 2028 ORDER BY id DESC")
                .query(String.class).list().get(0)).isEqualTo("REMOVE ADMINISTRATOR NONE");

        HttpResponse<String> again = admin.send(admin.request("/api/admin/holidays/2028").DELETE());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json.readTree(again.body()).get("message").asText()).isEqualTo("2028 年没有管理员录入的节假日安排，无需撤销");
    }

    @Test
    void removingAnEntryFallsBackToTheShippedFile() throws Exception {
        Browser admin = Browser.basic(port, "admin", "demo");
        String shipped = json.writeValueAsString(json.readTree(admin.get("/api/admin/holidays/2025").body()).get("year"));
        assertThat(json.readTree(shipped).get("origin").asText()).isEqualTo("SHIPPED");
        // The shipped year as entered, with 国庆节 a day shorter (a correction): 2025-10-08 becomes a working day.
        JsonNode entered = json.readTree(put(admin, 2025, shipped.replace("\"2025-10-08\"", "\"2025-10-07\"")).body());
        assertThat(entered.get("origin").asText()).isEqualTo("ADMINISTRATOR");
        assertThat(entered.get("fallback").asText()).isEqualTo("SHIPPED");
        assertThat(entered.get("workingDays").asInt()).isEqualTo(249);
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 8))).isTrue();

        JsonNode removed = json.readTree(admin.send(admin.request("/api/admin/holidays/2025").DELETE()).body());
        assertThat(removed.get("origin").asText()).isEqualTo("SHIPPED");
        assertThat(removed.get("workingDays").asInt()).isEqualTo(248);
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 8))).isFalse();
        JsonNode last = json.readTree(admin.get("/api/admin/holidays/2025").body()).at("/changes/0");
        assertThat(last.get("action").asText()).isEqualTo("REMOVE");
        assertThat(last.get("after").asText()).isEqualTo("SHIPPED");
        assertThat(last.get("afterYaml").asText()).contains("to: 2025-10-08");
    }

    @Test
    void badInputIsRefusedInChineseAndChangesNothing() throws Exception {
        Browser admin = Browser.basic(port, "admin", "demo");
        long revision = repository.revision();
        long audit = auditRows(2028);

        HttpResponse<String> typos = put(admin, 2028, """
                {"source": "", "holidays": [{"name": "测试春节", "from": "2028-01-26", "to": "2028-02-02"},
                                            {"name": "重叠", "from": "2028-02-01", "to": "2028-02-03"}],
                 "workdays": [{"date": "2028-02-09", "name": "星期三"}]}""");
        assertThat(typos.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(typos.body());
        assertThat(error.get("message").asText()).isEqualTo("提交的内容有误，请按提示修改后重试");
        assertThat(error.get("fieldErrors").findValuesAsText("field")).containsExactly("source", "holidays[1].from", "workdays[0].date");
        assertThat(error.get("fieldErrors").findValuesAsText("message")).containsExactly(
                "请填写依据（如：国务院办公厅关于2028年部分节假日安排的通知）",
                "第2个节假日（重叠）：放假日期与第1个节假日（测试春节，2028-01-26 至 2028-02-02）重叠",
                "第1个调休上班日：2028-02-09 是星期三，本来就是工作日；调休上班日须为周六或周日");

        HttpResponse<String> farAway = put(admin, 2035, YEAR_2028.replace("2028", "2035"));
        assertThat(farAway.statusCode()).isEqualTo(400);
        assertThat(json.readTree(farAway.body()).at("/fieldErrors/0/field").asText()).isEqualTo("year");
        assertThat(json.readTree(farAway.body()).at("/fieldErrors/0/message").asText()).contains("2035 年不在此范围内");

        HttpResponse<String> notJson = put(admin, 2028, "{\"source\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notJson.body()).get("message").asText()).isEqualTo("请求内容不是有效的 JSON");
        HttpResponse<String> wrongShape = put(admin, 2028, "{\"source\": \"通知\", \"holidays\": \"春节\"}");
        assertThat(wrongShape.statusCode()).isEqualTo(400);
        assertThat(json.readTree(wrongShape.body()).at("/fieldErrors/0/field").asText()).isEqualTo("holidays");
        HttpResponse<String> notAYear = put(admin, "二〇二八", YEAR_2028);
        assertThat(notAYear.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notAYear.body()).at("/fieldErrors/0/field").asText()).isEqualTo("year");
        HttpResponse<String> absurd = admin.get("/api/admin/holidays/2147483647");
        assertThat(absurd.statusCode()).isEqualTo(404);
        assertThat(json.readTree(absurd.body()).get("message").asText()).isEqualTo("只能查询 2000 年至 2100 年的节假日安排");

        assertThat(repository.revision()).isEqualTo(revision);
        assertThat(auditRows(2028)).isEqualTo(audit);
        assertThat(calendar.hasDataFor(2028)).isFalse();
    }

    @Test
    void onlyAdministratorsSeeOrChangeHolidays() {
        Browser officer = Browser.basic(port, "yangmin", "demo");
        assertThat(officer.get("/api/admin/holidays").statusCode()).isEqualTo(403);
        assertThat(officer.get("/api/admin/holidays/2026").statusCode()).isEqualTo(403);
        assertThat(put(officer, 2028, YEAR_2028).statusCode()).isEqualTo(403);
        assertThat(officer.send(officer.request("/api/admin/holidays/2026").DELETE()).statusCode()).isEqualTo(403);
        assertThat(new Browser(port).get("/api/admin/holidays").statusCode()).isEqualTo(401);

        Browser page = new Browser(port);
        page.login("yangmin", "demo");
        assertThat(page.get("/admin/holidays").statusCode()).isEqualTo(403);
        assertThat(page.postForm("/admin/holidays/2028", Map.of("_csrf", page.csrfToken(), "source", "通知",
                "holidays[0].name", "春节", "holidays[0].from", "2028-01-26", "holidays[0].to", "2028-01-27")).statusCode()).isEqualTo(403);
        assertThat(page.get("/").body()).doesNotContain("节假日安排");
        assertThat(calendar.hasDataFor(2028)).isFalse();
    }

    @Test
    void thePageListsEntersCorrectsAndRemovesAYear() {
        Browser admin = new Browser(port);
        admin.login("admin", "demo");
        String list = admin.get("/admin/holidays").body();
        assertThat(list).contains("节假日安排", "管理员录入 &gt; 外部目录文件", "内置文件", "国务院办公厅关于2026年部分节假日安排的通知",
                "按周一至周五计算", "其他节点在 <span>30</span> 秒内生效", "已生成的待办到期时间和定时提醒不会重新计算");
        assertThat(admin.get("/").body()).contains("/admin/holidays");
        String token = admin.csrfToken();

        String empty = admin.get("/admin/holidays/2028").body();
        assertThat(empty).contains("2028</span> 年节假日安排", "录入本年安排", "无数据：按周一至周五计算", "空白模板", "holidays: []");
        long audit = auditRows(2028);

        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", token);
        form.put("source", "测试用安排（非官方）");
        form.put("holidays[0].name", "测试春节");
        form.put("holidays[0].from", "2028-01-26");
        form.put("holidays[0].to", "2028-02-02");
        form.put("holidays[1].name", "");
        form.put("holidays[1].from", "");
        form.put("holidays[1].to", "");
        form.put("workdays[0].date", "2028-02-09");
        form.put("workdays[0].name", "测试调休");
        HttpResponse<String> refused = admin.postForm("/admin/holidays/2028", form);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("未保存，请修改后重试", "2028-02-09 是星期三，本来就是工作日；调休上班日须为周六或周日",
                "value=\"测试春节\"", "value=\"2028-02-09\"");
        assertThat(calendar.hasDataFor(2028)).isFalse();

        // A post no form of the page can produce (a row far beyond any form): 400 with the error page, nothing saved.
        HttpResponse<String> forged = admin.postForm("/admin/holidays/2028", Map.of("_csrf", token, "source", "通知",
                "holidays[300].name", "春节", "holidays[300].from", "2028-01-26", "holidays[300].to", "2028-01-27"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("提交的表单内容无法识别");
        assertThat(calendar.hasDataFor(2028)).isFalse();

        form.put("workdays[0].date", "2028-02-05");
        HttpResponse<String> saved = admin.postForm("/admin/holidays/2028", form);
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElse("")).endsWith("/admin/holidays/2028");
        assertThat(calendar.holidayName(LocalDate.of(2028, 1, 30))).contains("测试春节");
        String page = admin.get("/admin/holidays/2028").body();
        assertThat(page).contains("2028 年节假日安排已保存，立即在本节点生效", "管理员录入", "测试春节", "2028-01-26 至 2028-02-02", "星期六",
                "撤销录入", "<td>录入</td>", "<td>admin</td>");

        // The pasted file format, as the shipped files have it.
        HttpResponse<String> badPaste = admin.postForm("/admin/holidays/2028/yaml", Map.of("_csrf", token, "yaml", "year: 2027\nholidays: []\n"));
        assertThat(badPaste.statusCode()).isEqualTo(200);
        assertThat(badPaste.body()).contains("粘贴内容的年份（2027）与所选年份（2028）不一致");
        HttpResponse<String> pasted = admin.postForm("/admin/holidays/2028/yaml", Map.of("_csrf", token, "yaml", """
                year: 2028
                source: 测试用安排（非官方）
                holidays:
                  - { name: 测试元旦, from: 2028-01-01, to: 2028-01-03 }
                workdays: []
                """));
        assertThat(pasted.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/holidays/2028").body()).contains("2028 年节假日安排已保存", "测试元旦", "<td>修改</td>");
        assertThat(calendar.holidayName(LocalDate.of(2028, 1, 30))).isEmpty();
        assertThat(calendar.holidayName(LocalDate.of(2028, 1, 3))).contains("测试元旦");
        assertThat(auditRows(2028)).isEqualTo(audit + 2);

        HttpResponse<String> removed = admin.postForm("/admin/holidays/2028/remove", Map.of("_csrf", token));
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/holidays/2028").body()).contains("已撤销管理员录入的 2028 年节假日安排，现按无数据（按周一至周五计算）", "撤销管理员录入");
        assertThat(calendar.hasDataFor(2028)).isFalse();
    }

    @Test
    void anotherNodePicksAChangeUpWithinTheRefreshInterval() throws Exception {
        // A second node: its own calendar over the same database, loaded before the change.
        WorkingDayCalendar otherNode = new WorkingDayCalendar(properties, clock, resources, repository);
        assertThat(otherNode.hasDataFor(2028)).isFalse();

        assertThat(put(Browser.basic(port, "admin", "demo"), 2028, YEAR_2028).statusCode()).isEqualTo(200);
        assertThat(calendar.hasDataFor(2028)).as("the node that saved").isTrue();
        assertThat(otherNode.hasDataFor(2028)).as("the other node until its next refresh").isFalse();
        assertThat(otherNode.refreshIfChanged()).isTrue();
        assertThat(otherNode.dueAfter(at("2028-01-25T10:00").toInstant(), 1)).isEqualTo(at("2028-02-03T18:00"));
        assertThat(otherNode.refreshIfChanged()).as("nothing changed since").isFalse();

        // The other node's own schedule (here every 200 ms instead of 30 s) applies a removal by itself.
        HolidayRefreshSchedule schedule = new HolidayRefreshSchedule(otherNode, Duration.ofMillis(200));
        try {
            Browser admin = Browser.basic(port, "admin", "demo");
            assertThat(admin.send(admin.request("/api/admin/holidays/2028").DELETE()).statusCode()).isEqualTo(200);
            await(() -> !otherNode.hasDataFor(2028));
            assertThat(otherNode.dueAfter(at("2028-01-25T10:00").toInstant(), 1)).isEqualTo(at("2028-01-26T18:00"));
        } finally {
            schedule.destroy();
        }
    }

    private ZonedDateTime due(String start, int workingDays) {
        return calendar.dueAfter(at(start).toInstant(), workingDays);
    }

    private static ZonedDateTime at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI);
    }

    private long auditRows(int year) {
        return jdbc.sql("SELECT COUNT(*) FROM holiday_change WHERE calendar_year = :y").param("y", year).query(Long.class).single();
    }

    private static JsonNode entry(JsonNode list, int year) {
        for (JsonNode node : list) {
            if (node.get("year").asInt() == year) {
                return node;
            }
        }
        throw new AssertionError("no " + year + " in " + list);
    }

    private static HttpResponse<String> put(Browser browser, Object year, String body) {
        return browser.send(browser.request("/api/admin/holidays/" + java.net.URLEncoder.encode(year.toString(), java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(50);
        }
    }
}
