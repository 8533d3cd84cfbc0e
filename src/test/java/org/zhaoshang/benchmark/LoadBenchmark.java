package org.zhaoshang.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhaoshang.benchmark.LifecycleBenchmark.pct;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.zhaoshang.support.AppProcess;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.Invariants;
import org.zhaoshang.support.NodeDatabase;
import org.zhaoshang.support.ReceivedMail;
import org.zhaoshang.support.Tasks;
import org.zhaoshang.support.TestDatabase;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Benchmark (issue 12's load case; it prints and writes its figures): two application nodes as README's
 * cluster set-up runs them, on one PostgreSQL, job executor and mail dispatch on both. 1,000 cases of
 * 项目评审 are registered at once through the REST API by the eight units' officers (8 clients over both
 * nodes); then the product's own reminder timers of their 1,000 pre-check tasks are moved to fall due within
 * one minute, and the nodes run them. Measured: registrations/s and their p50/p95, the delay from each
 * reminder's due time to its outbox row and to its mail delivered to an in-JVM SMTP server, and the
 * PostgreSQL log is searched for deadlocks. The run fails if anything is lost or done twice (the same SQL
 * invariants as after the fault tests), so its figures are figures of a correct run.
 * <p>
 * {@code ./mvnw -Pbenchmark verify -Dit.test=LoadBenchmark}; results in target/benchmark/load.txt, written
 * up in docs/reliability.md (Load).
 */
@ExtendWith(TestDatabase.class)
class LoadBenchmark {

    static final int CASES = Integer.getInteger("benchmark.load.cases", 1_000);
    static final int SMTP_PORT = 3028;
    /** The local server's log (Debian's layout), read for deadlocks. */
    static final Path POSTGRES_LOG = Path.of("/var/log/postgresql", "postgresql-" + java.util.Optional.ofNullable(new java.io.File("/etc/postgresql")
            .list()).filter(v -> v.length == 1).map(v -> v[0]).orElse("15") + "-main.log");
    static final List<String> OFFICERS = List.of("zhouxiaoyu", "xuhui", "sunyue", "zhuhao", "guoqiang", "songyang", "lina", "liuyang");

    @TempDir
    Path dir;
    final ObjectMapper json = new ObjectMapper();
    final List<String> report = new ArrayList<>();

    @Test
    void thousandCasesAndThousandTimersDueInOneMinuteOnTwoNodes() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestDatabase.isPostgres(), "two nodes need a shared PostgreSQL");
        NodeDatabase db = NodeDatabase.fresh("zhaoshang_load");
        long logStart = Files.exists(POSTGRES_LOG) ? Files.size(POSTGRES_LOG) : -1;
        GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        // On an empty database the first node creates the schema; the second starts once it is there (README).
        AppProcess nodeA = AppProcess.launch(dir, Map.of("TZ", "UTC"), node(db)).awaitStarted();
        AppProcess nodeB = AppProcess.launch(dir, Map.of("TZ", "UTC"), node(db));
        try {
            nodeB.awaitStarted();
            line("load: %d cases, 2 nodes (job executor and mail dispatch on both, dispatch interval %s), one PostgreSQL, %d client threads",
                    CASES, System.getProperty("benchmark.load.dispatch-interval", "PT15S"), OFFICERS.size());

            // 1,000 registrations at once: each officer registers through the node a balancer would pick.
            ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
            List<Integer> ports = List.of(nodeA.port(), nodeB.port());
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(OFFICERS.size());
            List<Future<?>> futures = new ArrayList<>();
            long started = System.nanoTime();
            for (int c = 0; c < OFFICERS.size(); c++) {
                String officer = OFFICERS.get(c);
                futures.add(clients.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < CASES; ) {
                        Browser client = Browser.basic(ports.get(i % 2), officer, "demo");
                        long t = System.nanoTime();
                        HttpResponse<String> response = client.postJson("/engine-rest/process-definition/key/project-review/submit-form",
                                Tasks.reviewStartForm("负载测试项目" + i, "SMART_MANUFACTURING", 1000 + i, 0));
                        latencies.add((System.nanoTime() - t) / 1e6);
                        if (response.statusCode() != 200) {
                            throw new AssertionError("case " + i + ": " + response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            clients.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            line("registration: %d cases in %.1f s = %.1f cases/s; p50 %.0f ms, p95 %.0f ms, max %.0f ms", CASES, seconds, CASES / seconds,
                    pct(latencies, 50), pct(latencies, 95), pct(latencies, 100));
            assertThat(db.count("SELECT COUNT(*) FROM investment_project")).isEqualTo(CASES);
            assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = 'UserTask_PrecheckProject'")).isEqualTo(CASES);

            // The pre-checks' own reminder timers (working-day dates) moved to fall due within one minute.
            List<String> reminders = db.strings("SELECT j.ID_ || ' ' || t.ID_ FROM ACT_RU_JOB j JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_ "
                    + "JOIN ACT_RU_TASK t ON t.PROC_INST_ID_ = j.PROCESS_INSTANCE_ID_ "
                    + "WHERE d.ACT_ID_ = 'BoundaryEvent_PrecheckProjectReminder' ORDER BY j.ID_");
            Instant first = Instant.now().plusSeconds(15);
            // One statement: the n-th job (by id) falls due n × 60 ms after the first, so all within one minute.
            int updated = db.update("""
                    UPDATE ACT_RU_JOB j SET DUEDATE_ = CAST(? AS TIMESTAMP) + (r.n - 1) * INTERVAL '60 milliseconds'
                    FROM (SELECT j2.ID_, ROW_NUMBER() OVER (ORDER BY j2.ID_) AS n FROM ACT_RU_JOB j2
                          JOIN ACT_RU_JOBDEF d ON d.ID_ = j2.JOB_DEF_ID_ WHERE d.ACT_ID_ = 'BoundaryEvent_PrecheckProjectReminder') r
                    WHERE j.ID_ = r.ID_""", shanghai(first));
            // The due times as stored (Camunda writes the application's local time, Asia/Shanghai, whatever the host's zone).
            Map<String, Instant> due = new java.util.HashMap<>();
            for (String row : db.strings("SELECT t.ID_ || ' ' || CAST(EXTRACT(EPOCH FROM j.DUEDATE_ AT TIME ZONE 'Asia/Shanghai') * 1000 AS BIGINT) "
                    + "FROM ACT_RU_JOB j "
                    + "JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_ JOIN ACT_RU_TASK t ON t.PROC_INST_ID_ = j.PROCESS_INSTANCE_ID_ "
                    + "WHERE d.ACT_ID_ = 'BoundaryEvent_PrecheckProjectReminder'")) {
                due.put(row.split(" ")[0], Instant.ofEpochMilli(Long.parseLong(row.split(" ")[1])));
            }
            line("timers as stored: first due %s, last due %s", due.values().stream().min(Instant::compareTo).orElse(null),
                    due.values().stream().max(Instant::compareTo).orElse(null));
            assertThat(updated).isEqualTo(reminders.size());
            line("timers: %d reminder timers (the pre-checks' own, with their real recipients) due between %s and 60 s later",
                    reminders.size(), first);
            assertThat(due.size()).isEqualTo(CASES);

            Instant deadline = first.plusSeconds(600);
            while (Instant.now().isBefore(deadline) && (db.count("SELECT COUNT(*) FROM task_escalation WHERE escalation_level = 0") < CASES
                    || db.count("SELECT COUNT(*) FROM mail_outbox WHERE escalation_level = 0 AND status <> 'SENT'") > 0)) {
                Thread.sleep(1_000);
            }
            // Per reminder: the job ran (escalation recorded), its first outbox row, its last mail delivered.
            List<Double> fired = new ArrayList<>();
            List<Double> queued = new ArrayList<>();
            List<Double> mailed = new ArrayList<>();
            for (String row : db.strings("""
                    SELECT e.task_id || ' ' || CAST(EXTRACT(EPOCH FROM e.fired_at) * 1000 AS BIGINT) || ' '
                           || CAST(EXTRACT(EPOCH FROM MIN(m.created_at)) * 1000 AS BIGINT) || ' '
                           || COALESCE(CAST(EXTRACT(EPOCH FROM MAX(m.sent_at)) * 1000 AS BIGINT), 0)
                    FROM task_escalation e JOIN mail_outbox m ON m.task_id = e.task_id AND m.escalation_level = 0
                    WHERE e.escalation_level = 0 GROUP BY e.task_id, e.fired_at""")) {
                String[] parts = row.split(" ");
                long dueAt = due.get(parts[0]).toEpochMilli();
                fired.add((Long.parseLong(parts[1]) - dueAt) / 1000.0);
                queued.add((Long.parseLong(parts[2]) - dueAt) / 1000.0);
                mailed.add((Long.parseLong(parts[3]) - dueAt) / 1000.0);
            }
            long escalations = db.count("SELECT COUNT(*) FROM task_escalation WHERE escalation_level = 0");
            long mails = db.count("SELECT COUNT(*) FROM mail_outbox WHERE escalation_level = 0");
            line("escalations: %d of %d reminders fired, once each; %d mails, all SENT: %s; the SMTP server received %d", escalations, CASES,
                    mails, db.count("SELECT COUNT(*) FROM mail_outbox WHERE escalation_level = 0 AND status <> 'SENT'") == 0,
                    ReceivedMail.aboutCases(smtp).size());
            line("delay after the due time (s): job ran p50 %.1f, p95 %.1f, max %.1f; outbox row p50 %.1f, p95 %.1f, max %.1f; "
                    + "mail delivered p50 %.1f, p95 %.1f, max %.1f", pct(fired, 50), pct(fired, 95), pct(fired, 100), pct(queued, 50),
                    pct(queued, 95), pct(queued, 100), pct(mailed, 50), pct(mailed, 95), pct(mailed, 100));
            long failures = db.count("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_EXCEPTION_MSG_ IS NOT NULL");
            line("failed job attempts: %d; incidents: %d", failures, db.count("SELECT COUNT(*) FROM ACT_RU_INCIDENT"));
            List<String> deadlocks = deadlocks(logStart);
            line("PostgreSQL log: %s", logStart < 0 ? "not readable here" : deadlocks.isEmpty() ? "no deadlock" : deadlocks.size()
                    + " deadlock(s): " + deadlocks);
            List<String> broken = Invariants.violations(db);
            line("invariants: %s", broken.isEmpty() ? "hold" : broken);

            assertThat(escalations).isEqualTo(CASES);
            assertThat(fired).hasSize(CASES);
            assertThat(db.count("SELECT COUNT(*) FROM mail_outbox WHERE escalation_level = 0 AND status <> 'SENT'")).isZero();
            assertThat(ReceivedMail.aboutCases(smtp)).hasSize((int) mails);
            assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_INCIDENT")).isZero();
            assertThat(deadlocks).isEmpty();
            assertThat(broken).isEmpty();
        } finally {
            nodeB.close();
            nodeA.close();
            smtp.stop();
            Path out = Path.of("target", "benchmark", "load.txt");
            Files.createDirectories(out.getParent());
            Files.write(out, report);
            report.forEach(System.out::println);
        }
    }

    private String[] node(NodeDatabase db) {
        List<String> args = new ArrayList<>(db.arguments());
        args.addAll(List.of("--spring.profiles.active=postgres,demo", "--app.demo.history.projects=0",
                "--camunda.bpm.job-execution.enabled=true", "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP_PORT,
                "--app.mail.dispatch-enabled=true",
                // Production's interval unless told otherwise (the figures in docs/reliability.md say which).
                "--app.mail.dispatch-interval=" + System.getProperty("benchmark.load.dispatch-interval", "PT15S")));
        return args.toArray(String[]::new);
    }

    /** The instant as the local date-time Camunda stores in its timestamp columns (the application's zone). */
    private static java.sql.Timestamp shanghai(Instant instant) {
        return java.sql.Timestamp.valueOf(java.time.LocalDateTime.ofInstant(instant, java.time.ZoneId.of("Asia/Shanghai")));
    }

    /** "deadlock detected" lines the PostgreSQL server logged since {@code from} (bytes into its log). */
    private static List<String> deadlocks(long from) throws java.io.IOException {
        if (from < 0) {
            return List.of();
        }
        byte[] all = Files.readAllBytes(POSTGRES_LOG);
        String written = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                java.nio.charset.StandardCharsets.UTF_8);
        return written.lines().filter(l -> l.contains("deadlock detected")).toList();
    }

    private void line(String format, Object... args) {
        report.add(format.formatted(args));
    }
}
