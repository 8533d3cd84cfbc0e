package org.zhaoshang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhaoshang.support.AppProcess;
import org.zhaoshang.support.Browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A district moves from Camunda to Operaton with its data (README "Moving to Operaton", docs/decisions/engine.md): a
 * PostgreSQL database written by the Camunda 7.24 build — the demo district with running cases of every process, open
 * timers, history and the product's own tables — is taken over by the Operaton build, started on it as it is (Operaton
 * 1.0 keeps Camunda 7.24's schema: no script to run). Running cases are all there and continue, a timer the Camunda
 * node left open fires once on Operaton, and the history and the webapps read the same; and the way back, the Camunda
 * build started again on what Operaton wrote, finds the same cases.
 * <p>
 * Runs in the Operaton build's PostgreSQL pass, with the Camunda build's packaged jar in {@code it.camunda.jar} (the
 * {@code operaton} profile passes target/'s jar when there is one; {@code .ci/run} builds it first and makes the test
 * mandatory with {@code REQUIRE_ENGINE_MIGRATION=true}).
 */
class EngineMigrationIT {

    static final String DATABASE = "zhaoshang_engine_migration";
    final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void aDatabaseWrittenByTheCamundaBuildRunsOnTheOperatonBuild() throws Exception {
        String camundaJar = System.getProperty("it.camunda.jar", "");
        boolean required = "true".equals(System.getenv("REQUIRE_ENGINE_MIGRATION"));
        boolean applies = EngineEdition.isOperaton() && "postgres".equals(System.getProperty("it.database"));
        if (required && applies) {
            assertThat(Path.of(camundaJar)).as("the Camunda build's jar (it.camunda.jar): ./mvnw -DskipTests package first").isRegularFile();
        }
        assumeThat(applies && !camundaJar.isEmpty() && Files.isRegularFile(Path.of(camundaJar)))
                .as("Operaton build, PostgreSQL pass, Camunda jar given").isTrue();
        Path operatonJar = packagedJar();
        String url = freshDatabase();
        Map<String, String> environment = Map.of("DB_URL", url, "DB_USER", "postgres", "DB_PASSWORD", "", "SPRING_PROFILES_ACTIVE", "postgres,demo");
        String[] demo = {"--app.demo.history.projects=24", "--app.demo.history.months=2", "--app.demo.history.report-months=1",
            "--app.demo.history.weekly-report-months=0"};

        // 1. The Camunda build writes the district, then stops as an operator stops it before the move.
        Map<String, Long> runningBefore;
        long tasksBefore;
        long timersBefore;
        long historyBefore;
        long projectsBefore;
        String timerId;
        String timerActivity;
        try (AppProcess camunda = AppProcess.launchJar(Path.of(camundaJar), workDir, environment, demo).awaitStarted()) {
            Browser admin = Browser.basic(camunda.port(), "admin", "demo");
            runningBefore = runningByProcess(admin);
            tasksBefore = count(admin, "/engine-rest/task/count");
            timersBefore = count(admin, "/engine-rest/job/count?timers=true");
            historyBefore = count(admin, "/engine-rest/history/activity-instance/count");
            // One query for the timers' activities (job definitions), not one per job.
            Map<String, String> activities = new TreeMap<>();
            for (JsonNode definition : json.readTree(text(admin, "/engine-rest/job-definition?firstResult=0&maxResults=2000"))) {
                activities.put(definition.path("id").asText(), definition.path("activityId").asText());
            }
            JsonNode reminders = json.readTree(text(admin, "/engine-rest/job?timers=true&sortBy=jobDueDate&sortOrder=desc&firstResult=0&maxResults=500"));
            JsonNode open = null;
            for (JsonNode job : reminders) {
                if (!job.hasNonNull("exceptionMessage") && job.path("retries").asInt() > 0
                        && activities.getOrDefault(job.path("jobDefinitionId").asText(), "").endsWith("Reminder")) {
                    open = job;
                    break;
                }
            }
            assertThat(open).as("a reminder timer the Camunda node has not fired yet").isNotNull();
            timerId = open.path("id").asText();
            timerActivity = activities.get(open.path("jobDefinitionId").asText());
            projectsBefore = sql(url, "SELECT COUNT(*) FROM investment_project");
        }
        assertThat(runningBefore).as("running cases of the processes").containsKeys("project-review", "key-project-lead",
                "agreement-follow-up", "monthly-briefing", "chain-review", "unit-report");
        assertThat(timersBefore).isPositive();

        Map<String, Long> runningAfter;
        long tasksAfter;
        // 2. The Operaton build starts on the same database.
        try (AppProcess operaton = AppProcess.launchJar(operatonJar, workDir, environment, demo).awaitStarted()) {
            assertThat(operaton.output()).doesNotContain(" ERROR ");
            Browser admin = Browser.basic(operaton.port(), "admin", "demo");
            assertThat(runningByProcess(admin)).as("every running case, per process").isEqualTo(runningBefore);
            assertThat(count(admin, "/engine-rest/task/count")).isEqualTo(tasksBefore);
            assertThat(count(admin, "/engine-rest/history/activity-instance/count")).as("history").isGreaterThanOrEqualTo(historyBefore);
            assertThat(sql(url, "SELECT COUNT(*) FROM investment_project")).isEqualTo(projectsBefore);

            // The reminder the Camunda node left open is run by Operaton's engine (its job executor is off here, so that
            // no other due timer changes the counts compared above): it fires once and is gone.
            HttpResponse<String> fired = admin.send(admin.request("/engine-rest/job/" + timerId + "/execute")
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(fired.statusCode()).as(fired.body()).isEqualTo(204);
            assertThat(count(admin, "/engine-rest/job/count?jobId=" + timerId)).as("the reminder fired").isZero();
            assertThat(count(admin, "/engine-rest/history/job-log/count?jobId=" + timerId + "&successLog=true")).as("once").isEqualTo(1);
            assertThat(timerActivity).endsWith("Reminder");

            // Cockpit, Operaton's, reads the same cases (its statistics through the webapps' engine API).
            Browser cockpit = new Browser(operaton.port());
            cockpit.login("admin", "demo");
            assertThat(text(cockpit, "/camunda/app/welcome/default/")).contains("operaton-welcome-bootstrap");
            HttpResponse<String> statistics = cockpit.get("/camunda/api/engine/engine/default/process-definition/statistics?failedJobs=false");
            assertThat(statistics.statusCode()).isEqualTo(200);
            assertThat(statistics.body()).contains("\"key\":\"project-review\"");
            assertThat(cockpit.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
            runningAfter = runningByProcess(admin);
            tasksAfter = count(admin, "/engine-rest/task/count");
        }

        // 3. The way back (README's rollback): the Camunda build starts on what Operaton wrote and finds the same cases.
        try (AppProcess camunda = AppProcess.launchJar(Path.of(camundaJar), workDir, environment, demo).awaitStarted()) {
            Browser admin = Browser.basic(camunda.port(), "admin", "demo");
            assertThat(runningByProcess(admin)).isEqualTo(runningAfter);
            assertThat(count(admin, "/engine-rest/task/count")).isEqualTo(tasksAfter);
            assertThat(count(admin, "/engine-rest/job/count?jobId=" + timerId)).as("the fired reminder stays fired").isZero();
        }
    }

    private Map<String, Long> runningByProcess(Browser admin) throws Exception {
        Map<String, Long> running = new TreeMap<>();
        for (JsonNode definition : json.readTree(text(admin, "/engine-rest/process-definition?latestVersion=true&firstResult=0&maxResults=100"))) {
            String key = definition.path("key").asText();
            long instances = count(admin, "/engine-rest/process-instance/count?processDefinitionKey=" + key);
            if (instances > 0) {
                running.put(key, instances);
            }
        }
        return running;
    }

    private long count(Browser admin, String path) throws Exception {
        return json.readTree(text(admin, path)).path("count").asLong();
    }

    private static String text(Browser browser, String path) {
        HttpResponse<String> response = browser.get(path);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** The jar this build packaged (failsafe runs after package). */
    private static Path packagedJar() throws Exception {
        try (var jars = Files.list(Path.of("target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("zhaoshang-platform-.*\\.jar")).findFirst().orElseThrow();
        }
    }

    /** A new, empty database beside the test database (same server, same rights). */
    private static String freshDatabase() throws Exception {
        String testUrl = System.getProperty("it.postgres.url");
        String server = testUrl.substring(0, testUrl.lastIndexOf('/'));
        try (Connection admin = DriverManager.getConnection(server + "/postgres", "postgres", ""); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + DATABASE);
        }
        return server + "/" + DATABASE;
    }

    private static long sql(String url, String query) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", ""); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
