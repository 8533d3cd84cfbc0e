package org.zhaoshang.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;

/**
 * Benchmark (not a test of timings: it prints and writes them): the bottleneck API over a year of
 * {@code project-review} with {@code benchmark.facts} finished tasks in history (default 500,000,
 * spread over three years) plus 5,000 open ones, on PostgreSQL. Run with
 * {@code ./mvnw -Pbenchmark verify}; results in target/benchmark/dashboard.txt and docs/benchmarks.md.
 */
@IntegrationTest
class DashboardBenchmark {

    static final int WARMUP = 20;
    static final int RUNS = 100;
    static final StaffUser MANAGER = new StaffUser("yangmin", "杨敏", List.of("dept-hezuo"));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DashboardService dashboard;

    @Test
    void bottleneckApiWithYearsOfHistory() throws IOException {
        int facts = Integer.getInteger("benchmark.facts", 500_000);
        long start = System.nanoTime();
        generate(facts);
        double generateSeconds = (System.nanoTime() - start) / 1e9;
        // As autovacuum would after a day's work: statistics and the visibility map (index-only scans).
        jdbc.sql("VACUUM ANALYZE task_fact").update();
        jdbc.sql("VACUUM ANALYZE task_escalation").update();
        long rows = jdbc.sql("SELECT COUNT(*) FROM task_fact").query(Long.class).single();

        LocalDate to = LocalDate.now();
        LocalDate from = to.minusYears(1);
        Browser browser = new Browser(port);
        browser.login("yangmin", "demo");
        String base = "/api/dashboard/bottlenecks?process=project-review&from=" + from + "&to=" + to;
        List<String> lines = new ArrayList<>();
        lines.add("task_fact rows: %d (generated %d finished + 5000 open in %.1f s)".formatted(rows, facts, generateSeconds));
        lines.add(measure("service, by step, one year", () -> dashboard.bottlenecks(
                dashboard.filter("project-review", null, from, to, null, null, null, false, MANAGER), "task", MANAGER)));
        lines.add(measure("HTTP API, by step, one year", () -> ok(browser.get(base))));
        lines.add(measure("HTTP API, by host unit, one year", () -> ok(browser.get(base + "&groupBy=hostUnit"))));
        lines.add(measure("HTTP API, by step, industry filter", () -> ok(browser.get(base + "&industry=SMART_MANUFACTURING"))));
        lines.add(measure("HTTP API, overdue list of a step", () -> ok(browser.get(base.replace("bottlenecks", "overdue")
                + "&task=UserTask_ReviewEnvironment"))));
        lines.add(measure("HTTP API, weekly trend of a step (26 weeks)", () -> ok(browser.get(
                "/api/dashboard/trend?process=project-review&task=UserTask_ReviewEnvironment"))));
        lines.add(measure("HTTP API, ledger list filtered (overdue, industry)", () -> ok(browser.get(
                "/api/projects?overdue=true&industry=SMART_MANUFACTURING"))));
        String report = String.join(System.lineSeparator(), lines);
        System.out.println(report);
        Path out = Path.of("target", "benchmark", "dashboard.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + System.lineSeparator());
    }

    /** Finished tasks over the last three years across 8 steps, 8 departments, 8 units and 8 industries; open ones recently. */
    void generate(int facts) {
        String steps = "ARRAY['UserTask_PrecheckProject','UserTask_CorrectProject','UserTask_GiveIndustryOpinion','UserTask_ReviewEnvironment',"
                + "'UserTask_ReviewFireSafety','UserTask_DecideAtReviewMeeting','UserTask_SupplementMaterials','UserTask_RecordGovernmentDecision']";
        String departments = "ARRAY['dept-hezuo','dept-gongxin','dept-shangwu','dept-nongye','dept-huanbao','dept-xiaofang','dept-zhengfuban','dept-keji']";
        String units = "ARRAY['unit-street-jinzhong','unit-street-huaming','unit-street-zhangguizhuang','unit-street-wanxin',"
                + "'unit-street-junliangcheng','unit-street-xinli','unit-park-dongli-eco','unit-park-dongli-dev']";
        String industries = "ARRAY['SMART_MANUFACTURING','NEW_ENERGY_MATERIALS','NEW_GENERATION_IT','BIOMEDICINE','MODERN_SERVICES',"
                + "'AGRI_CULTURE_TOURISM','HEADQUARTERS_ECONOMY','OTHER']";
        jdbc.sql("""
                INSERT INTO task_fact (task_id, process_definition_key, process_definition_id, process_version, process_instance_id, task_key,
                    task_name, department, candidate_groups, project_code, host_unit, industry, key_project, created_at, claimed_at, due_at,
                    ended_at, end_state, wait_seconds, work_seconds, total_seconds)
                SELECT 'bench-' || g, 'project-review', 'bench-def', 1 + (g %% 3), 'bench-pi-' || (g / 6), (%1$s)[1 + g %% 8], '评审环节',
                    (%2$s)[1 + g %% 8], (%2$s)[1 + g %% 8], 'ZS-BENCH-' || (g / 6) %% 100000, (%3$s)[1 + (g / 6) %% 8],
                    (%4$s)[1 + (g / 48) %% 8], (g %% 10 = 0), c, c + w * INTERVAL '1 second', c + INTERVAL '5 days',
                    c + (w + k) * INTERVAL '1 second', 'COMPLETED', w, k, w + k
                FROM (SELECT g, now() - INTERVAL '3 years' + (random() * 1080) * INTERVAL '1 day' AS c,
                        (random() * 172800)::BIGINT AS w, (random() * 604800)::BIGINT AS k
                      FROM generate_series(1, %5$d) AS g) s""".formatted(steps, departments, units, industries, facts)).update();
        jdbc.sql("""
                INSERT INTO task_fact (task_id, process_definition_key, process_definition_id, process_version, process_instance_id, task_key,
                    task_name, department, candidate_groups, project_code, host_unit, industry, key_project, created_at, due_at)
                SELECT 'bench-open-' || g, 'project-review', 'bench-def', 3, 'bench-open-pi-' || g, (%1$s)[1 + g %% 8], '评审环节',
                    (%2$s)[1 + g %% 8], (%2$s)[1 + g %% 8], 'ZS-BENCH-' || g, (%3$s)[1 + g %% 8], (%4$s)[1 + g %% 8], FALSE,
                    now() - (random() * 30) * INTERVAL '1 day', now() + (random() * 20 - 10) * INTERVAL '1 day'
                FROM generate_series(1, 5000) AS g""".formatted(steps, departments, units, industries)).update();
        // 2% of the tasks were escalated (level 1), a quarter of those to 督办 (level 2).
        jdbc.sql("""
                INSERT INTO task_escalation (task_id, task_key, process_instance_id, escalation_level, fired_at)
                SELECT task_id, task_key, process_instance_id, lvl, created_at + INTERVAL '6 days'
                FROM task_fact, (VALUES (1), (2)) AS l(lvl)
                WHERE task_id LIKE 'bench-%' AND (hashtext(task_id) % 50 = 0) AND (lvl = 1 OR hashtext(task_id) % 200 = 0)""").update();
    }

    static Object ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    static String measure(String name, Supplier<Object> call) {
        for (int i = 0; i < WARMUP; i++) {
            call.get();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            call.get();
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(millis);
        return String.format(Locale.ROOT, "%-52s p50 %7.1f ms   p95 %7.1f ms   max %7.1f ms   (%d runs after %d warm-up)", name,
                millis[RUNS / 2], millis[(int) Math.ceil(RUNS * 0.95) - 1], millis[RUNS - 1], RUNS, WARMUP);
    }
}
