package org.zhaoshang.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhaoshang.support.AppProcess;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.Invariants;
import org.zhaoshang.support.NodeDatabase;
import org.zhaoshang.support.ReceivedMail;
import org.zhaoshang.support.SlowStep;
import org.zhaoshang.support.StallingProxy;
import org.zhaoshang.support.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Two application nodes on one PostgreSQL database, as README's cluster set-up runs them (Camunda's job
 * executor on both): a node killed with {@code kill -9} in the middle of an escalation job loses nothing
 * and duplicates nothing — the other node runs the job once its lock expires, and each recipient gets one
 * mail. PostgreSQL crashing under a node (immediate stop, then start): requests fail quickly with 503 and a
 * Chinese message, the pool reconnects by itself, and no completion is lost or done twice. Runs in the
 * PostgreSQL pass only (H2 files cannot be shared by two JVMs; the crash needs the local server's
 * {@code pg_ctlcluster}, as on the CI machine).
 */
@org.junit.jupiter.api.extension.ExtendWith(TestDatabase.class)
class NodeFaultsIT {

    static final String DATABASE = "zhaoshang_nodes";
    static final String PROCESS = "it-two-nodes";
    static final int SMTP_PORT = 3027;
    final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;
    NodeDatabase db;

    @BeforeEach
    void freshDatabase() throws SQLException {
        assumeTrue(TestDatabase.isPostgres(), "two nodes need a shared PostgreSQL");
        db = NodeDatabase.fresh(DATABASE);
    }

    @Test
    void aNodeKilledDuringAnEscalationJobLosesNothingAndTheOtherNodeSendsEachMailOnce() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        AppProcess nodeB = null;
        try {
            String taskId;
            String instance;
            // Node A: the reminder job sleeps after writing its outbox rows, so it dies with the transaction open.
            try (AppProcess nodeA = AppProcess.launch(dir, Map.of("TZ", "UTC"), node("600000")).awaitStarted()) {
                Browser admin = Browser.basic(nodeA.port(), "admin", "demo");
                assertThat(deploy(admin).statusCode()).isEqualTo(200);
                String code = register(nodeA);
                HttpResponse<String> started = admin.postJson("/engine-rest/process-definition/key/" + PROCESS + "/start",
                        "{\"businessKey\":\"" + code + "\",\"variables\":{\"remindAt\":{\"type\":\"Date\",\"value\":\""
                                + restDate(Date.from(Instant.now().plusSeconds(3))) + "\"}}}");
                assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
                instance = json.readTree(started.body()).path("id").asText();
                taskId = db.single("SELECT ID_ FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ?", instance);

                await(Duration.ofSeconds(60), () -> nodeA.output().contains(SlowStep.SLEEPING));
                assertThat(db.single("SELECT LOCK_OWNER_ FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ = ?", instance)).isNotNull();
                nodeA.kill();
            }
            assertThat(db.count("SELECT COUNT(*) FROM mail_outbox WHERE channel = 'EMAIL' "
                    + "AND task_id = ?", taskId)).as("A's transaction never committed").isZero();
            assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ = ?", instance)).as("the job is not lost").isOne();

            // Node B takes the job once A's lock has expired and runs it to the end.
            nodeB = AppProcess.launch(dir, Map.of("TZ", "UTC"), node("0")).awaitStarted();
            String task = taskId;
            await(Duration.ofSeconds(90), () -> db.count("SELECT COUNT(*) FROM mail_outbox WHERE channel = 'EMAIL' "
                    + "AND task_id = ? AND status = 'SENT'", task) > 0
                    && db.count("SELECT COUNT(*) FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = ? AND status <> 'SENT'", task) == 0);

            List<String> recipients = db.strings("SELECT recipient_address FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = ? ORDER BY 1", taskId);
            assertThat(recipients).isNotEmpty().doesNotHaveDuplicates();
            assertThat(ReceivedMail.aboutCases(smtp)).as("one mail per recipient").hasSize(recipients.size());
            assertThat(db.count("SELECT COUNT(*) FROM task_escalation WHERE task_id = ?", taskId)).isOne();
            assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ = ?", instance)).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_INCIDENT")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ?", instance)).as("the case goes on").isOne();
            assertThat(Invariants.violations(db)).isEmpty();
        } finally {
            if (nodeB != null) {
                nodeB.close();
            }
            smtp.stop();
        }
    }

    @Test
    void whenPostgresCrashesUnderLoadRequestsFailCleanlyAndNothingIsLostOrDoneTwice() throws Exception {
        String cluster = postgresCluster();
        assumeTrue(cluster != null, "needs pg_ctlcluster of the local PostgreSQL");
        try (AppProcess node = AppProcess.launch(dir, Map.of("TZ", "UTC"), node("0")).awaitStarted()) {
            Browser admin = Browser.basic(node.port(), "admin", "demo");
            assertThat(deploy(admin).statusCode()).isEqualTo(200);
            List<String> tasks = startCases(admin, 12);
            Browser reviewer = Browser.basic(node.port(), "caoli", "demo");
            List<String> done = new ArrayList<>();
            for (String task : tasks.subList(0, 4)) {
                assertThat(complete(reviewer, task).statusCode()).isEqualTo(204);
                done.add(task);
            }
            // A case whose reminder falls due while the database is down.
            HttpResponse<String> dueDuringOutage = admin.postJson("/engine-rest/process-definition/key/" + PROCESS + "/start",
                    "{\"variables\":{\"remindAt\":{\"type\":\"Date\",\"value\":\"" + restDate(Date.from(Instant.now().plusSeconds(4))) + "\"}}}");
            String reminded = db.single("SELECT ID_ FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ?",
                    json.readTree(dueDuringOutage.body()).path("id").asText());

            pg(cluster, "stop", "-m", "immediate");
            List<HttpResponse<String>> duringOutage = new ArrayList<>();
            try {
                for (String task : tasks.subList(4, 8)) {
                    Instant sent = Instant.now();
                    HttpResponse<String> response = complete(reviewer, task);
                    duringOutage.add(response);
                    assertThat(Duration.between(sent, Instant.now())).as("fails within the pool's time-out").isLessThan(Duration.ofSeconds(20));
                }
                duringOutage.add(reviewer.get("/api/projects"));
            } finally {
                pg(cluster, "start");
            }
            // The very first request may meet a pooled connection that died with the server and fail with a generic
            // error; that too is a 503, because the filters ask the database before answering 500.
            assertThat(duringOutage).allSatisfy(response -> {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(json.readTree(response.body()).path("message").asText()).contains("数据库暂时不可用");
            });

            // The pool reconnects without a restart of the node; the failed completions are simply done again.
            await(Duration.ofSeconds(60), () -> reviewer.get("/engine-rest/task/count").statusCode() == 200);
            for (String task : tasks.subList(4, 12)) {
                HttpResponse<String> response = complete(reviewer, task);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
                done.add(task);
            }
            for (String task : done) {
                assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_TASKINST WHERE ID_ = ? AND END_TIME_ IS NOT NULL", task)).isOne();
                assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_TASK WHERE ID_ = ?", task)).isZero();
            }
            assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = ? AND END_TIME_ IS NULL", PROCESS))
                    .as("every case ended but the reminded one, exactly once").isOne();
            // The reminder that fell due during the outage runs once the database is back, and only once.
            await(Duration.ofSeconds(60), () -> db.count("SELECT COUNT(*) FROM task_escalation WHERE task_id = ?", reminded) > 0);
            assertThat(db.count("SELECT COUNT(*) FROM task_escalation WHERE task_id = ?", reminded)).isOne();
            assertThat(db.count("SELECT COUNT(*) FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = ?", reminded)).isPositive();
            assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_INCIDENT")).isZero();
            assertThat(Invariants.violations(db)).isEmpty();
        }
    }

    /**
     * The network to PostgreSQL stops answering without closing anything (a proxy that freezes both ways) for 30 s:
     * requests already running and new ones answer 503 in Chinese within seconds (the driver's read time-out, 15 s in
     * the production profile), not after the stall; once the network is back the node serves again by itself, the task
     * refused during the stall is completed, and the reminder that fell due during the stall is sent once by the job
     * executor and the outbox, which met the stall too.
     */
    @Test
    void aDatabaseThatStopsAnsweringCostsARequestSecondsAndBackgroundWorkResumesByItself() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        java.net.InetSocketAddress server = db.server();
        try (StallingProxy proxy = new StallingProxy(server.getHostString(), server.getPort());
                AppProcess node = AppProcess.launch(dir, Map.of("TZ", "UTC"), node("0", db.argumentsThrough(proxy.port()))).awaitStarted()) {
            Browser admin = Browser.basic(node.port(), "admin", "demo");
            assertThat(deploy(admin).statusCode()).isEqualTo(200);
            String task = startCases(admin, 1).get(0);
            HttpResponse<String> dueDuringStall = admin.postJson("/engine-rest/process-definition/key/" + PROCESS + "/start",
                    "{\"variables\":{\"remindAt\":{\"type\":\"Date\",\"value\":\"" + restDate(Date.from(Instant.now().plusSeconds(8))) + "\"}}}");
            String reminded = db.single("SELECT ID_ FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ?",
                    json.readTree(dueDuringStall.body()).path("id").asText());
            Browser reviewer = Browser.basic(node.port(), "caoli", "demo");
            assertThat(reviewer.get("/api/projects").statusCode()).isEqualTo(200);

            proxy.freeze();
            Instant frozen = Instant.now();
            List<java.util.concurrent.CompletableFuture<String>> duringStall = new ArrayList<>();
            try {
                duringStall.add(timed(() -> complete(reviewer, task)));
                duringStall.add(timed(() -> reviewer.get("/api/projects")));
                duringStall.add(timed(() -> admin.get("/engine-rest/task/count")));
                // Requests that arrive when every pooled connection is stuck: they wait for a connection, not for the network.
                Thread.sleep(3_000);
                duringStall.add(timed(() -> reviewer.get("/api/projects?q=stall")));
                duringStall.add(timed(() -> admin.get("/engine-rest/process-instance/count")));
                for (var answer : duringStall) {
                    assertThat(answer.get(60, java.util.concurrent.TimeUnit.SECONDS)).as("answered during the stall")
                            .matches("(?s)503 in \\d+ ms: .*数据库暂时不可用.*");
                    int millis = Integer.parseInt(answer.get().replaceAll("(?s)^503 in (\\d+) ms.*", "$1"));
                    assertThat(millis).as("a request's wait in a stall").isLessThan(25_000);
                }
                // The stall outlasts every time-out, so the node's own work meets it too.
                Thread.sleep(Math.max(0, Duration.ofSeconds(30).toMillis() - Duration.between(frozen, Instant.now()).toMillis()));
            } finally {
                proxy.thaw();
            }
            System.out.println("[INFO] During a 30 s stall: " + duringStall.stream().map(f -> f.join().replaceAll("(?s):.*", ""))
                    .collect(java.util.stream.Collectors.joining(", ")));

            await(Duration.ofSeconds(60), () -> reviewer.get("/engine-rest/task/count").statusCode() == 200);
            HttpResponse<String> again = complete(reviewer, task);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(204);
            assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_TASKINST WHERE ID_ = ? AND END_TIME_ IS NOT NULL", task)).isOne();
            await(Duration.ofSeconds(90), () -> db.count("SELECT COUNT(*) FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = ? "
                    + "AND status = 'SENT'", reminded) > 0 && db.count("SELECT COUNT(*) FROM mail_outbox WHERE channel = 'EMAIL' "
                    + "AND task_id = ? AND status <> 'SENT'", reminded) == 0);
            assertThat(db.count("SELECT COUNT(*) FROM task_escalation WHERE task_id = ?", reminded)).as("the reminder, once").isOne();
            List<String> recipients = db.strings("SELECT recipient_address FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = ?", reminded);
            assertThat(recipients).isNotEmpty().doesNotHaveDuplicates();
            assertThat(ReceivedMail.aboutCases(smtp)).as("one mail per recipient").hasSize(recipients.size());
            assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_INCIDENT")).isZero();
            assertThat(Invariants.violations(db)).isEmpty();
        } finally {
            smtp.stop();
        }
    }

    /** Sends a request on its own thread; its answer as "status in N ms: body". */
    private static java.util.concurrent.CompletableFuture<String> timed(java.util.function.Supplier<HttpResponse<String>> request) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            Instant sent = Instant.now();
            HttpResponse<String> response = request.get();
            return response.statusCode() + " in " + Duration.between(sent, Instant.now()).toMillis() + " ms: " + response.body();
        }, CALLERS);
    }

    private static final java.util.concurrent.ExecutorService CALLERS = java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stall-caller");
        thread.setDaemon(true);
        return thread;
    });

    @Test
    void aRollingRestartOfOneNodeWhileReviewersWorkOnBothLosesNoCompletion() throws Exception {
        AppProcess nodeA = AppProcess.launch(dir, Map.of("TZ", "UTC"), node("0")).awaitStarted();
        java.util.concurrent.atomic.AtomicReference<AppProcess> nodeB = new java.util.concurrent.atomic.AtomicReference<>(
                AppProcess.launch(dir, Map.of("TZ", "UTC"), node("0")).awaitStarted());
        try {
            Browser admin = Browser.basic(nodeA.port(), "admin", "demo");
            assertThat(deploy(admin).statusCode()).isEqualTo(200);
            List<String> tasks = startCases(admin, 80);
            // The last 12 cases are held back until node B is up again, so that the restarted node has work whatever the
            // restart takes (under CI's load node A alone could otherwise finish everything first).
            java.util.concurrent.ConcurrentLinkedQueue<String> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(
                    tasks.subList(0, tasks.size() - 12));
            java.util.concurrent.atomic.AtomicBoolean allQueued = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.ConcurrentHashMap<String, Integer> outcome = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicInteger failovers = new java.util.concurrent.atomic.AtomicInteger();
            Map<Integer, java.util.concurrent.atomic.AtomicInteger> servedBy = new java.util.concurrent.ConcurrentHashMap<>();
            // One reviewer works through node A, the other through node B; a call B cannot answer goes to A,
            // as the load balancer would send it.
            Runnable onA = () -> work(queue, allQueued, outcome, () -> nodeA.port(), () -> nodeA.port(), "caoli", failovers, servedBy);
            Runnable onB = () -> work(queue, allQueued, outcome, () -> nodeB.get().port(), () -> nodeA.port(), "fenggang", failovers,
                    servedBy);
            java.util.concurrent.ExecutorService reviewers = java.util.concurrent.Executors.newFixedThreadPool(2);
            var a = reviewers.submit(onA);
            var b = reviewers.submit(onB);
            await(Duration.ofSeconds(60), () -> outcome.size() >= 8);
            nodeB.get().close(); // SIGTERM: graceful shutdown, as an operator's restart does
            nodeB.set(AppProcess.launch(dir, Map.of("TZ", "UTC"), node("0")).awaitStarted());
            queue.addAll(tasks.subList(tasks.size() - 12, tasks.size()));
            allQueued.set(true);
            a.get();
            b.get();
            reviewers.shutdown();

            assertThat(outcome).hasSize(tasks.size());
            assertThat(failovers.get()).as("calls B could not take while it restarted").isPositive();
            assertThat(servedBy.get(nodeB.get().port())).as("the restarted node works again").isNotNull();
            assertThat(outcome.values()).as("every completion answered 204, or 409 when a retry found it already done")
                    .allMatch(status -> status == 204 || status == 409);
            for (String task : tasks) {
                assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_TASKINST WHERE ID_ = ? AND END_TIME_ IS NOT NULL", task)).as(task).isOne();
            }
            assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = ? AND END_TIME_ IS NULL", PROCESS)).isZero();
            assertThat(Invariants.violations(db)).isEmpty();
        } finally {
            nodeB.get().close();
            nodeA.close();
        }
    }

    @Test
    void withEveryNodeDownAcrossThreeDueTimesEachEscalationFiresOnceWhenANodeReturns() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String process = "it-all-down";
        try {
            String task;
            Instant lastDue;
            try (AppProcess node = AppProcess.launch(dir, Map.of("TZ", "UTC"), node("0")).awaitStarted()) {
                Browser admin = Browser.basic(node.port(), "admin", "demo");
                // Reminder, overdue and 督办 levels, as the product's SLA timers: three dates, each its own job.
                UserTaskBuilder review = Bpmn.createExecutableProcess(process).name("全停测试").camundaHistoryTimeToLive(1).startEvent()
                        .userTask("UserTask_AllDownReview").name("审查环保条件").camundaCandidateGroups("dept-huanbao");
                for (int level = 0; level < 3; level++) {
                    review.moveToActivity("UserTask_AllDownReview").boundaryEvent("BoundaryEvent_Level" + level).cancelActivity(false)
                            .timerWithDate("${level" + level + "At}")
                            .serviceTask("ServiceTask_Level" + level).camundaDelegateExpression("${escalateTaskDelegate}")
                            .camundaInputParameter("escalationLevel", Integer.toString(level))
                            .endEvent("EndEvent_Level" + level);
                }
                String xml = Bpmn.convertToString(review.moveToActivity("UserTask_AllDownReview").endEvent("EndEvent_AllDownDone").done());
                assertThat(admin.deploy(process, process + ".bpmn", xml).statusCode()).isEqualTo(200);
                String code = register(node);
                Instant now = Instant.now();
                lastDue = now.plusSeconds(14);
                HttpResponse<String> started = admin.postJson("/engine-rest/process-definition/key/" + process + "/start",
                        "{\"businessKey\":\"" + code + "\",\"variables\":{"
                                + "\"level0At\":{\"type\":\"Date\",\"value\":\"" + restDate(Date.from(now.plusSeconds(10))) + "\"},"
                                + "\"level1At\":{\"type\":\"Date\",\"value\":\"" + restDate(Date.from(now.plusSeconds(12))) + "\"},"
                                + "\"level2At\":{\"type\":\"Date\",\"value\":\"" + restDate(Date.from(lastDue)) + "\"}}}");
                assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
                task = db.single("SELECT ID_ FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ?", json.readTree(started.body()).path("id").asText());
            } // every node stopped (SIGTERM) before the first due time
            assertThat(db.count("SELECT COUNT(*) FROM task_escalation WHERE task_id = ?", task)).as("nothing ran before the outage").isZero();
            while (Instant.now().isBefore(lastDue.plusSeconds(3))) {
                Thread.sleep(500);
            }
            try (AppProcess returned = AppProcess.launch(dir, Map.of("TZ", "UTC"), node("0")).awaitStarted()) {
                String id = task;
                await(Duration.ofSeconds(90), () -> db.count("SELECT COUNT(*) FROM task_escalation WHERE task_id = ?", id) == 3
                        && db.count("SELECT COUNT(*) FROM mail_outbox WHERE channel = 'EMAIL' AND task_id = ? AND status <> 'SENT'", id) == 0);
                Thread.sleep(3_000); // a second run of any job would show by now (job acquisition every 2 s)
                assertThat(db.strings("SELECT CAST(escalation_level AS VARCHAR(2)) FROM task_escalation WHERE task_id = ? ORDER BY 1", task))
                        .containsExactly("0", "1", "2");
                List<String> mails = db.strings("SELECT CAST(escalation_level AS VARCHAR(2)) || ' ' || recipient_address FROM mail_outbox "
                        + "WHERE channel = 'EMAIL' AND task_id = ? ORDER BY 1", task);
                assertThat(mails).isNotEmpty().doesNotHaveDuplicates();
                assertThat(ReceivedMail.aboutCases(smtp)).as("one mail per level and recipient").hasSize(mails.size());
                assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_JOB j JOIN ACT_RU_TASK t ON t.PROC_INST_ID_ = j.PROCESS_INSTANCE_ID_ "
                        + "WHERE t.ID_ = ?", task)).as("no timer left to fire").isZero();
                assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_TASK WHERE ID_ = ?", task)).as("the task still waits").isOne();
                assertThat(db.count("SELECT COUNT(*) FROM ACT_RU_INCIDENT")).isZero();
                assertThat(Invariants.violations(db)).isEmpty();
            }
        } finally {
            smtp.stop();
        }
    }

    /** Completes tasks from the queue through {@code node}; a call that node cannot take is sent to {@code fallback}. */
    /** Completes tasks from the queue until it is empty and {@code allQueued} says no more will come. */
    private void work(java.util.Queue<String> queue, java.util.concurrent.atomic.AtomicBoolean allQueued, Map<String, Integer> outcome,
            java.util.function.IntSupplier node, java.util.function.IntSupplier fallback, String reviewer,
            java.util.concurrent.atomic.AtomicInteger failovers, Map<Integer, java.util.concurrent.atomic.AtomicInteger> servedBy) {
        while (true) {
            boolean last = allQueued.get();
            String task = queue.poll();
            if (task == null) {
                if (last) {
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            Integer status = null;
            int port = node.getAsInt();
            try {
                status = Browser.basic(port, reviewer, "demo").postJson("/engine-rest/task/" + task + "/complete", "{}").statusCode();
            } catch (IllegalStateException unreachable) {
                // connection refused or cut: the node is restarting
            }
            if (status == null || status == 503) {
                failovers.incrementAndGet();
                port = fallback.getAsInt();
                status = Browser.basic(port, reviewer, "demo").postJson("/engine-rest/task/" + task + "/complete", "{}").statusCode();
            }
            servedBy.computeIfAbsent(port, p -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            outcome.put(task, status);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Starts {@code count} cases whose reminder is a day away; returns their open tasks' ids. */
    private List<String> startCases(Browser admin, int count) throws Exception {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> started = admin.postJson("/engine-rest/process-definition/key/" + PROCESS + "/start",
                    "{\"variables\":{\"remindAt\":{\"type\":\"Date\",\"value\":\"" + restDate(Date.from(Instant.now().plusSeconds(86_400))) + "\"}}}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            tasks.add(db.single("SELECT ID_ FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ?", json.readTree(started.body()).path("id").asText()));
        }
        return tasks;
    }

    private HttpResponse<String> complete(Browser reviewer, String task) {
        return reviewer.postJson("/engine-rest/task/" + task + "/complete", "{}");
    }

    /** "15" when the local cluster can be stopped and started here, else null. */
    private static String postgresCluster() {
        java.io.File clusters = new java.io.File("/etc/postgresql");
        String[] versions = clusters.list();
        return new java.io.File("/usr/bin/pg_ctlcluster").canExecute() && versions != null && versions.length == 1 ? versions[0] : null;
    }

    private static void pg(String cluster, String... action) throws Exception {
        List<String> command = new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main"));
        command.addAll(List.of(action));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private String[] node(String slowStepMillis) {
        return node(slowStepMillis, db.arguments());
    }

    private String[] node(String slowStepMillis, List<String> database) {
        List<String> args = new ArrayList<>(database);
        args.addAll(List.of("--spring.profiles.active=postgres,demo", "--app.demo.history.projects=0",
                "--camunda.bpm.job-execution.enabled=true", "--camunda.bpm.job-execution.lock-time-in-millis=10000",
                "--camunda.bpm.job-execution.max-wait=2000",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP_PORT, "--app.mail.dispatch-enabled=true",
                "--app.mail.dispatch-interval=PT2S", "--it.slow-step-millis=" + slowStepMillis));
        return args.toArray(String[]::new);
    }

    private HttpResponse<String> deploy(Browser admin) {
        UserTaskBuilder task = Bpmn.createExecutableProcess(PROCESS).name("双节点测试").camundaHistoryTimeToLive(1).startEvent()
                .userTask("UserTask_NodesReview").name("审查环保条件").camundaCandidateGroups("dept-huanbao");
        task.moveToActivity("UserTask_NodesReview").boundaryEvent("BoundaryEvent_NodesRemind").cancelActivity(false)
                .timerWithDate("${remindAt}")
                .serviceTask("ServiceTask_NodesRemind").camundaDelegateExpression("${escalateTaskDelegate}")
                .camundaInputParameter("escalationLevel", "0")
                .serviceTask("ServiceTask_NodesSlow").camundaDelegateExpression("${itSlowStep}")
                .endEvent("EndEvent_NodesReminded");
        return admin.deploy(PROCESS, PROCESS + ".bpmn",
                Bpmn.convertToString(task.moveToActivity("UserTask_NodesReview").endEvent("EndEvent_NodesDone").done()));
    }

    private String register(AppProcess node) throws Exception {
        HttpResponse<String> created = Browser.basic(node.port(), "zhouxiaoyu", "demo").postJson("/api/projects", """
                {"name": "双节点测试项目", "investor": "某公司", "investorCategory": "其他", "industry": "其他",
                 "totalInvestment": 100, "landArea": 0, "originUnit": "unit-street-jinzhong"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode project = json.readTree(created.body());
        return project.path("code").asText();
    }

    private static String restDate(Date date) {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        format.setTimeZone(TimeZone.getTimeZone("Asia/Shanghai"));
        return format.format(date);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Duration limit, Check check) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(250);
        }
    }
}
