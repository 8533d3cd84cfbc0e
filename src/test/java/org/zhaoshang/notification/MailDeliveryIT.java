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
