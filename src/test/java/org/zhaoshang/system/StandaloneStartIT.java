package org.zhaoshang.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhaoshang.support.AppProcess;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The application as an operator runs it, in its own JVM on a file-based H2 database: data survives a
 * restart, changed models are redeployed without duplicating unchanged ones, the host's time zone does
 * not matter, and a production start needs an administrator password and seeds no demo users.
 */
class StandaloneStartIT {

    static final Map<String, String> UTC_HOST = Map.of("TZ", "UTC");
    final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void onlyOnce() {
        // These tests bring their own database; running them again in the PostgreSQL pass adds nothing.
        assumeFalse(TestDatabase.isPostgres());
    }

    @Test
    void dataAndModelsSurviveARestartAndOnlyChangedModelsAreRedeployed() throws Exception {
        Files.createDirectories(dir.resolve("processes"));
        Files.createDirectories(dir.resolve("forms"));
        writeProcess("it-alpha", "甲流程");
        writeProcess("it-beta", "乙流程");
        Files.writeString(dir.resolve("forms/it-form.form"), """
                {"id": "it-form", "type": "default", "schemaVersion": 16,
                 "components": [{"key": "remark", "label": "备注", "type": "textfield"}]}""");
        String[] args = {"--spring.profiles.active=demo", "--app.demo.history.projects=0",
            "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db/zhaoshang"),
                "--app.deployment.locations=file:" + dir + "/processes/*.bpmn,file:" + dir + "/forms/*.form"};

        String code;
        try (AppProcess app = AppProcess.launch(dir, UTC_HOST, args).awaitStarted()) {
            Browser officer = Browser.basic(app.port(), "zhouxiaoyu", "demo");
            HttpResponse<String> created = officer.postJson("/api/projects", """
                    {"name": "重启测试项目", "investor": "某公司", "investorCategory": "其他", "industry": "现代服务",
                     "totalInvestment": 100, "landArea": 0, "originUnit": "unit-street-jinzhong"}""");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode project = json.readTree(created.body());
            code = project.get("code").asText();
            // The host runs in UTC; the application still keeps Shanghai time.
            assertThat(project.get("createdAt").asText()).endsWith("+08:00");
            assertThat(definitionCount(app, "it-alpha")).isOne();
        }

        writeProcess("it-alpha", "甲流程（修订）");
        try (AppProcess app = AppProcess.launch(dir, UTC_HOST, args).awaitStarted()) {
            Browser admin = Browser.basic(app.port(), "admin", "demo");
            HttpResponse<String> project = admin.get("/api/projects/" + code);
            assertThat(project.statusCode()).isEqualTo(200);
            assertThat(project.body()).contains("重启测试项目");
            assertThat(definitionCount(app, "it-alpha")).isEqualTo(2);
            assertThat(definitionCount(app, "it-beta")).isOne();
            JsonNode deployments = json.readTree(
                    admin.get("/engine-rest/deployment?name=zhaoshang-models&sortBy=deploymentTime&sortOrder=asc&maxResults=100").body());
            assertThat(deployments).hasSize(2);
            JsonNode resources = json.readTree(admin.get("/engine-rest/deployment/" + deployments.get(1).get("id").asText() + "/resources").body());
            assertThat(resources.findValuesAsText("name")).containsExactly("processes/it-alpha.bpmn");
            assertThat(app.output()).doesNotContain("ERROR");
        }
    }

    @Test
    void productionStartRequiresAnAdministratorPasswordAndSeedsNoDemoUsers() throws Exception {
        String[] args = {"--spring.profiles.active=production", "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("prod/zhaoshang")};

        AppProcess refused = AppProcess.launch(dir, UTC_HOST, args);
        assertThat(refused.awaitExit()).isNotZero();
        assertThat(refused.output()).contains("ADMIN_PASSWORD", "未设置管理员密码");

        try (AppProcess app = AppProcess.launch(dir, Map.of("TZ", "UTC", "ADMIN_PASSWORD", "Zs-Strong-Secret-2026"), args).awaitStarted()) {
            Browser admin = Browser.basic(app.port(), "admin", "Zs-Strong-Secret-2026");
            HttpResponse<String> users = admin.get("/engine-rest/user/count");
            assertThat(users.statusCode()).isEqualTo(200);
            assertThat(json.readTree(users.body()).get("count").asInt()).isOne();
            // The standard district groups exist for administrators to fill in Camunda Admin.
            assertThat(admin.get("/engine-rest/group/dept-hezuo").statusCode()).isEqualTo(200);
            assertThat(Browser.basic(app.port(), "zhouxiaoyu", "demo").get("/api/projects").statusCode()).isEqualTo(401);
            // Camunda's password policy is on in production: a weak password is refused, nobody is created.
            HttpResponse<String> weak = admin.postJson("/engine-rest/user/create",
                    "{\"profile\":{\"id\":\"wangwu\",\"firstName\":\"五\",\"lastName\":\"王\"},\"credentials\":{\"password\":\"demo\"}}");
            assertThat(weak.statusCode()).as(weak.body()).isEqualTo(400);
            assertThat(weak.body()).contains("密码不符合密码策略");
            assertThat(admin.get("/engine-rest/user/wangwu/profile").statusCode()).isEqualTo(404);
            HttpResponse<String> strong = admin.postJson("/engine-rest/user/create",
                    "{\"profile\":{\"id\":\"wangwu\",\"firstName\":\"五\",\"lastName\":\"王\"},\"credentials\":{\"password\":\"Qiang-2026-mima\"}}");
            assertThat(strong.statusCode()).as(strong.body()).isEqualTo(204);
            // Last: a wrong password locks the account for a few seconds (Camunda's login throttling).
            assertThat(Browser.basic(app.port(), "admin", "demo").get("/api/projects").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aStartWithoutItsDatabaseFailsAtOnceSayingWhatToCheck() throws Exception {
        Map<String, String> env = Map.of("TZ", "UTC", "ADMIN_PASSWORD", "Zs-Strong-Secret-2026");
        // Nothing listens on port 1; then the real server with a database that does not exist (a wrong password
        // cannot be shown here: the local PostgreSQL trusts every login).
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("无法连接数据库", new String[] {"--spring.profiles.active=postgres", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/zhaoshang"});
        cases.put("数据库不存在", new String[] {"--spring.profiles.active=postgres", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/zhaoshang_no_such_db",
                "--spring.datasource.username=postgres"});
        for (Map.Entry<String, String[]> failure : cases.entrySet()) {
            long started = System.nanoTime();
            AppProcess app = AppProcess.launch(dir, env, failure.getValue());
            assertThat(app.awaitExit()).isNotZero();
            String output = app.output();
            if (failure.getKey().equals("数据库不存在") && output.contains("无法连接数据库")) {
                continue; // no PostgreSQL on this machine: the first case already covers an unreachable server
            }
            assertThat(output).contains(failure.getKey(), "DB_URL", failure.getValue()[1].substring("--spring.datasource.url=".length()));
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("fails at once, does not hang").isLessThan(java.time.Duration.ofSeconds(60));
        }
    }

    private int definitionCount(AppProcess app, String key) throws Exception {
        HttpResponse<String> response = Browser.basic(app.port(), "admin", "demo").get("/engine-rest/process-definition/count?key=" + key);
        return json.readTree(response.body()).get("count").asInt();
    }

    private void writeProcess(String key, String name) throws Exception {
        Files.writeString(dir.resolve("processes/" + key + ".bpmn"), Bpmn.convertToString(
                Bpmn.createExecutableProcess(key).name(name).camundaHistoryTimeToLive(30).startEvent().endEvent().done()));
    }
}
