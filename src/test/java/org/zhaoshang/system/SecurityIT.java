package org.zhaoshang.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;

/** One login for pages, REST API and webapps; nothing reachable without it; deployments for administrators only. */
@IntegrationTest
class SecurityIT {

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repositoryService;

    @ParameterizedTest
    @ValueSource(strings = {"/engine-rest/task", "/engine-rest/process-definition", "/engine-rest/user", "/api/projects",
            "/api/projects/ZS-2026-0001", "/camunda/api/engine/engine/default/task"})
    void apiWithoutCredentialsIs401(String path) {
        HttpResponse<String> response = new Browser(port).get(path);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("请先登录");
    }

    @Test
    void writeWithoutCredentialsIs401AndChangesNothing() {
        long before = repositoryService.createDeploymentQuery().count();
        HttpResponse<String> response = new Browser(port).postJson("/engine-rest/process-definition/key/x/start", "{}");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/projects", "/projects/ZS-2026-0001", "/camunda/app/tasklist/", "/camunda/app/cockpit/default/"})
    void pagesWithoutLoginRedirectToTheLoginPage(String path) {
        HttpResponse<String> response = new Browser(port).get(path);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/login"));
    }

    @Test
    void loginPageAndHealthAreOpen() {
        Browser anonymous = new Browser(port);
        HttpResponse<String> login = anonymous.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("招商引资项目协同平台", "用户名", "密码", "登录");
        assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/css/app.css").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/env").statusCode()).isIn(302, 401, 404);
    }

    @Test
    void wrongPasswordIs401() {
        assertThat(Browser.basic(port, "luopeng", "not-the-password").get("/engine-rest/task").statusCode()).isEqualTo(401);
        assertThat(Browser.basic(port, "nobody-here", "demo").get("/api/projects").statusCode()).isEqualTo(401);
        HttpResponse<String> form = new Browser(port).login("tangchao", "wrong");
        assertThat(form.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/login?error"));
    }

    @Test
    void reviewerQueriesTheirTasksThroughRest() {
        Browser reviewer = Browser.basic(port, "caoli", "demo");
        HttpResponse<String> tasks = reviewer.get("/engine-rest/task?candidateGroup=dept-huanbao&maxResults=100");
        assertThat(tasks.statusCode()).isEqualTo(200);
        assertThat(tasks.body()).startsWith("[");
        HttpResponse<String> count = reviewer.get("/engine-rest/task/count");
        assertThat(count.statusCode()).isEqualTo(200);
        assertThat(count.body()).contains("count");
        // Basic authentication opens no session: API clients stay stateless.
        assertThat(tasks.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
    }

    @Test
    void nonAdministratorCannotDeploy() {
        long before = repositoryService.createDeploymentQuery().count();
        HttpResponse<String> response = deploy(Browser.basic(port, "huangtao", "demo"), "it-not-allowed");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("it-not-allowed").count()).isZero();
    }

    @Test
    void administratorCanDeploy() {
        HttpResponse<String> response = deploy(Browser.basic(port, "admin", "demo"), "it-admin-deploys");
        assertThat(response.statusCode()).isEqualTo(200);
        Deployment deployment = repositoryService.createDeploymentQuery().deploymentName("it-admin-deploys").singleResult();
        assertThat(deployment).isNotNull();
        repositoryService.deleteDeployment(deployment.getId(), true);
    }

    @Test
    void webappLoginIsTheSameLogin() {
        Browser browser = new Browser(port);
        HttpResponse<String> login = browser.login("maliang", "demo");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/"));

        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("马亮", "/camunda/app/tasklist/", "/projects").doesNotContain("/camunda/app/cockpit/");

        assertThat(browser.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
        HttpResponse<String> webappUser = browser.get("/camunda/api/admin/auth/user/default");
        assertThat(webappUser.statusCode()).isEqualTo(200);
        assertThat(webappUser.body()).contains("\"userId\":\"maliang\"", "tasklist").doesNotContain("cockpit");
        // The same session also serves the engine REST API.
        assertThat(browser.get("/engine-rest/task/count").statusCode()).isEqualTo(200);
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSite() {
        HttpResponse<String> login = new Browser(port).login("zhaolei", "demo");
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void behindAnHttpsBalancerTheSessionCookieIsSecureAndRedirectsStayOnHttps() {
        // The balancer terminates TLS and says so in X-Forwarded-Proto (trusted from internal addresses only).
        Browser browser = new Browser(port);
        HttpResponse<String> form = browser.send(browser.request("/login").header("X-Forwarded-Proto", "https"));
        String session = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertThat(session).contains("Secure");
        // A Secure cookie is not sent back over this test's plain connection by the client itself: sent by hand.
        String token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body()).results()
                .findFirst().orElseThrow().group(1);
        HttpResponse<String> login = browser.send(browser.request("/login").header("X-Forwarded-Proto", "https")
                .header("Cookie", session.substring(0, session.indexOf(';')))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=zhaolei&password=demo&_csrf=" + java.net.URLEncoder.encode(token,
                        StandardCharsets.UTF_8))));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).startsWith("https://").doesNotEndWith("/login?error");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("Secure"));
        // Plain HTTP on a developer's machine: no Secure flag, or the browser would drop the cookie.
        assertThat(new Browser(port).login("zhaolei", "demo").headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").doesNotContain("Secure"));
    }

    @Test
    void webappsOwnLoginFormOpensTheAppSessionToo() {
        Browser browser = new Browser(port);
        HttpResponse<String> login = webappLogin(browser, "hejing", "demo");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(browser.get("/projects").statusCode()).isEqualTo(200);
        assertThat(browser.get("/camunda/api/admin/auth/user/default").body()).contains("hejing");

        Browser stranger = new Browser(port);
        HttpResponse<String> failed = webappLogin(stranger, "xieyan", "wrong");
        assertThat(failed.statusCode()).isEqualTo(401);
        assertThat(stranger.get("/projects").statusCode()).isEqualTo(302);
    }

    @Test
    void webappLogoutEndsTheOneSession() {
        Browser browser = new Browser(port);
        browser.login("sunyue", "demo");
        assertThat(browser.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
        String xsrf = xsrfCookie(browser);
        String origin = "http://localhost:" + port;
        HttpResponse<String> logout = browser.send(browser.request("/camunda/api/admin/auth/user/default/logout")
                .header("X-XSRF-TOKEN", xsrf).header("Origin", origin).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.statusCode()).isBetween(200, 204);
        assertThat(browser.get("/projects").statusCode()).isEqualTo(302);
        // The webapp, still open, can log in again through its own form.
        assertThat(webappLogin(browser, "sunyue", "demo").statusCode()).isEqualTo(200);
        assertThat(browser.get("/projects").statusCode()).isEqualTo(200);
    }

    @Test
    void pagesCarrySecurityHeaders() {
        HttpResponse<String> page = new Browser(port).get("/login");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        HttpResponse<String> api = new Browser(port).get("/api/projects");
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    /** What the webapp's own login view does: ask who is logged in (gets Camunda's CSRF cookie), then post the form. */
    private HttpResponse<String> webappLogin(Browser browser, String user, String password) {
        assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(404);
        String xsrf = xsrfCookie(browser);
        String origin = "http://localhost:" + port;
        return browser.send(browser.request("/camunda/api/admin/auth/user/default/login/tasklist")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", xsrf)
                .header("Origin", origin)
                .header("Referer", origin + "/camunda/app/tasklist/default/")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)));
    }

    private static String xsrfCookie(Browser browser) {
        return browser.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    private HttpResponse<String> deploy(Browser client, String name) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(name).camundaHistoryTimeToLive(1).startEvent().endEvent().done();
        return client.deploy(name, name + ".bpmn", Bpmn.convertToString(model));
    }
}
