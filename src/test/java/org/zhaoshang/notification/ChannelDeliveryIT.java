package org.zhaoshang.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhaoshang.support.EscalationProbe.clockAt;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.zhaoshang.escalation.EscalationService;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.EscalationProbe;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.ProviderReceiver;

/**
 * Notices beside e-mail, against {@link ProviderReceiver} (a real HTTP server that checks each provider's request
 * format and signature): an overdue task reaches the holding unit's 企业微信 and 钉钉 groups and the supervisor's
 * phone exactly once; a burst is paced and joined into digests without loss or duplicates, also with two nodes
 * dispatching at once; the providers' temporary and permanent refusals and a stalled provider are told apart; no key
 * leaves the server; people and administrators get Chinese errors for bad settings.
 */
@IntegrationTest
class ChannelDeliveryIT {

    static final String UNIT = "dept-huanbao";
    static final String WECOM_KEY = "wecom-key-huanbao-0001";
    static final String DINGTALK_TOKEN = "dingtalk-token-huanbao-0001";
    static final String DINGTALK_SECRET = "SEC0123456789abcdef0123456789abcdef";
    static ProviderReceiver providers;

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    EscalationService escalations;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    MailOutbox outbox;
    @Autowired
    UnitRobots robots;
    @Autowired
    PersonChannels people;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;

    @BeforeAll
    static void startProviders() throws Exception {
        providers = new ProviderReceiver(3026).wecomRobot(WECOM_KEY).dingtalkRobot(DINGTALK_TOKEN, DINGTALK_SECRET)
                .smsAccount("test-access-key", "test-access-secret");
    }

    @AfterAll
    static void stopProviders() {
        providers.close();
    }

    @BeforeEach
    void robotsOfTheEnvironmentBureau() {
        clockAt("2026-06-01T10:00");
        // Rows other tests left waiting (dispatching is off in tests) are not this test's business.
        jdbc.sql("UPDATE mail_outbox SET status = 'HELD' WHERE status IN ('PENDING', 'SENDING')").update();
        jdbc.sql("DELETE FROM channel_pace").update();
        robots.save(UNIT, "WECOM_ROBOT", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + WECOM_KEY, null, "admin");
        robots.save(UNIT, "钉钉群", "https://oapi.dingtalk.com/robot/send?access_token=" + DINGTALK_TOKEN, DINGTALK_SECRET, "admin");
        providers.reset();
    }

    @AfterEach
    void cleanUp() {
        jdbc.sql("DELETE FROM unit_robot").update();
        jdbc.sql("UPDATE mail_outbox SET status = 'HELD' WHERE status IN ('PENDING', 'SENDING')").update();
        ClockUtil.reset();
    }

    @Test
    void anOverdueTaskReachesTheUnitsGroupsAndTheSupervisorsPhoneOnce() {
        String code = register("渠道测试项目");
        Task task = overdueTask(code, "caoli");
        assertThat(escalations.escalate(task.getId(), 1)).isTrue();

        assertThat(channelsOf(task)).containsExactlyInAnyOrder("EMAIL", "SMS", "WECOM_ROBOT", "DINGTALK_ROBOT");
        assertThat(dispatcher.dispatchChannels()).isEqualTo(3);
        assertThat(providers.protocolErrors()).isEmpty();

        String caoliMobile = people.of("caoli").mobile();
        String link = "/camunda/app/tasklist/default/#/?task=" + task.getId();
        ProviderReceiver.Received wecom = providers.received("wecom").get(0);
        assertThat(wecom.text()).contains("【逾期提醒】" + code + " 渠道测试项目", "「审查环保条件」已逾期", "办理人：曹丽", "<@caoli>", link);
        ProviderReceiver.Received dingtalk = providers.received("dingtalk").get(0);
        assertThat(dingtalk.text()).contains(code, "@" + caoliMobile, link);
        assertThat(dingtalk.json().path("at").path("atMobiles").get(0).asText()).isEqualTo(caoliMobile);
        // Level 1 goes to the supervisor: 冯刚 chose SMS besides e-mail.
        ProviderReceiver.Received sms = providers.received("sms").get(0);
        assertThat(sms.target()).isEqualTo(people.of("fenggang").mobile());
        assertThat(sms.json().path("count").asText()).isEqualTo("1");
        assertThat(sms.json().path("first").asText()).startsWith("逾期提醒：" + code);
        assertThat(sms.form()).containsEntry("SignName", "东丽区招商平台").containsEntry("TemplateCode", "SMS_100000001");

        if ("true".equals(System.getenv("UPDATE_DOCS_SCREENSHOTS"))) {
            // README's picture of the messages as the groups received them (ProviderReceiver's /inbox shows their markdown).
            org.openqa.selenium.WebDriver phone = org.zhaoshang.support.Chromium.startPhone();
            try {
                phone.get("http://127.0.0.1:3026/inbox");
                java.nio.file.Files.copy(org.zhaoshang.support.Chromium.screenshot(phone, "channel-messages"),
                        java.nio.file.Path.of("docs", "images", "channel-messages.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            } finally {
                phone.quit();
            }
        }

        // Exactly once: nothing more to send, and the same escalation again adds nothing.
        assertThat(statusesOf(task, "EMAIL")).containsExactly("PENDING");
        assertThat(jdbc.sql("SELECT DISTINCT status FROM mail_outbox WHERE task_id = :t AND channel <> 'EMAIL'").param("t", task.getId())
                .query(String.class).list()).containsExactly("SENT");
        assertThat(dispatcher.dispatchChannels()).isZero();
        assertThat(escalations.escalate(task.getId(), 1)).isFalse();
        assertThat(providers.requests()).isEqualTo(3);
    }

    @Test
    void aBurstIsPacedPerRobotAndJoinedIntoDigestsWithoutLossOrDuplicates() {
        List<String> subjects = burst(40, "督办测试");
        // The test profile allows 3 messages a minute per robot, 5 notices per message.
        int windows = 0;
        while (pendingFor(UNIT) > 0) {
            int before = providers.received("wecom").size();
            dispatcher.drainChannels();
            assertThat(providers.received("wecom").size() - before).as("messages in window %d", windows).isLessThanOrEqualTo(3);
            assertThat(jdbc.sql("SELECT next_attempt_at FROM mail_outbox WHERE recipient_address = :u AND status = 'PENDING'")
                    .param("u", UNIT).query(java.time.OffsetDateTime.class).list())
                    .as("what waits is due when the window ends, not asked for again and again")
                    .allSatisfy(next -> assertThat(next.toInstant()).isAfter(ClockUtil.getCurrentTime().toInstant()));
            ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 61_000));
            windows++;
            assertThat(windows).isLessThan(10);
        }
        assertThat(windows).isEqualTo(3);
        assertThat(providers.received("wecom")).hasSize(8);
        assertThat(providers.received("dingtalk")).hasSize(8);
        assertThat(providers.robotLines("wecom")).containsExactlyInAnyOrderElementsOf(subjects);
        assertThat(providers.robotLines("dingtalk")).containsExactlyInAnyOrderElementsOf(subjects);
        assertThat(providers.protocolErrors()).isEmpty();
    }

    @Test
    void twoNodesDispatchingAtOnceSendEachNoticeOnceAndShareTheRobotsAllowance() throws Exception {
        List<String> subjects = burst(60, "双节点测试");
        OutboxDispatcher otherNode = new OutboxDispatcher(outbox, noMail(), new MailProperties("x@localhost", false,
                Duration.ofSeconds(15), 8, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(1)),
                transactionManager,
                List.of(beanOf(WecomRobotSender.class), beanOf(DingtalkRobotSender.class)),
                new ChannelPacer(jdbc, beanOf(java.time.Clock.class), transactionManager));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            for (int window = 0; window < 10 && pendingFor(UNIT) > 0; window++) {
                int before = providers.received("wecom").size();
                List<Future<Integer>> rounds = new ArrayList<>();
                for (OutboxDispatcher node : List.of(dispatcher, otherNode)) {
                    rounds.add(nodes.submit((Callable<Integer>) node::drainChannels));
                }
                for (Future<Integer> round : rounds) {
                    round.get();
                }
                assertThat(providers.received("wecom").size() - before).as("both nodes together within the allowance").isLessThanOrEqualTo(3);
                ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 61_000));
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(providers.robotLines("wecom")).hasSize(60).containsExactlyInAnyOrderElementsOf(subjects);
        assertThat(providers.robotLines("dingtalk")).hasSize(60).containsExactlyInAnyOrderElementsOf(subjects);
        assertThat(new HashSet<>(providers.robotLines("wecom"))).hasSize(60);
    }

    @Test
    void temporaryRefusalsAreRetriedPermanentOnesFailAndAStalledProviderCostsOneBoundedAttempt() {
        robots.remove(UNIT, "DINGTALK_ROBOT");
        burst(1, "错误测试");
        providers.answerNext("wecom", ProviderReceiver.wecomError(45009, "api freq out of limit"));
        assertThat(dispatcher.dispatchChannels()).isZero();
        OutboxMail limited = robotRow("WECOM_ROBOT");
        assertThat(limited.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(limited.lastError()).contains("45009").doesNotContain(WECOM_KEY);
        assertThat(limited.nextAttemptAt().toInstant()).isAfterOrEqualTo(ClockUtil.getCurrentTime().toInstant().plusSeconds(60));

        later(Duration.ofMinutes(2));
        providers.answerNext("wecom", ProviderReceiver.status(502));
        assertThat(dispatcher.dispatchChannels()).isZero();
        assertThat(robotRow("WECOM_ROBOT").status()).as("HTTP 502: temporary").isEqualTo(OutboxStatus.PENDING);

        later(Duration.ofMinutes(5));
        providers.answerNext("wecom", ProviderReceiver.hang(Duration.ofSeconds(6)));
        long started = System.nanoTime();
        assertThat(dispatcher.dispatchChannels()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("app.channels.timeout is 2 s in tests").isLessThan(Duration.ofSeconds(5));
        OutboxMail stalled = robotRow("WECOM_ROBOT");
        assertThat(stalled.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(stalled.attempts()).isEqualTo(3);
        assertThat(stalled.lastError()).contains("没有应答");

        later(Duration.ofMinutes(10));
        providers.answerNext("wecom", ProviderReceiver.wecomError(93000, "invalid webhook url"));
        assertThat(dispatcher.dispatchChannels()).isZero();
        OutboxMail refused = robotRow("WECOM_ROBOT");
        assertThat(refused.status()).as("93000: the webhook is gone, no use retrying").isEqualTo(OutboxStatus.FAILED);
        later(Duration.ofHours(3));
        assertThat(dispatcher.dispatchChannels()).isZero();

        // An administrator resends once the group is fixed; it goes once.
        HttpResponse<String> resent = Browser.basic(port, "admin", "demo").postJson("/api/admin/outbox/" + refused.id() + "/resend", "");
        assertThat(resent.statusCode()).isEqualTo(200);
        assertThat(dispatcher.dispatchChannels()).isOne();
        assertThat(robotRow("WECOM_ROBOT").status()).isEqualTo(OutboxStatus.SENT);
        assertThat(providers.received("wecom")).hasSize(1);
        assertThat(providers.requests()).isEqualTo(5);
    }

    @Test
    void aWronglySignedDingtalkRobotAndAnIllegalMobileAreRefusedForGoodAndSmsRateLimitsAreRetried() {
        robots.remove(UNIT, "WECOM_ROBOT");
        robots.save(UNIT, "DINGTALK_ROBOT", DINGTALK_TOKEN, "SECnot-the-secret-of-this-robot", "admin");
        burst(1, "加签测试");
        assertThat(dispatcher.dispatchChannels()).isZero();
        OutboxMail unsigned = robotRow("DINGTALK_ROBOT");
        assertThat(unsigned.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(unsigned.lastError()).contains("310000").doesNotContain(DINGTALK_TOKEN).doesNotContain("SEC");

        String code = register("短信测试项目");
        Task task = overdueTask(code, "caoli");
        providers.answerNext("sms", ProviderReceiver.smsError("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1"));
        escalations.escalate(task.getId(), 1);
        assertThat(dispatcher.dispatchChannels()).isZero();
        OutboxMail sms = outbox.list(null, Channel.SMS, task.getId(), 10).get(0);
        assertThat(sms.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(sms.lastError()).contains("isv.BUSINESS_LIMIT_CONTROL");
        later(Duration.ofMinutes(2));
        assertThat(dispatcher.dispatchChannels()).isOne();
        assertThat(outbox.list(null, Channel.SMS, task.getId(), 10).get(0).status()).isEqualTo(OutboxStatus.SENT);

        // A mobile number the provider refuses fails at once.
        PersonChannels.Settings fenggang = people.of("fenggang");
        jdbc.sql("UPDATE person_channel SET mobile = '10000000000' WHERE user_id = 'fenggang'").update();
        try {
            new TransactionTemplate(transactionManager).executeWithoutResult(status -> outbox.enqueue(new OutgoingMail(
                    "illegal-mobile:" + System.nanoTime(), "fenggang", null, "【逾期提醒】号码测试", "号码测试\n", null, null, code, 1)));
            dispatcher.dispatchChannels();
            assertThat(jdbc.sql("SELECT status FROM mail_outbox WHERE channel = 'SMS' AND recipient_address = '10000000000'")
                    .query(String.class).list()).containsExactly("FAILED");
            assertThat(providers.protocolErrors()).anyMatch(e -> e.contains("isv.MOBILE_NUMBER_ILLEGAL"));
        } finally {
            jdbc.sql("UPDATE person_channel SET mobile = :m WHERE user_id = 'fenggang'").param("m", fenggang.mobile()).update();
            jdbc.sql("DELETE FROM mail_outbox WHERE channel = 'SMS' AND recipient_address = '10000000000'").update();
        }
    }

    @Test
    void peopleAndAdministratorsGetChineseErrorsAndNoPageShowsAKey() throws Exception {
        PersonChannels.Settings before = people.of("caoli");
        Browser caoli = Browser.basic(port, "caoli", "demo");
        HttpResponse<String> badMobile = put(caoli, "/api/profile/notifications", "{\"mobile\":\"12345\",\"channels\":[\"EMAIL\"]}");
        assertThat(badMobile.statusCode()).isEqualTo(400);
        assertThat(badMobile.body()).contains("手机号码应为 11 位数字");
        assertThat(put(caoli, "/api/profile/notifications", "{\"channels\":[\"SMS\"]}").body()).contains("选择短信通知时须填写手机号码");
        assertThat(put(caoli, "/api/profile/notifications", "{\"mobile\":\"13800001111\",\"channels\":[]}").body()).contains("请至少选择一种通知方式");
        assertThat(put(caoli, "/api/profile/notifications", "{\"channels\":[\"FAX\"]}").body()).contains("通知方式不在可选范围内：FAX");
        assertThat(people.of("caoli")).as("nothing changed").isEqualTo(before);

        HttpResponse<String> saved = put(caoli, "/api/profile/notifications",
                "{\"mobile\":\"+86 138-0000-1111\",\"wecomUserId\":\"caoli\",\"channels\":[\"短信\",\"GROUP_MENTION\"]}");
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(people.of("caoli").mobile()).isEqualTo("13800001111");
        assertThat(people.of("caoli").preferences()).containsExactlyInAnyOrder(Preference.SMS, Preference.GROUP_MENTION);
        people.save("caoli", before.mobile(), before.wecomUserId(), before.preferences().stream().map(Enum::name).toList(), "test");

        // The page: the person's form, and the form again with what was typed when it is refused.
        Browser page = new Browser(port);
        page.login("caoli", "demo");
        assertThat(page.get("/profile/notifications").body()).contains("我的通知方式", "单位工作群中@我", before.mobile());
        HttpResponse<String> refused = page.postForm("/profile/notifications", Map.of("_csrf", page.csrfToken(), "mobile", "999",
                "channels", "SMS"));
        assertThat(refused.body()).contains("手机号码应为 11 位数字", "value=\"999\"");
        assertThat(people.of("caoli")).isEqualTo(before);

        Browser admin = Browser.basic(port, "admin", "demo");
        assertThat(put(admin, "/api/admin/unit-robots/" + UNIT + "/DINGTALK_ROBOT", "{\"webhook\":\"" + DINGTALK_TOKEN + "\"}").body())
                .contains("加签");
        assertThat(put(admin, "/api/admin/unit-robots/unit-street-nowhere/WECOM_ROBOT", "{\"webhook\":\"" + WECOM_KEY + "\"}").statusCode())
                .isEqualTo(404);
        assertThat(put(admin, "/api/admin/unit-robots/" + UNIT + "/SMS", "{\"webhook\":\"" + WECOM_KEY + "\"}").body())
                .contains("机器人渠道只能是");
        assertThat(put(admin, "/api/admin/unit-robots/" + UNIT + "/WECOM_ROBOT", "{\"webhook\":\"https://qyapi.weixin.qq.com/x\"}").body())
                .contains("请填写企业微信群机器人的 Webhook 地址");
        assertThat(put(caoli, "/api/admin/unit-robots/" + UNIT + "/WECOM_ROBOT", "{\"webhook\":\"" + WECOM_KEY + "\"}").statusCode())
                .isEqualTo(403);
        String list = admin.get("/api/admin/unit-robots").body();
        assertThat(list).contains(UNIT, "••••0001").doesNotContain(WECOM_KEY, DINGTALK_TOKEN, DINGTALK_SECRET);

        Browser adminPage = new Browser(port);
        adminPage.login("admin", "demo");
        String channels = adminPage.get("/admin/channels").body();
        assertThat(channels).contains("通知渠道", "单位工作群机器人", "区生态环境局", "（已加签）", "阿里云短信")
                .doesNotContain(WECOM_KEY, DINGTALK_TOKEN, DINGTALK_SECRET, "test-access-secret");
        HttpResponse<String> test = adminPage.postForm("/admin/channels/robots/test", Map.of("_csrf", adminPage.csrfToken(), "unit", UNIT));
        assertThat(test.statusCode()).isIn(200, 302);
        assertThat(dispatcher.dispatchChannels()).isEqualTo(2);
        assertThat(providers.received("wecom").get(0).text()).contains("【测试】区生态环境局工作群已接入");
        assertThat(adminPage.get("/admin/outbox?channel=WECOM_ROBOT").body()).contains("企业微信群", "【测试】区生态环境局工作群已接入")
                .doesNotContain(WECOM_KEY);
    }

    // --- helpers -------------------------------------------------------------------------------------

    private String register(String name) {
        // 其他 belongs to no 产业链: no chain notice joins the mails these tests count.
        return projects.register(new ProjectRegistration(name, "测试投资方", "其他", "其他", new BigDecimal("10"),
                null, BigDecimal.ZERO, "unit-park-dongli-eco", null, false, null, null, null),
                new StaffUser("lina", "李娜", List.of("unit-park-dongli-eco"))).code();
    }

    private Task overdueTask(String code, String assignee) {
        EscalationProbe.deploy(engine);
        String pi = EscalationProbe.start(engine, code);
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
        engine.getTaskService().setAssignee(task.getId(), assignee);
        clockAt("2026-06-30T10:00");
        return task;
    }

    private List<String> burst(int count, String title) {
        List<String> subjects = new ArrayList<>();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            for (int i = 1; i <= count; i++) {
                String subject = "【督办】ZS-2026-%04d %s 第%d条：「审查环保条件」已逾期 %d 个工作日".formatted(9000 + i, title, i, 3 + i % 5);
                subjects.add(subject);
                outbox.enqueueForUnit(new OutgoingMail("burst:%s:%d:%d".formatted(title, System.nanoTime(), i), null, null, subject,
                        subject + "\n", null, null, null, 2, "http://localhost:8080/camunda/app/tasklist/"), UNIT, null);
            }
        });
        return subjects;
    }

    private long pendingFor(String unit) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient_address = :u AND status IN ('PENDING', 'SENDING')").param("u", unit)
                .query(Long.class).single();
    }

    private OutboxMail robotRow(String channel) {
        return outbox.list(null, Channel.valueOf(channel), null, 1).get(0);
    }

    private List<String> channelsOf(Task task) {
        return jdbc.sql("SELECT channel FROM mail_outbox WHERE task_id = :t").param("t", task.getId()).query(String.class).list();
    }

    private List<String> statusesOf(Task task, String channel) {
        return jdbc.sql("SELECT status FROM mail_outbox WHERE task_id = :t AND channel = :c").param("t", task.getId()).param("c", channel)
                .query(String.class).list();
    }

    private static void later(Duration duration) {
        ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
    }

    private static HttpResponse<String> put(Browser browser, String path, String json) {
        return browser.send(browser.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    private <T> T beanOf(Class<T> type) {
        return context.getBean(type);
    }

    private ObjectProvider<JavaMailSender> noMail() {
        return context.getBeanProvider(JavaMailSender.class);
    }
}
