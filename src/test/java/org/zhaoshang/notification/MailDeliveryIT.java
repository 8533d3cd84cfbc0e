package org.zhaoshang.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhaoshang.support.EscalationProbe.clockAt;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.escalation.EscalationService;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.EscalationProbe;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.ScriptedSmtpServer;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/** Escalation mails over real SMTP (GreenMail in the JVM): delivered once, delayed but never lost when the server is down. */
@IntegrationTest
class MailDeliveryIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static final String HEAD_OF_HUANBAO = "fenggang@dongli.example.cn";

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
    ProjectService projects;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;
    @Autowired
    org.springframework.context.ApplicationContext context;

    String code;
    Task task;

    @BeforeEach
    void overdueTask() {
        EscalationProbe.deploy(engine);
        clockAt("2026-06-01T10:00");
        // Earlier tests leave undelivered mails (dispatching is off in tests): not this test's business.
        jdbc.sql("UPDATE mail_outbox SET status = 'HELD' WHERE status = 'PENDING'").update();
        // 其他 belongs to no 产业链: no chain notice joins the mails these tests count.
        code = projects.register(new ProjectRegistration("邮件测试项目", "测试投资方", "其他", "其他", new BigDecimal("10"),
                null, BigDecimal.ZERO, "unit-park-dongli-eco", null, false, null, null, null),
                new StaffUser("lina", "李娜", List.of("unit-park-dongli-eco"))).code();
        String pi = EscalationProbe.start(engine, code);
        task = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
        clockAt("2026-06-30T10:00");
    }

    @AfterEach
    void resetClock() throws Exception {
        ClockUtil.reset();
        // After every mail fault: the case still waits, no job gave up silently, each escalation mailed once.
        assertThat(org.zhaoshang.support.Invariants.violations(org.zhaoshang.support.Invariants.sql(jdbc), task.getProcessInstanceId())).isEmpty();
    }

    @Test
    void escalationMailArrivesWithChineseSubjectAndTaskLink() throws Exception {
        assertThat(escalations.escalate(task.getId(), 1)).isTrue();
        assertThat(dispatcher.dispatchDue()).isOne();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(HEAD_OF_HUANBAO);
        assertThat(mail.getSubject()).startsWith("【逾期提醒】" + code + " 邮件测试项目").contains("「审查环保条件」已逾期");
        String body = GreenMailUtil.getBody(mail);
        String text = new String(mail.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("冯刚，您好", "项目：" + code, "到期时间：", "/camunda/app/tasklist/default/#/?task=" + task.getId());
        assertThat(body).isNotBlank();
        assertThat(status(task.getId())).containsExactly("SENT");
    }

    @Test
    void smtpDownDelaysMailWithoutLosingItOrBlockingTheTask() throws Exception {
        smtp.stop();
        assertThat(escalations.escalate(task.getId(), 1)).isTrue();
        assertThat(dispatcher.dispatchDue()).isZero();
        OutboxMail pending = outbox.list(null, Channel.EMAIL, task.getId(), 10).get(0);
        assertThat(pending.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(pending.attempts()).isOne();
        assertThat(pending.lastError()).isNotBlank();

        // The person's work is not held up by the mail server.
        engine.getTaskService().complete(task.getId());

        smtp.start();
        assertThat(dispatcher.dispatchDue()).as("the retry waits for its back-off").isZero();
        ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 2 * 60_000));
        assertThat(dispatcher.dispatchDue()).isOne();
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(status(task.getId())).containsExactly("SENT");
    }

    @Test
    void aMailServerThatAcceptsAndThenHangsCostsOneBoundedAttempt() throws Exception {
        smtp.stop();
        // Something listens on the SMTP port, takes the connection and never answers.
        try (java.net.ServerSocket silent = new java.net.ServerSocket()) {
            silent.setReuseAddress(true);
            silent.bind(new java.net.InetSocketAddress("127.0.0.1", 3025));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        silent.accept();
                    }
                } catch (java.io.IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            assertThat(escalations.escalate(task.getId(), 1)).isTrue();
            long started = System.nanoTime();
            assertThat(dispatcher.dispatchDue()).isZero();
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
            // mail.smtp.timeout is 2 s in the tests (30 s in production): one wait, not a stalled dispatcher.
            assertThat(took).isLessThan(java.time.Duration.ofSeconds(15));
        }
        OutboxMail pending = outbox.list(null, Channel.EMAIL, task.getId(), 10).get(0);
        assertThat(pending.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(pending.attempts()).isOne();
        smtp.start();
        ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 2 * 60_000));
        assertThat(dispatcher.dispatchDue()).isOne();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    /**
     * A server that takes its time over one recipient (a byte a second: no read ever times out) costs that mail one
     * attempt of at most app.mail.attempt-timeout (4 s here); the mails before it are delivered, the ones after it go on
     * a new connection at once, in the same dispatch run.
     */
    @Test
    void aServerSlowOverOneRecipientCostsThatMailOneBoundedAttemptAndTheOthersGoOut() throws Exception {
        smtp.stop();
        List<String> recipients = List.of("first@slow-test.example.cn", "slow@slow-test.example.cn", "third@slow-test.example.cn",
                "fourth@slow-test.example.cn");
        enqueue("slow-recipient", recipients);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.trickling("127.0.0.1", 3025, java.time.Duration.ofSeconds(1),
                (connection, command) -> command.contains("slow@"))) {
            long started = System.nanoTime();
            while (dispatcher.dispatchDue() > 0) {
                // as the schedule runs it
            }
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).as("one cut attempt, not a reply trickled over a minute").isLessThan(java.time.Duration.ofSeconds(12));
            assertThat(server.accepted()).containsExactly(recipients.get(0), recipients.get(2), recipients.get(3));
        }
        assertThat(statusOf("slow-recipient")).containsExactly("SENT", "PENDING", "SENT", "SENT");
        OutboxMail slow = outbox.list(null, Channel.EMAIL, null, 500).stream().filter(m -> m.recipientAddress().equals(recipients.get(1)))
                .findFirst().orElseThrow();
        assertThat(slow.attempts()).isOne();
        assertThat(slow.lastError()).contains("not finished within 4 s");
    }

    /**
     * A mail stuck on node A (its server trickles the greeting) while node B keeps dispatching: A's attempt is cut at
     * 4 s and the mail waits for its retry; B, which takes over mails left in SENDING after 13 s, never finds it
     * stale; when the server is well again the mail goes out once, whichever node sends it. Without the cut, B took the
     * "stale" mail over and sent it while A was still at it: the recipient got it twice.
     */
    @Test
    void aMailStuckOnOneNodeIsNeverSentTwiceWhenAnotherNodeTakesOver() throws Exception {
        smtp.stop();
        String address = "once@slow-test.example.cn";
        enqueue("stuck-on-a", List.of(address));
        OutboxDispatcher nodeB = new OutboxDispatcher(outbox, context.getBeanProvider(org.springframework.mail.javamail.JavaMailSender.class),
                new MailProperties("zhaoshang-noreply@localhost", false, java.time.Duration.ofSeconds(15), 8, java.time.Duration.ofMinutes(1),
                        java.time.Duration.ofHours(1), java.time.Duration.ofSeconds(13), java.time.Duration.ofSeconds(4)),
                transactionManager, List.of(), new ChannelPacer(jdbc, context.getBean(java.time.Clock.class), transactionManager));
        // The first connection (node A's) is greeted a byte a second, for about 50 s; later ones at once.
        try (ScriptedSmtpServer server = ScriptedSmtpServer.trickling("127.0.0.1", 3025, java.time.Duration.ofSeconds(1),
                (connection, command) -> connection == 1 && command.equals("GREETING"))) {
            var nodeA = java.util.concurrent.CompletableFuture.supplyAsync(dispatcher::dispatchDue);
            long until = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < until) {
                // The product's clock (fixed in these tests) moves on with the stall, two seconds a round: B sees A's mail
                // "stale" 13 s after A claimed it, unless A has let go of it by then.
                ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 2_000));
                nodeB.dispatchDue();
                Thread.sleep(1_000);
            }
            assertThat(nodeA.get(10, java.util.concurrent.TimeUnit.SECONDS)).isZero();
            assertThat(server.accepted()).as("sent during the stall").isEmpty();
            assertThat(statusOf("stuck-on-a")).containsExactly("PENDING");

            // The retry falls due; both nodes dispatch at once.
            server.speedUp();
            ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 2 * 60_000));
            var a = java.util.concurrent.CompletableFuture.supplyAsync(dispatcher::dispatchDue);
            var b = java.util.concurrent.CompletableFuture.supplyAsync(nodeB::dispatchDue);
            assertThat(a.get(30, java.util.concurrent.TimeUnit.SECONDS) + b.get(30, java.util.concurrent.TimeUnit.SECONDS)).isOne();
            Thread.sleep(1_000);
            assertThat(server.accepted()).as("delivered once").containsExactly(address);
        }
        assertThat(statusOf("stuck-on-a")).containsExactly("SENT");
    }

    private void enqueue(String cause, List<String> addresses) {
        transactionTemplate().executeWithoutResult(status -> {
            for (int i = 0; i < addresses.size(); i++) {
                outbox.enqueue(new OutgoingMail(cause + "-" + i, null, addresses.get(i), "测试邮件 " + i, "正文", null, null, null, null));
            }
        });
    }

    private List<String> statusOf(String cause) {
        return jdbc.sql("SELECT status FROM mail_outbox WHERE idempotency_key LIKE :cause ORDER BY idempotency_key")
                .param("cause", cause + "-%").query(String.class).list();
    }

    private org.springframework.transaction.support.TransactionTemplate transactionTemplate() {
        return new org.springframework.transaction.support.TransactionTemplate(transactionManager);
    }

    @Test
    void aMailboxRefusedForGoodFailsAtOnceAndATemporaryRefusalIsRetried() throws Exception {
        smtp.stop();
        assertThat(escalations.escalate(task.getId(), 1)).isTrue();
        try (ScriptedSmtpServer busy = new ScriptedSmtpServer("127.0.0.1", 3025, "451 4.7.1 Try again later")) {
            assertThat(dispatcher.dispatchDue()).isZero();
        }
        OutboxMail later = outbox.list(null, Channel.EMAIL, task.getId(), 10).get(0);
        assertThat(later.status()).as("4xx: tried again later").isEqualTo(OutboxStatus.PENDING);
        assertThat(later.attempts()).isOne();
        assertThat(later.lastError()).contains("451");

        ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 2 * 60_000));
        try (ScriptedSmtpServer refusing = new ScriptedSmtpServer("127.0.0.1", 3025, "550 5.1.1 No such user here")) {
            assertThat(dispatcher.dispatchDue()).isZero();
        }
        OutboxMail refused = outbox.list(null, Channel.EMAIL, task.getId(), 10).get(0);
        assertThat(refused.status()).as("5xx: no use trying again").isEqualTo(OutboxStatus.FAILED);
        assertThat(refused.attempts()).isEqualTo(2);
        assertThat(refused.lastError()).contains("550");
        smtp.start();
        ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 24 * 3600_000));
        assertThat(dispatcher.dispatchDue()).as("a failed mail waits for an administrator's resend").isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void productionMailTimeoutsAreBounded() throws Exception {
        org.springframework.beans.factory.config.YamlPropertiesFactoryBean yaml = new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
        yaml.setResources(new org.springframework.core.io.ClassPathResource("application.yaml"));
        java.util.Properties main = yaml.getObject();
        for (String timeout : List.of("mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout")) {
            assertThat(main.getProperty("spring.mail.properties." + timeout)).as(timeout).isNotNull()
                    .satisfies(v -> assertThat(Integer.parseInt(v)).isBetween(1_000, 60_000));
        }
    }

    @Test
    void afterTheLastAttemptAnAdministratorResends() throws Exception {
        smtp.stop();
        escalations.escalate(task.getId(), 1);
        for (int attempt = 0; attempt < 8; attempt++) {
            dispatcher.dispatchDue();
            ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 2 * 3600_000));
        }
        OutboxMail failed = outbox.list(null, Channel.EMAIL, task.getId(), 10).get(0);
        assertThat(failed.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(8);

        Browser admin = new Browser(port);
        admin.login("admin", "demo");
        HttpResponse<String> page = admin.get("/admin/outbox?status=FAILED");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("通知发件箱", failed.subject(), "重新发送");

        HttpResponse<String> forbidden = Browser.basic(port, "yangmin", "demo").postJson("/api/admin/outbox/" + failed.id() + "/resend", "");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        HttpResponse<String> resent = Browser.basic(port, "admin", "demo").postJson("/api/admin/outbox/" + failed.id() + "/resend", "");
        assertThat(resent.statusCode()).isEqualTo(200);
        assertThat(resent.body()).contains("\"status\":\"PENDING\"");

        smtp.start();
        assertThat(dispatcher.dispatchDue()).isOne();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    private List<String> status(String taskId) {
        return jdbc.sql("SELECT status FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = :task").param("task", taskId).query(String.class).list();
    }
}
