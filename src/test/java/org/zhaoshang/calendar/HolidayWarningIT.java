package org.zhaoshang.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhaoshang.support.EscalationProbe.clockAt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;

/**
 * Administrators are warned of a year without holiday data from 60 days before it starts: a notice on their
 * pages and one mail per year and administrator in the outbox, however often (and on however many nodes) the
 * check runs. Far-away years (2096–2099) keep it independent of the shipped data and of today's date.
 */
@IntegrationTest
class HolidayWarningIT {

    @LocalServerPort
    int port;
    @Autowired
    HolidayDataWarnings warnings;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcClient jdbc;
    @Value("${app.base-url}")
    String baseUrl;

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        jdbc.sql("DELETE FROM mail_outbox WHERE idempotency_key LIKE 'holiday-data-missing:209%'").update();
    }

    @Test
    void fromSixtyDaysBeforeAYearWithoutDataEachAdministratorGetsOneMail() {
        List<String> administrators = administratorsWithMail();
        assertThat(administrators).isNotEmpty();

        clockAt("2098-11-01T10:00"); // 61 days before 2099: only the running year 2098 (no data either)
        warnings.mailAdministrators();
        assertThat(mailed(2099)).isEmpty();
        assertThat(mailed(2098)).containsExactlyInAnyOrderElementsOf(administrators);

        clockAt("2098-11-02T10:00"); // 60 days before
        assertThat(warnings.mailAdministrators()).isEqualTo(administrators.size());
        assertThat(mailed(2099)).containsExactlyInAnyOrderElementsOf(administrators);
        // The daily check runs again, a node restarts, a day later: nothing more.
        assertThat(warnings.mailAdministrators()).isZero();
        clockAt("2098-11-03T08:00");
        assertThat(warnings.mailAdministrators()).isZero();
        assertThat(mailed(2099)).hasSameSizeAs(administrators);
        assertThat(mailed(2098)).hasSameSizeAs(administrators);

        String subject = jdbc.sql("SELECT subject FROM mail_outbox WHERE idempotency_key = :k").param("k", "holiday-data-missing:2099:admin")
                .query(String.class).single();
        String body = jdbc.sql("SELECT body FROM mail_outbox WHERE idempotency_key = :k").param("k", "holiday-data-missing:2099:admin")
                .query(String.class).single();
        assertThat(subject).isEqualTo("【节假日数据缺失】2099 年法定节假日安排尚未录入");
        assertThat(body).contains("距 2099 年 1 月 1 日还有 60 天", "国务院办公厅发布《关于2099年部分节假日安排的通知》后",
                baseUrl.replaceAll("/$", "") + "/admin/holidays/2099", "其他节点在 30 秒内生效", "已生成的待办到期时间和定时提醒不会重新计算");
        String started = jdbc.sql("SELECT subject FROM mail_outbox WHERE idempotency_key = :k").param("k", "holiday-data-missing:2098:admin")
                .query(String.class).single();
        assertThat(started).isEqualTo("【节假日数据缺失】2098 年法定节假日安排缺失");
    }

    @Test
    void twoNodesCheckingAtTheSameMomentStillMailOnce() throws Exception {
        List<String> administrators = administratorsWithMail();
        clockAt("2096-12-01T08:00"); // 2096 and 2097 both without data
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<Integer> check = () -> {
                start.await();
                return warnings.mailAdministrators();
            };
            List<Future<Integer>> runs = new ArrayList<>(List.of(nodes.submit(check), nodes.submit(check)));
            start.countDown();
            int added = 0;
            for (Future<Integer> run : runs) {
                added += run.get();
            }
            assertThat(added).isEqualTo(2 * administrators.size());
        } finally {
            nodes.shutdownNow();
        }
        assertThat(mailed(2096)).containsExactlyInAnyOrderElementsOf(administrators);
        assertThat(mailed(2097)).containsExactlyInAnyOrderElementsOf(administrators);
    }

    @Test
    void administratorsSeeTheNoticeOnTheirPagesOthersDoNot() {
        clockAt("2098-11-02T10:00");
        Browser admin = new Browser(port);
        admin.login("admin", "demo");
        String home = admin.get("/").body();
        assertThat(home).contains("2098 年的法定节假日与调休安排缺失，当前到期时间、提醒与督办日期按周一至周五计算",
                "2099 年的法定节假日与调休安排尚未录入（还有 60 天）", "前往录入");
        assertThat(admin.get("/admin/holidays").body()).contains("2099 年的法定节假日与调休安排尚未录入（还有 60 天）");

        Browser officer = new Browser(port);
        officer.login("yangmin", "demo");
        assertThat(officer.get("/").body()).doesNotContain("法定节假日");

        clockAt("2098-11-01T10:00");
        assertThat(warnings.notice()).doesNotContain("2099");
        assertThat(warnings.missing()).extracting(HolidayDataWarnings.MissingYear::year).containsExactly(2098);
    }

    private List<String> administratorsWithMail() {
        return identityService.createUserQuery().memberOfGroup(GroupIds.ADMIN).unlimitedList().stream()
                .filter(u -> u.getEmail() != null && !u.getEmail().isBlank()).map(u -> u.getId()).toList();
    }

    private List<String> mailed(int year) {
        return jdbc.sql("SELECT recipient_user_id FROM mail_outbox WHERE idempotency_key LIKE :k").param("k", "holiday-data-missing:" + year + ":%")
                .query(String.class).list();
    }
}
