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
import org.zhaoshang.support.TestIdentityProvider;
import org.zhaoshang.support.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

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
 * refresh removing half the district is refused until an administrator forces it. Single sign-on runs against a real
 * OpenID Connect provider started here ({@link TestIdentityProvider}, Spring Authorization Server): Chromium logs in
 * through the provider's page and lands in Tasklist with the directory's groups, logging out ends both sessions, and
 * the API takes the provider's access tokens and refuses expired, foreign, misdirected and unsigned ones in Chinese.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryAndSsoIT {

    static final String BASE = "dc=dongli,dc=gov,dc=cn";
    static final String PASSWORD = "Demo-2026!";
    static final String ADMIN_PASSWORD = "Fallback-Key-2026!";
    static final Path LDIF = Path.of("docs/directory/demo-district.ldif");

    final ObjectMapper json = new ObjectMapper();
    InMemoryDirectoryServer ldap;
    TestIdentityProvider provider;
    AppProcess app;
    NodeDatabase db;
    Path dir;
    List<String> appArguments;

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

        int appPort;
        try (ServerSocket free = new ServerSocket(0)) {
            appPort = free.getLocalPort();
        }
        String appUrl = "http://localhost:" + appPort;
        provider = TestIdentityProvider.start(appUrl, List.of("huangtao", "liuyang", "xuhui", "stranger"));

        dir = Files.createTempDirectory("directory-it");
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + appPort,
                "--app.base-url=" + appUrl,
                "--app.sso.enabled=true",
                "--app.sso.issuer-uri=" + provider.issuer(),
                "--app.sso.client-id=" + TestIdentityProvider.CLIENT_ID,
                "--app.sso.client-secret=" + TestIdentityProvider.CLIENT_SECRET,
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
        appArguments = List.copyOf(args);
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
        if (provider != null) {
            provider.close();
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

    @Test
    @Order(6)
    void singleSignOnLandsInTasklistWithTheDirectorysGroupsAndLogoutEndsBothSessions() {
        // The browser's way through the provider reads the same mirror on either database: the H2 pass runs it, the
        // PostgreSQL pass keeps the directory and token tests (and ./mvnw verify within its time).
        org.junit.jupiter.api.Assumptions.assumeFalse(TestDatabase.isPostgres());
        WebDriver browser = Chromium.start();
        try {
            String app = "http://localhost:" + this.app.port();
            browser.get(app + "/camunda/app/tasklist/");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/login"));
            browser.findElement(By.cssSelector("a.sso-login")).click();
            signInAtProvider(browser, "huangtao");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(app + "/camunda/app/tasklist"));
            String who = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[0]; fetch('/camunda/api/admin/auth/user/default').then(r => r.text()).then(done);");
            assertThat(who).contains("\"userId\":\"huangtao\"", "tasklist");
            String groups = (String) ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[0]; "
                    + "fetch('/engine-rest/group?member=huangtao&maxResults=50').then(r => r.text()).then(done);");
            assertThat(groups).contains("dept-hezuo", "招商 工作专班");

            browser.get(app + "/");
            browser.findElement(By.cssSelector("form.logout button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().equals(app + "/login?logout"));
            browser.findElement(By.cssSelector("a.sso-login")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(provider.issuer() + "/login"));
            assertThat(browser.findElements(By.name("password"))).as("the provider asks again: its session ended too").isNotEmpty();

            // A person the provider knows but the directory does not: refused with a Chinese explanation.
            signInAtProvider(browser, "stranger");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/login?unknownAccount"));
            assertThat(browser.findElement(By.cssSelector("body")).getText()).contains("您的统一身份认证账号在本系统中不存在");
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(7)
    void theApiTakesTheProvidersTokensAndRefusesBadOnesInChinese() throws Exception {
        Instant now = Instant.now();
        String valid = token(provider.signingKey(), provider.issuer(), TestIdentityProvider.CLIENT_ID, "huangtao", now.plusSeconds(300));
        HttpResponse<String> ok = bearer(valid).get("/api/profile/notifications");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("huangtao");
        assertThat(bearer(valid).get("/engine-rest/group?member=huangtao&maxResults=50").body()).contains("dept-hezuo");

        RSAKey otherKey = new RSAKeyGenerator(2048).keyID(provider.signingKey().getKeyID()).generate();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("expired", token(provider.signingKey(), provider.issuer(), TestIdentityProvider.CLIENT_ID, "huangtao", now.minusSeconds(600)));
        refused.put("another audience", token(provider.signingKey(), provider.issuer(), "another-app", "huangtao", now.plusSeconds(300)));
        refused.put("another issuer", token(provider.signingKey(), "http://127.0.0.1:1", TestIdentityProvider.CLIENT_ID, "huangtao",
                now.plusSeconds(300)));
        refused.put("another key", token(otherKey, provider.issuer(), TestIdentityProvider.CLIENT_ID, "huangtao", now.plusSeconds(300)));
        refused.put("unsigned", new PlainJWT(claims(provider.issuer(), TestIdentityProvider.CLIENT_ID, "huangtao", now.plusSeconds(300)))
                .serialize());
        refused.put("unknown person", token(provider.signingKey(), provider.issuer(), TestIdentityProvider.CLIENT_ID, "stranger",
                now.plusSeconds(300)));
        refused.put("a client's own token", clientCredentialsToken());
        refused.put("garbage", "not-a-token");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            HttpResponse<String> answer = bearer(bad.getValue()).get("/api/profile/notifications");
            assertThat(answer.statusCode()).as(bad.getKey()).isEqualTo(401);
            assertThat(answer.body()).as(bad.getKey()).containsPattern("访问令牌|不存在");
            assertThat(answer.headers().firstValue("WWW-Authenticate").orElse("")).as(bad.getKey()).startsWith("Bearer");
        }
        assertThat(bearer(refused.get("expired")).get("/engine-rest/task?maxResults=1").body()).contains("访问令牌已过期");
        assertThat(bearer(refused.get("unknown person")).get("/api/profile/notifications").body()).contains("stranger", "不存在");
    }

    @Test
    @Order(8)
    void withoutTheLocalLoginOnlySingleSignOnRemainsAndAStartWithTheDirectoryDownServesTheMirror() throws Exception {
        app.close();
        List<String> args = new ArrayList<>(appArguments);
        args.add("--app.sso.local-login=false");
        ldap.shutDown(true);
        try {
            app = AppProcess.launch(dir, Map.of("ADMIN_PASSWORD", ADMIN_PASSWORD), args.toArray(String[]::new)).awaitStarted();
            assertThat(app.output()).contains("Directory not mirrored at start-up, the last mirror serves");
            JsonNode status = json.readTree(Browser.basic(app.port(), "admin", ADMIN_PASSWORD).get("/api/admin/directory").body());
            assertThat(status.get("lastError").asText()).contains("目录服务无法访问");
            String token = token(provider.signingKey(), provider.issuer(), TestIdentityProvider.CLIENT_ID, "huangtao",
                    Instant.now().plusSeconds(300));
            assertThat(bearer(token).get("/engine-rest/group?member=huangtao&maxResults=50").body())
                    .as("the mirror serves while the directory is down").contains("dept-hezuo");
        } finally {
            ldap.startListening();
        }

        Browser anonymous = new Browser(app.port());
        String loginPage = anonymous.get("/login").body();
        assertThat(loginPage).contains("使用统一身份认证登录").doesNotContain("name=\"password\"");
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> formLogin = anonymous.postForm("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD,
                "_csrf", csrf.group(1)));
        assertThat(formLogin.headers().firstValue("Location").orElse("")).as("no password login").doesNotEndWith(app.port() + "/");
        assertThat(anonymous.get("/api/profile/notifications").statusCode()).as("not logged in").isEqualTo(401);
        HttpResponse<String> webappLogin = anonymous.send(anonymous.request("/camunda/api/admin/auth/user/default/login/tasklist")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + java.net.URLEncoder.encode(ADMIN_PASSWORD,
                        java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(webappLogin.statusCode()).as("the webapps' own login form is closed too").isIn(401, 403);
        assertThat(anonymous.get("/api/profile/notifications").statusCode()).as("still not logged in").isEqualTo(401);
        String valid = token(provider.signingKey(), provider.issuer(), TestIdentityProvider.CLIENT_ID, "huangtao", Instant.now().plusSeconds(300));
        assertThat(bearer(valid).get("/api/profile/notifications").statusCode()).isEqualTo(200);
    }

    private void signInAtProvider(WebDriver browser, String user) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(provider.issuer() + "/login"));
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(TestIdentityProvider.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private Browser bearer(String token) {
        return Browser.bearer(app.port(), token);
    }

    private static JWTClaimsSet claims(String issuer, String audience, String user, Instant expires) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(user).claim("preferred_username", user)
                .issueTime(java.util.Date.from(expires.minusSeconds(900))).expirationTime(java.util.Date.from(expires)).build();
    }

    private static String token(RSAKey key, String issuer, String audience, String user, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims(issuer, audience, user, expires));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** A real token from the provider's token endpoint, for the client itself (no person in it). */
    private String clientCredentialsToken() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create(provider.issuer() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (TestIdentityProvider.CLIENT_ID + ":" + TestIdentityProvider.CLIENT_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body()).get("access_token").asText();
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
