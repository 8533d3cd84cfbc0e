package org.zhaoshang.benchmark;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.agreement.AgreementRegistration;
import org.zhaoshang.agreement.AgreementService;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.notification.OutboxDispatcher;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.review.ReviewMeetingService;
import org.zhaoshang.review.ReviewProcess;
import org.zhaoshang.review.ReviewService;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.TestDatabase;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Benchmark (prints and writes its figures, asserts none): the product's real processes beside a bare
 * Camunda engine of the same shapes, on the same PostgreSQL and JVM (issue 11). In one run:
 * <ol>
 * <li>Lifecycle: {@code benchmark.projects} projects (default 200) by {@code benchmark.clients} client
 * threads (default 4) through the review — registration, pre-check, three parallel reviews, the monthly
 * meeting (one meeting for all, as the district holds it), the government meeting for half of them —
 * and on into agreement registration; every task completed through the REST API's service path
 * ({@code TaskService.complete} as the authenticated person, authorization on). The bare engine runs the
 * same shape with no listeners, delegates, plugins or authorization.</li>
 * <li>Task lists: 10,000 open tasks over the demo groups; Tasklist's filter page and count through the
 * REST API as a department member.</li>
 * <li>Escalation burst: 10,000 reminder timers due in the same second, run by the job executor: time until
 * every outbox row exists, and until every mail is delivered to an in-JVM SMTP server.</li>
 * </ol>
 * Run with {@code ./mvnw -Pbenchmark verify}; results in target/benchmark/lifecycle.txt, written up in
 * docs/benchmarks.md.
 */
@IntegrationTest
class LifecycleBenchmark {

    static final List<String[]> UNITS = List.of(new String[] {"unit-street-jinzhong", "zhouxiaoyu"}, new String[] {"unit-street-huaming", "xuhui"},
            new String[] {"unit-street-zhangguizhuang", "sunyue"}, new String[] {"unit-street-wanxin", "zhuhao"},
            new String[] {"unit-street-junliangcheng", "guoqiang"}, new String[] {"unit-street-xinli", "songyang"},
            new String[] {"unit-park-dongli-eco", "lina"}, new String[] {"unit-park-dongli-dev", "liuyang"});
    static final List<String> MEMBERS = List.of("dept-gongxin", "dept-huanbao", "dept-xiaofang", "dept-shangwu", "dept-fagai");
    static final StaffUser HEZUO = new StaffUser("huangtao", "黄涛", List.of("dept-hezuo"));

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ReviewService reviews;
    @Autowired
    ReviewMeetingService meetings;
    @Autowired
    AgreementService agreements;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    JdbcClient jdbc;

    final List<String> report = Collections.synchronizedList(new ArrayList<>());
    final Map<String, List<String>> groups = new ConcurrentHashMap<>();

    @Test
    void productBesideTheBareEngine() throws Exception {
        int projects = Integer.getInteger("benchmark.projects", 200);
        int clients = Integer.getInteger("benchmark.clients", 4);
        int openTasks = Integer.getInteger("benchmark.openTasks", 10_000);
        int burst = Integer.getInteger("benchmark.burst", 10_000);
        int warmUp = Integer.getInteger("benchmark.warmup", projects);
        line("projects %d (after %d to warm up), client threads %d, history %s, authorization %s", projects, warmUp, clients,
                ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistory(),
                engine.getProcessEngineConfiguration().isAuthorizationEnabled());

        // Warm-up as long as the measured run (benchmark.warmup): with 20 projects the JIT was still compiling the
        // product's paths during its measured run (C2 threads: a fifth of the CPU), while the bare engine, run second,
        // found most of Camunda already compiled.
        product(warmUp, clients);
        Map<String, Long> rowsBefore = rows(jdbc, PRODUCT_TABLES);
        CpuTime before = CpuTime.now();
        Run product = product(projects, clients);
        product.cpu = CpuTime.now().minus(before);
        Map<String, Long> productRows = minus(rows(jdbc, PRODUCT_TABLES), rowsBefore);
        String url = System.getProperty(TestDatabase.POSTGRES_URL_PROPERTY, "jdbc:postgresql://127.0.0.1:5432/zhaoshang_it");
        ProcessEngine bare = BareEngine.start(url.substring(0, url.lastIndexOf('/') + 1) + "postgres", "postgres", "", "zhaoshang_bench_bare", 20);
        Run baseline;
        Map<String, Long> bareRows;
        try {
            bare(bare, warmUp, clients); // warm-up of the bare engine's JIT paths
            JdbcClient bareDb = JdbcClient.create(((ProcessEngineConfigurationImpl) bare.getProcessEngineConfiguration()).getDataSource());
            Map<String, Long> bareBefore = rows(bareDb, ENGINE_TABLES);
            CpuTime start = CpuTime.now();
            baseline = bare(bare, projects, clients);
            baseline.cpu = CpuTime.now().minus(start);
            bareRows = minus(rows(bareDb, ENGINE_TABLES), bareBefore);
        } finally {
            bare.close();
        }
        line("");
        line("%-44s %12s %12s %8s", "lifecycle", "product", "bare", "ratio");
        line("%-44s %12.1f %12.1f %7.0f%%", "projects per second (end to end)", product.throughput(), baseline.throughput(),
                100 * product.throughput() / baseline.throughput());
        line("%-44s %12.0f %12.0f %8s", "task completions per second", product.completions.size() / product.seconds,
                baseline.completions.size() / baseline.seconds, "");
        for (double p : new double[] {50, 95, 99}) {
            line("%-44s %10.1f ms %10.1f ms %7.1fx", "task completion p" + (int) p, pct(product.completions, p), pct(baseline.completions, p),
                    pct(product.completions, p) / pct(baseline.completions, p));
        }
        for (double p : new double[] {50, 95, 99}) {
            line("%-44s %10.1f ms %10.1f ms %7.1fx", "start p" + (int) p, pct(product.starts, p), pct(baseline.starts, p),
                    pct(product.starts, p) / pct(baseline.starts, p));
        }
        line("%-44s %10.1f s  %10.1f s", "phases: reviews / meeting / approval+agreement",
                product.phases.get(0), baseline.phases.get(0));
        line("%-44s %10.1f s  %10.1f s", "", product.phases.get(1), baseline.phases.get(1));
        line("%-44s %10.1f s  %10.1f s", "", product.phases.get(2), baseline.phases.get(2));
        if (product.cpu.known() && baseline.cpu.known()) {
            line("%-44s %10.1f ms %10.1f ms %7.1fx", "CPU per project: JVM", product.cpu.jvmMs() / projects, baseline.cpu.jvmMs() / projects,
                    product.cpu.jvmMs() / baseline.cpu.jvmMs());
            line("%-44s %10.1f ms %10.1f ms %7.1fx", "CPU per project: PostgreSQL", product.cpu.postgresMs() / projects,
                    baseline.cpu.postgresMs() / projects, product.cpu.postgresMs() / baseline.cpu.postgresMs());
            line("%-44s %11.0f%% %11.0f%%", "CPU busy during the run (of all cores)", product.cpu.busy(product.seconds),
                    baseline.cpu.busy(baseline.seconds));
        } else {
            line("CPU per project: not readable here (needs Linux /proc and the PostgreSQL server on this machine)");
        }
        line("rows written per project (history and runtime rows that stay; the product's own tables below):");
        for (String table : PRODUCT_TABLES) {
            Long bareCount = bareRows.get(table);
            line("  %-42s %12.1f %12s %8s", table, productRows.get(table) / (double) projects,
                    bareCount == null ? "" : "%.1f".formatted(bareCount / (double) projects),
                    bareCount == null || bareCount == 0 ? "" : "%.1fx".formatted(productRows.get(table) / (double) bareCount));
        }
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        line("heap used after the lifecycle run (after GC): %d MB of %d MB max", (runtime.totalMemory() - runtime.freeMemory()) >> 20,
                runtime.maxMemory() >> 20);

        taskLists(openTasks);
        escalationBurst(burst);

        String text = String.join(System.lineSeparator(), report);
        System.out.println(text);
        Path out = Path.of("target", "benchmark", "lifecycle.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text + System.lineSeparator());
    }

    // --- lifecycle ------------------------------------------------------------------------------------------

    static final class Run {
        final Queue<Double> starts = new ConcurrentLinkedQueue<>();
        final Queue<Double> completions = new ConcurrentLinkedQueue<>();
        final List<Double> phases = new ArrayList<>();
        int projects;
        double seconds;
        CpuTime cpu;

        double throughput() {
            return projects / seconds;
        }
    }

    Run product(int projects, int clients) throws Exception {
        Run run = new Run();
        run.projects = projects;
        Map<Integer, String> instances = new ConcurrentHashMap<>();
        Map<Integer, String> codes = new ConcurrentHashMap<>();
        long begin = System.nanoTime();
        phase(run, clients, projects, i -> {
            String[] unit = UNITS.get(i % UNITS.size());
            StaffUser officer = new StaffUser(unit[1], unit[1], List.of(unit[0]));
            ProjectRegistration registration = new ProjectRegistration("性能测试项目" + i, "测试投资方", "其他", "智能制造", new BigDecimal("3000"), null,
                    new BigDecimal(i % 2 == 0 ? "30" : "0"), unit[0], null, false, null, null, "benchmark");
            long t = System.nanoTime();
            ReviewService.Started started = reviews.registerAndStart(registration, officer);
            run.starts.add(ms(t));
            instances.put(i, started.processInstanceId());
            codes.put(i, started.projectCode());
            complete(run, started.processInstanceId(), ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
            complete(run, started.processInstanceId(), ReviewProcess.TASK_INDUSTRY, "maliang", Map.of("industryOpinion", "ENCOURAGED",
                    "industryNote", "鼓励类"));
            complete(run, started.processInstanceId(), ReviewProcess.TASK_ENVIRONMENT, "caoli", Map.of("environmentDecision", "AGREE"));
            complete(run, started.processInstanceId(), ReviewProcess.TASK_FIRE, "yuanbo", Map.of("fireDecision", "AGREE"));
        });
        // The monthly meeting: everything waiting is on its agenda; its conclusion completes every meeting task.
        long t = System.nanoTime();
        ReviewMeetingService.Meeting meeting = meetings.plan(new ReviewMeetingService.MeetingPlan("性能测试论证会", LocalDate.now().plusDays(7),
                "区政府第一会议室", "wangfang", MEMBERS), HEZUO);
        meetings.recordAttendance(meeting.id(), Set.copyOf(MEMBERS), HEZUO);
        for (ReviewMeetingService.AgendaItem item : meetings.get(meeting.id()).agenda()) {
            Map<String, ReviewMeetingService.VoteInput> votes = new HashMap<>();
            MEMBERS.forEach(m -> votes.put(m, new ReviewMeetingService.VoteInput("AGREE", null)));
            meetings.recordVotes(meeting.id(), item.id(), votes, HEZUO);
        }
        meetings.conclude(meeting.id(), HEZUO);
        run.phases.add((System.nanoTime() - t) / 1e9);
        phase(run, clients, projects, i -> {
            if (i % 2 == 0) {
                complete(run, instances.get(i), ReviewProcess.TASK_GOVERNMENT, "caijun", Map.of("governmentDecision", "AGREE"));
            }
            long s = System.nanoTime();
            agreements.register(codes.get(i), agreement(i), HEZUO);
            run.starts.add(ms(s));
        });
        run.seconds = (System.nanoTime() - begin) / 1e9;
        return run;
    }

    static AgreementRegistration agreement(int i) {
        LocalDate today = LocalDate.now();
        return new AgreementRegistration("XY-BENCH-" + i + "-" + System.nanoTime(), today, "东丽区人民政府；测试投资方", new BigDecimal("3000"), List.of(
                new AgreementRegistration.MilestonePlan("REGISTRATION", null, BigDecimal.ONE, null, today.plusMonths(3), null, null),
                new AgreementRegistration.MilestonePlan("FUNDING", null, new BigDecimal("1000"), null, today.plusMonths(6), null, null),
                new AgreementRegistration.MilestonePlan("CONSTRUCTION", null, BigDecimal.ONE, null, today.plusMonths(9), null, null),
                new AgreementRegistration.MilestonePlan("OPERATION", null, BigDecimal.ONE, null, today.plusMonths(18), null, null)), List.of());
    }

    Run bare(ProcessEngine bare, int projects, int clients) throws Exception {
        Run run = new Run();
        run.projects = projects;
        Map<Integer, String> instances = new ConcurrentHashMap<>();
        long begin = System.nanoTime();
        phase(run, clients, projects, i -> {
            long t = System.nanoTime();
            String pi = bare.getRuntimeService().startProcessInstanceByKey(BareEngine.REVIEW, "BARE-" + i, Map.of("land", i % 2 == 0,
                    "projectName", "性能测试项目" + i, "totalInvestment", 3000)).getId();
            run.starts.add(ms(t));
            instances.put(i, pi);
            bareComplete(bare, run, pi, "Precheck", Map.of("precheckDecision", "PASS"));
            bareComplete(bare, run, pi, "Industry", Map.of("industryOpinion", "ENCOURAGED", "industryNote", "鼓励类"));
            bareComplete(bare, run, pi, "Environment", Map.of("environmentDecision", "AGREE"));
            bareComplete(bare, run, pi, "Fire", Map.of("fireDecision", "AGREE"));
        });
        long t = System.nanoTime();
        for (int i = 0; i < projects; i++) {
            bareComplete(bare, run, instances.get(i), "Meeting", Map.of("meetingResult", "PASSED"));
        }
        run.phases.add((System.nanoTime() - t) / 1e9);
        phase(run, clients, projects, i -> {
            if (i % 2 == 0) {
                bareComplete(bare, run, instances.get(i), "Government", Map.of("governmentDecision", "AGREE"));
            }
            long s = System.nanoTime();
            bare.getRuntimeService().startProcessInstanceByKey(BareEngine.AGREEMENT, "BARE-" + i, Map.of("milestones", List.of(1, 2, 3, 4)));
            run.starts.add(ms(s));
        });
        run.seconds = (System.nanoTime() - begin) / 1e9;
        return run;
    }

    void complete(Run run, String pi, String key, String user, Map<String, Object> variables) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult();
        List<String> userGroups = groups.computeIfAbsent(user, u -> engine.getIdentityService().createGroupQuery().groupMember(u).list().stream()
                .map(Group::getId).toList());
        long t = System.nanoTime();
        engine.getIdentityService().setAuthentication(user, userGroups);
        try {
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        run.completions.add(ms(t));
    }

    static void bareComplete(ProcessEngine bare, Run run, String pi, String key, Map<String, Object> variables) {
        Task task = bare.getTaskService().createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult();
        long t = System.nanoTime();
        bare.getTaskService().complete(task.getId(), variables);
        run.completions.add(ms(t));
    }

    static void phase(Run run, int clients, int count, IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> work.accept(n)));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        run.phases.add((System.nanoTime() - t) / 1e9);
    }

    // --- task lists -----------------------------------------------------------------------------------------

    void taskLists(int count) throws Exception {
        engine.getRepositoryService().createDeployment().name("bench-open-tasks").addModelInstance("bench-open-task.bpmn",
                Bpmn.createExecutableProcess("bench-open-task").name("性能测试待办").camundaHistoryTimeToLive(30).startEvent()
                        .userTask("UserTask_Open").name("待办事项").camundaCandidateGroups("${group}").camundaDueDate("${due}").endEvent().done())
                .deploy();
        List<String> groupIds = engine.getIdentityService().createGroupQuery().list().stream().map(Group::getId)
                .filter(g -> g.startsWith("dept-") || g.startsWith("unit-") || g.equals("leader")).sorted().toList();
        long t = System.nanoTime();
        Run filler = new Run();
        phase(filler, 4, count, i -> engine.getRuntimeService().startProcessInstanceByKey("bench-open-task", Map.of("group",
                groupIds.get(i % groupIds.size()), "due", Date.from(Instant.now().plusSeconds(3600L * (i % 500))))));
        // As autovacuum would soon after such a load: fresh statistics for the planner.
        jdbc.sql("ANALYZE").update();
        line("");
        line("task lists: %d open tasks over %d groups created in %.1f s; %d open tasks in all", count, groupIds.size(),
                (System.nanoTime() - t) / 1e9, engine.getTaskService().createTaskQuery().count());
        Browser caoli = Browser.basic(port, "caoli", "demo");
        String filter = filterId(caoli, "本部门待办");
        String page = "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15";
        measure("Tasklist filter 本部门待办, first page (HAL, as Tasklist asks)", () -> caoli.send(caoli.request(page)
                .header("Accept", "application/hal+json").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))));
        measure("Tasklist filter 本部门待办, count", () -> caoli.get("/engine-rest/filter/" + filter + "/count"));
        measure("REST task query: candidate group, by due date, first page", () -> caoli.get(
                "/engine-rest/task?candidateGroup=dept-huanbao&includeAssignedTasks=true&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=15"));
        measure("REST task count: candidate group", () -> caoli.get("/engine-rest/task/count?candidateGroup=dept-huanbao"));
    }

    String filterId(Browser user, String name) throws Exception {
        var filters = new com.fasterxml.jackson.databind.ObjectMapper().readTree(user.get("/engine-rest/filter?resourceType=Task&maxResults=100").body());
        for (var filter : filters) {
            if (filter.get("name").asText().equals(name)) {
                return filter.get("id").asText();
            }
        }
        throw new IllegalStateException("no filter " + name);
    }

    void measure(String what, java.util.function.Supplier<java.net.http.HttpResponse<String>> call) {
        for (int i = 0; i < 20; i++) {
            check(call.get());
        }
        Queue<Double> times = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 100; i++) {
            long t = System.nanoTime();
            check(call.get());
            times.add(ms(t));
        }
        line("%-70s p50 %6.1f ms  p95 %6.1f ms", what, pct(times, 50), pct(times, 95));
    }

    static void check(java.net.http.HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    // --- escalation burst ------------------------------------------------------------------------------------

    void escalationBurst(int count) throws Exception {
        var task = Bpmn.createExecutableProcess("bench-escalation").name("性能测试督办").camundaHistoryTimeToLive(30).startEvent()
                .userTask("UserTask_BenchReview").name("审查科技条件").camundaCandidateGroups("dept-keji");
        task.moveToActivity("UserTask_BenchReview").boundaryEvent("BoundaryEvent_BenchRemind").cancelActivity(false).timerWithDate("${remindAt}")
                .serviceTask("ServiceTask_BenchRemind").camundaDelegateExpression("${escalateTaskDelegate}")
                .camundaInputParameter("escalationLevel", "0").endEvent();
        engine.getRepositoryService().createDeployment().name("bench-escalation").addModelInstance("bench-escalation.bpmn",
                task.moveToActivity("UserTask_BenchReview").endEvent().done()).deploy();
        Date later = Date.from(Instant.now().plusSeconds(86_400));
        long t = System.nanoTime();
        phase(new Run(), 4, count, i -> engine.getRuntimeService().startProcessInstanceByKey("bench-escalation", Map.of("remindAt", later)));
        line("");
        line("escalation burst: %d tasks with a reminder timer created in %.1f s", count, (System.nanoTime() - t) / 1e9);

        Instant due = Instant.now().plusSeconds(3);
        int moved = jdbc.sql("UPDATE ACT_RU_JOB SET DUEDATE_ = :due WHERE PROCESS_DEF_KEY_ = 'bench-escalation'").param("due", Date.from(due)).update();
        long before = jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Long.class).single();
        // The application's own job executor (the benchmark profile turns it on, as production has it).
        var executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        String pool = executor instanceof org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor spring
                && spring.getTaskExecutor() instanceof org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor tp
                ? "core %d, max %d threads, queue %d".formatted(tp.getCorePoolSize(), tp.getMaxPoolSize(), tp.getQueueCapacity())
                : executor.getClass().getSimpleName();
        line("  job executor: %s, %d jobs per acquisition, active %s", pool, executor.getMaxJobsPerAcquisition(), executor.isActive());
        if (!executor.isActive()) {
            executor.start();
        }
        long rows;
        do {
            Thread.sleep(100);
            rows = jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Long.class).single() - before;
        } while (rows < moved && Instant.now().isBefore(due.plusSeconds(600)));
        Instant allRows = Instant.now();
        double seconds = Math.max(0, (allRows.toEpochMilli() - due.toEpochMilli()) / 1000.0);
        line("  %d timers due at the same time → %d outbox rows %.1f s after the due time (%.0f jobs/s)", moved, rows, seconds,
                moved / Math.max(seconds, 0.001));

        GreenMail smtp = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            long m = System.nanoTime();
            ExecutorService senders = Executors.newFixedThreadPool(2);
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                futures.add(senders.submit(() -> {
                    while (dispatcher.dispatchDue() > 0) {
                        // until nothing is due
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            senders.shutdown();
            senders.awaitTermination(1, TimeUnit.MINUTES);
            double mailSeconds = (System.nanoTime() - m) / 1e9;
            line("  %d mails delivered to the in-JVM SMTP server in %.1f s (%.0f mails/s, 2 dispatcher threads)", smtp.getReceivedMessages().length,
                    mailSeconds, smtp.getReceivedMessages().length / mailSeconds);
        } finally {
            smtp.stop();
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------

    /** Tables whose rows stay after a step (history, authorizations), in both engines; then the product's own. */
    static final List<String> ENGINE_TABLES = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST", "ACT_HI_DETAIL",
            "ACT_HI_IDENTITYLINK", "ACT_HI_JOB_LOG", "ACT_HI_OP_LOG", "ACT_HI_DECINST", "ACT_RU_AUTHORIZATION", "ACT_RU_JOB");
    static final List<String> PRODUCT_TABLES = java.util.stream.Stream.concat(ENGINE_TABLES.stream(), java.util.stream.Stream.of("task_fact",
            "review_opinion", "project_history", "mail_outbox", "meeting_vote")).toList();

    static Map<String, Long> rows(JdbcClient db, List<String> tables) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        tables.forEach(table -> counts.put(table, db.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()));
        return counts;
    }

    static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new java.util.LinkedHashMap<>();
        after.forEach((table, count) -> delta.put(table, count - before.getOrDefault(table, 0L)));
        return delta;
    }

    /**
     * CPU time used so far by this JVM (every thread) and by the PostgreSQL server's processes on this machine
     * (backends, and through the postmaster's reaped-children times those that ended), from /proc; -1 where unreadable.
     */
    record CpuTime(double jvmMs, double postgresMs) {

        static CpuTime now() {
            double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e6;
            double postgres = 0;
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        String stat = Files.readString(process.resolve("stat"));
                        if (!stat.contains("(postgres)")) {
                            continue;
                        }
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // utime, stime, cutime, cstime: fields 14-17 of proc(5), in clock ticks of 10 ms
                        for (int i = 11; i <= 14; i++) {
                            postgres += Long.parseLong(fields[i]) * 10.0;
                        }
                    } catch (java.io.IOException | RuntimeException gone) {
                        // the process ended while we looked
                    }
                }
            } catch (java.io.IOException | RuntimeException unreadable) {
                return new CpuTime(jvm, -1);
            }
            return new CpuTime(jvm, postgres == 0 ? -1 : postgres);
        }

        CpuTime minus(CpuTime earlier) {
            return new CpuTime(jvmMs - earlier.jvmMs, postgresMs < 0 || earlier.postgresMs < 0 ? -1 : postgresMs - earlier.postgresMs);
        }

        boolean known() {
            return postgresMs >= 0;
        }

        /** Share of all cores busy with the JVM and PostgreSQL over {@code seconds} of wall time. */
        double busy(double seconds) {
            return 100 * (jvmMs + postgresMs) / (seconds * 1000 * Runtime.getRuntime().availableProcessors());
        }
    }

    void line(String format, Object... args) {
        report.add(format.formatted(args));
    }

    static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    static double pct(java.util.Collection<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        double rank = p / 100 * (sorted.size() - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (rank - lo);
    }
}
