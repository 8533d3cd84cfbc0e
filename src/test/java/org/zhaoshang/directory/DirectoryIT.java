package org.zhaoshang.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zhaoshang.support.AppProcess;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.NodeDatabase;
import org.zhaoshang.support.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFReader;

/**
 * The product on the district's directory, as an installation runs it: the packaged application's main in its own JVM
 * (production settings, no demo) on its own database (H2, then PostgreSQL), reading a real LDAP server started here
 * (UnboundID's in-memory directory) loaded with docs/directory/demo-district.ldif, through Camunda's LDAP plugin. It
 * proves the mirror (people, units, heads, supervisors, mobiles, a group named in Chinese with a space), that Admin is
 * read-only, that changes arrive without a restart, that a directory outage keeps sessions and the organisation serving
 * and refuses new logins clearly, that a removed person's session ends and their task returns to the group, and that a
 * refresh removing half the district is refused until an administrator forces it.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryIT {

    static final String BASE = "dc=dongli,dc=gov,dc=cn";
    static final String PASSWORD = "Demo-2026!";
    static final String ADMIN_PASSWORD = "Fallback-Key-2026!";
    static final Path LDIF = Path.of("docs/directory/demo-district.ldif");

    final ObjectMapper json = new ObjectMapper();
    InMemoryDirectoryServer ldap;
    AppProcess app;
    NodeDatabase db;
    Path dir;

    @BeforeAll
    void start() throws Exception {
        int ldapPort;
        try (ServerSocket free = new ServerSocket(0)) {
            ldapPort = free.getLocalPort();
        }
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.addAdditionalBindCredentials("cn=zhaoshang-reader", "Reader-2026!");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", ldapPort));
        ldap = new InMemoryDirectoryServer(config);
        try (LDIFReader reader = new LDIFReader(LDIF.toFile())) {
            ldap.importFromLDIF(true, reader);
        }
        ldap.startListening();

        dir = Files.createTempDirectory("directory-it");
        List<String> args = new ArrayList<>(List.of(
                "--app.directory.ldap.enabled=true",
                "--app.directory.ldap.server-url=ldap://127.0.0.1:" + ldapPort,
                "--app.directory.ldap.base-dn=" + BASE,
                "--app.directory.ldap.manager-dn=cn=zhaoshang-reader",
                "--app.directory.ldap.manager-password=Reader-2026!",
                "--app.directory.ldap.connect-timeout=PT1S",
                "--app.directory.ldap.read-timeout=PT2S",
                "--app.directory.attributes.wecom-user-id=uid",
                "--app.directory.refresh-interval=PT2S",
                "--app.directory.session-recheck=PT1S",
                "--app.mail.dispatch-enabled=false",
                "--logging.level.org.zhaoshang=INFO"));
        if (TestDatabase.isPostgres()) {
            db = NodeDatabase.fresh("zhaoshang_directory");
            args.add("--spring.profiles.active=postgres");
        } else {
            db = NodeDatabase.h2(dir);
            args.add("--spring.profiles.active=directory");
        }
        args.addAll(db.arguments());
        app = AppProcess.launch(dir, Map.of("ADMIN_PASSWORD", ADMIN_PASSWORD), args.toArray(String[]::new)).awaitStarted();
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (ldap != null) {
            ldap.shutDown(true);
        }
    }

    @Test
    @Order(1)
    void theDirectoryIsMirroredIntoPeopleUnitsAndTheirAttributes() throws Exception {
        assertThat(db.count("SELECT COUNT(*) FROM ACT_ID_USER WHERE PWD_ IS NULL")).isEqualTo(12);
        Browser huangtao = Browser.basic(app.port(), "huangtao", PASSWORD);
        HttpResponse<String> profile = huangtao.get("/engine-rest/user/huangtao/profile");
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(json.readTree(profile.body()).get("lastName").asText()).isEqualTo("黄");
        assertThat(huangtao.get("/engine-rest/group?member=huangtao&maxResults=50").body())
                .contains("\"dept-hezuo\"", "\"招商 工作专班\"", "招商引资工作专班 （跨部门）");
        assertThat(Browser.basic(app.port(), "huangtao", "wrong").get("/engine-rest/user/huangtao/profile").statusCode()).isEqualTo(401);

        assertThat(db.strings("SELECT unit_code || '|' || supervisor_id || '|' || title || '|' || phone FROM staff_profile WHERE user_id = ?",
                "huangtao")).containsExactly("dept-hezuo|zhaomin|招商科科员|022-24390103");
        assertThat(db.single("SELECT unit_code FROM staff_profile WHERE user_id = ?", "liuyang")).isEqualTo("unit-street-jinzhong");
        assertThat(db.strings("SELECT name || '|' || head_user_id FROM org_unit WHERE code = ?", "unit-street-jinzhong"))
                .containsExactly("金钟街道|chenjing");
        assertThat(db.single("SELECT kind FROM org_unit WHERE code = ?", "unit-park-dongli-eco")).isEqualTo("PARK");
        assertThat(db.strings("SELECT mobile || '|' || wecom_user_id FROM person_channel WHERE user_id = ?", "huangtao"))
                .containsExactly("13800000103|huangtao");
        assertThat(db.count("SELECT COUNT(*) FROM org_unit WHERE code = ?", "招商 工作专班")).as("not a unit").isZero();

        // The directory's administrators (camunda-admin there) administer; Admin and the API show the directory read-only.
        Browser xuhui = Browser.basic(app.port(), "xuhui", PASSWORD);
        JsonNode status = json.readTree(xuhui.get("/api/admin/directory").body());
        assertThat(status.get("people").asInt()).isEqualTo(12);
        assertThat(status.get("enabled").asBoolean()).isTrue();
        assertThat(xuhui.send(xuhui.request("/engine-rest/user").method("OPTIONS", HttpRequest.BodyPublishers.noBody())).body())
                .doesNotContain("\"create\"");
        HttpResponse<String> created = xuhui.postJson("/engine-rest/user/create",
                "{\"profile\": {\"id\": \"intruder\", \"firstName\": \"入\", \"lastName\": \"侵\"}, \"credentials\": {\"password\": \"Intruder-2026!\"}}");
        assertThat(created.statusCode()).isBetween(400, 499);
        assertThat(db.count("SELECT COUNT(*) FROM ACT_ID_USER WHERE ID_ = ?", "intruder")).isZero();
        Browser xuhuiPages = new Browser(app.port());
        xuhuiPages.login("xuhui", PASSWORD);
        HttpResponse<String> page = xuhuiPages.get("/admin/directory");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("目录同步", "人员 / 组", "12 人 / 10 个组", "ldap://127.0.0.1:");

        // The local administrator (ADMIN_PASSWORD), the fallback beside the directory.
        assertThat(Browser.basic(app.port(), "admin", ADMIN_PASSWORD).get("/api/admin/directory").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void changesInTheDirectoryArriveWithoutARestart() throws Exception {
        ldap.add("dn: uid=maxin,ou=people," + BASE, "objectClass: inetOrgPerson", "uid: maxin", "sn: 马", "givenName: 欣", "cn: 马欣",
                "mail: maxin@dongli.gov.cn", "mobile: 13800000113", "userPassword: " + PASSWORD);
        ldap.modify("cn=unit-park-dongli-eco,ou=groups," + BASE, new Modification(ModificationType.ADD, "member", "uid=maxin,ou=people," + BASE));
        ldap.modify("uid=wangfang,ou=people," + BASE, new Modification(ModificationType.REPLACE, "sn", "汪"));
        ldap.modify("cn=dept-hezuo,ou=groups," + BASE, new Modification(ModificationType.REPLACE, "description", "区合作交流办（区投资促进中心）"));
        Instant changed = Instant.now();

        await("the change mirrored", () -> query("SELECT unit_code FROM staff_profile WHERE user_id = ?", "maxin").equals("unit-park-dongli-eco")
                && query("SELECT LAST_ FROM ACT_ID_USER WHERE ID_ = ?", "wangfang").equals("汪")
                && query("SELECT name FROM org_unit WHERE code = ?", "dept-hezuo").equals("区合作交流办（区投资促进中心）"));
        assertThat(Duration.between(changed, Instant.now())).as("refresh every 2 s in this test").isLessThan(Duration.ofSeconds(20));
        assertThat(Browser.basic(app.port(), "maxin", PASSWORD).get("/api/profile/notifications").body()).contains("13800000113");
    }

    @Test
    @Order(3)
    void aDirectoryOutageKeepsSessionsAndTheOrganisationAndRefusesNewLoginsClearly() throws Exception {
        Browser session = new Browser(app.port());
        assertThat(session.login("huangtao", PASSWORD).headers().firstValue("Location").orElse("")).doesNotContain("error");
        Browser admin = Browser.basic(app.port(), "admin", ADMIN_PASSWORD);

        ldap.shutDown(true);
        try {
            assertThat(session.get("/api/profile/notifications").statusCode()).isEqualTo(200);
            assertThat(session.get("/projects").statusCode()).isEqualTo(200);
            HttpResponse<String> refused = new Browser(app.port()).login("sunli", PASSWORD);
            assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/login?unavailable");
            assertThat(new Browser(app.port()).get("/login?unavailable").body()).contains("统一身份目录暂时无法连接");
            assertThat(Browser.basic(app.port(), "sunli", PASSWORD).get("/api/profile/notifications").statusCode()).isEqualTo(401);
            // What escalations read: the mirror still names 督查室's members.
            assertThat(admin.get("/engine-rest/user?memberOfGroup=dept-ducha&maxResults=10").body()).contains("\"zhengwei\"");
            await("the failed refresh shown", () -> admin.get("/api/admin/directory").body().contains("目录服务无法访问"));
            assertThat(db.count("SELECT COUNT(*) FROM ACT_ID_USER WHERE PWD_ IS NULL")).as("nothing removed while down").isEqualTo(13);
        } finally {
            ldap.startListening();
        }
        await("the directory back", () -> !admin.get("/api/admin/directory").body().contains("lastError"));
        assertThat(new Browser(app.port()).login("sunli", PASSWORD).headers().firstValue("Location").orElse("")).doesNotContain("unavailable");
    }

    @Test
    @Order(4)
    void aPersonRemovedFromTheDirectoryLosesTheSessionAndTheTaskReturnsToTheGroup() throws Exception {
        Browser officer = Browser.basic(app.port(), "liuyang", PASSWORD);
        HttpResponse<String> registered = officer.postJson("/api/projects", """
                {"name": "智能传感器研发项目", "investor": "某传感科技有限公司", "investorCategory": "专精特新",
                 "industry": "智能制造", "totalInvestment": 3000, "landArea": 0, "originUnit": "unit-street-jinzhong"}""");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String code = json.readTree(registered.body()).get("code").asText();
        assertThat(officer.postJson("/api/projects/" + code + "/review", "{}").statusCode()).isBetween(200, 299);
        Browser admin = Browser.basic(app.port(), "admin", ADMIN_PASSWORD);
        JsonNode tasks = json.readTree(admin.get("/engine-rest/task?maxResults=10&processInstanceBusinessKey=" + code).body());
        assertThat(tasks).hasSize(1);
        String taskId = tasks.get(0).get("id").asText();
        Browser wangfang = Browser.basic(app.port(), "wangfang", PASSWORD);
        assertThat(wangfang.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"wangfang\"}").statusCode()).isEqualTo(204);
        Browser wangfangSession = new Browser(app.port());
        wangfangSession.login("wangfang", PASSWORD);
        assertThat(wangfangSession.get("/api/profile/notifications").statusCode()).isEqualTo(200);

        ldap.delete("uid=wangfang,ou=people," + BASE);

        await("the task back with its group", () -> json.readTree(admin.get("/engine-rest/task/" + taskId).body()).get("assignee").isNull());
        assertThat(admin.get("/engine-rest/task/" + taskId + "/identity-links?type=candidate").body()).contains("dept-hezuo");
        await("the session ended", () -> wangfangSession.get("/api/profile/notifications").statusCode() == 401);
        assertThat(wangfangSession.get("/projects").statusCode()).isEqualTo(302);
        assertThat(admin.get("/api/admin/directory").body()).contains("PERSON_REMOVED", "TASK_RETURNED", taskId);
        assertThat(admin.get("/engine-rest/group?maxResults=10&member=wangfang").body()).isEqualTo("[]");
    }

    @Test
    @Order(5)
    void aRefreshThatWouldRemoveHalfTheDistrictIsRefusedUntilForced() throws Exception {
        List<String> leaving = List.of("sunli", "zhouqiang", "wujun", "yangxue", "maxin", "chenjing");
        for (String uid : leaving) {
            ldap.delete("uid=" + uid + ",ou=people," + BASE);
        }
        Browser admin = Browser.basic(app.port(), "admin", ADMIN_PASSWORD);
        await("the refusal shown", () -> admin.get("/api/admin/directory").body().contains("疑为目录配置错误"));
        assertThat(db.count("SELECT COUNT(*) FROM ACT_ID_USER WHERE ID_ = ?", "sunli")).as("nobody removed").isEqualTo(1);
        assertThat(admin.get("/api/admin/directory").body()).contains("REFUSED");

        HttpResponse<String> forced = admin.send(admin.request("/api/admin/directory/refresh?force=true").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(forced.statusCode()).isEqualTo(200);
        assertThat(json.readTree(forced.body()).get("removed")).hasSize(6);
        assertThat(db.count("SELECT COUNT(*) FROM ACT_ID_USER WHERE PWD_ IS NULL")).isEqualTo(6);
    }

    private String query(String sql, String parameter) {
        try {
            String value = db.single(sql, parameter);
            return value == null ? "" : value;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, CheckedCondition condition) throws Exception {
        Instant deadline = Instant.now().plusSeconds(45);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within 45 s: " + what);
            }
            Thread.sleep(300);
        }
    }

    @FunctionalInterface
    interface CheckedCondition {
        boolean holds() throws Exception;
    }

}
