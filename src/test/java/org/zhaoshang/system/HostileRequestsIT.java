package org.zhaoshang.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an attacker or a careless client would try against the running application: every engine REST
 * operation without credentials, expressions smuggled into nested task queries, models that carry code,
 * the Admin webapp's first-run setup, Java-serialized variables, two people completing one task at once.
 * Results are listed in docs/reliability.md.
 */
@IntegrationTest
class HostileRequestsIT {

    private static final String PROCESS = "it-hostile-requests";
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "options");

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    IdentityService identityService;
    @Autowired
    FilterService filterService;
    @Autowired
    ManagementService managementService;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping appMappings;
    @Autowired
    ObjectMapper json;

    @TempDir
    Path temp;

    @BeforeEach
    void deployTwoStepProcess() {
        if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS).count() == 0) {
            repositoryService.createDeployment().name(PROCESS).addModelInstance(PROCESS + ".bpmn",
                    Bpmn.createExecutableProcess(PROCESS).name("安全测试流程").camundaHistoryTimeToLive(1).startEvent()
                            .userTask("UserTask_First").name("第一步").camundaCandidateGroups(GroupIds.HUANBAO)
                            .userTask("UserTask_Second").name("第二步").camundaCandidateGroups(GroupIds.HUANBAO)
                            .endEvent().done()).deploy();
        }
    }

    // --- nothing without credentials ------------------------------------------------------------------

    @Test
    void everyOperationOfTheEngineRestApiWithoutCredentialsIs401AndChangesNothing() throws Exception {
        JsonNode paths;
        try (InputStream in = getClass().getResourceAsStream("/openapi.json")) {
            assertThat(in).as("Camunda's OpenAPI description (camunda-engine-rest-openapi)").isNotNull();
            paths = json.readTree(in).path("paths");
        }
        Map<String, Long> before = counts();
        Browser anonymous = new Browser(port);
        List<String> open = new ArrayList<>();
        int calls = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (!METHODS.contains(method)) {
                    continue;
                }
                for (String prefix : List.of("/engine-rest", "/engine-rest/engine/default", "/camunda/api/engine/engine/default")) {
                    HttpResponse<String> response = anonymous.send(anonymous.request(prefix + concrete)
                            .header("Content-Type", "application/json")
                            .method(method.toUpperCase(), method.equals("get") || method.equals("delete") || method.equals("options")
                                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}")));
                    calls++;
                    if (response.statusCode() != 401) {
                        open.add(method.toUpperCase() + " " + prefix + concrete + " → " + response.statusCode());
                    }
                }
            }
        }
        assertThat(calls).as("operations of the 7.24 REST API, three ways in").isGreaterThan(1000);
        assertThat(open).isEmpty();
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void everyEndpointOfTheAppWithoutLoginIs401OrTheLoginPage() {
        Map<String, Long> before = counts();
        Browser anonymous = new Browser(port);
        List<String> open = new ArrayList<>();
        appMappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> patterns = info.getPatternValues();
            Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : patterns) {
                String path = pattern.replaceAll("\\{[^}]+}", "x").replace("/**", "/x");
                if (Set.of("/login", "/error").contains(path)) {
                    continue;
                }
                for (var method : methods.isEmpty() ? Set.of(org.springframework.web.bind.annotation.RequestMethod.GET) : methods) {
                    HttpResponse<String> response = anonymous.send(anonymous.request(path).header("Content-Type", "application/json")
                            .method(method.name(), method.name().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString("{}")));
                    boolean refused = path.startsWith("/api/")
                            ? response.statusCode() == 401
                            : response.statusCode() == 401 || response.statusCode() == 403 || (response.statusCode() == 302
                                    && response.headers().firstValue("Location").orElse("").endsWith("/login"));
                    if (!refused) {
                        open.add(method + " " + path + " → " + response.statusCode());
                    }
                }
            }
        });
        assertThat(open).isEmpty();
        assertThat(counts()).isEqualTo(before);
    }

    // --- processes the application starts -----------------------------------------------------------

    @Test
    void aProcessTheApplicationStartsCannotBeStartedThroughTheEngineApis() throws Exception {
        List<String> appStarted = List.of("agreement-follow-up", "project-handoff", "key-project-lead", "extra-opinion", "monthly-briefing");
        Map<String, Long> before = new java.util.HashMap<>();
        appStarted.forEach(key -> before.put(key, historyService.createHistoricProcessInstanceQuery().processDefinitionKey(key).count()));
        Browser officer = Browser.basic(port, "zhouxiaoyu", "demo");
        String handoffId = repositoryService.createProcessDefinitionQuery().processDefinitionKey("project-handoff").latestVersion().singleResult()
                .getId();
        List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        for (String key : appStarted) {
            answers.add(officer.postJson("/engine-rest/process-definition/key/" + key + "/start", "{\"variables\":{}}"));
            answers.add(officer.postJson("/engine-rest/engine/default/process-definition/key/" + key + "/submit-form", "{\"variables\":{}}"));
        }
        // by id, with the id's colons encoded as a browser may send them
        answers.add(officer.postJson("/engine-rest/process-definition/" + handoffId.replace(":", "%3A") + "/start", "{}"));
        answers.add(officer.postJson("/engine-rest/process-definition/" + handoffId + "/submit-form", "{}"));
        // by the message of its start event
        answers.add(officer.postJson("/engine-rest/message", "{\"messageName\":\"HandoffRequested\",\"businessKey\":\"ZS-X\"}"));
        answers.add(officer.postJson("/engine-rest/message", "{\"messageName\":\"KeyProjectLeadRequested\"}"));
        Browser webapps = Browser.webapps(port, "zhouxiaoyu");
        answers.add(webapps.postJson("/camunda/api/engine/engine/default/process-definition/key/agreement-follow-up/start", "{}",
                webapps.webappHeaders()));
        answers.add(webapps.postJson("/camunda/api/engine/engine/default/message", "{\"messageName\":\"HandoffRequested\"}",
                webapps.webappHeaders()));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(403);
            assertThat(json.readTree(answer.body()).path("message").asText()).contains("不能通过接口直接发起");
        });
        appStarted.forEach(key -> assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(key).count())
                .as(key).isEqualTo(before.get(key)));

        // A process people start in Tasklist (here the test's own) still starts through the API.
        HttpResponse<String> own = Browser.basic(port, "caoli", "demo").postJson("/engine-rest/process-definition/key/" + PROCESS + "/start", "{}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        runtimeService.deleteProcessInstance(json.readTree(own.body()).path("id").asText(), "test");
    }

    // --- expression injection -----------------------------------------------------------------------

    @Test
    void anExpressionInANestedOrQueryIsRefusedBeforeItRunsThroughEveryWayIn() throws Exception {
        Path marker = temp.resolve("or-query-ran");
        String payload = orQuery(marker);

        HttpResponse<String> rest = Browser.basic(port, "caoli", "demo").postJson("/engine-rest/task?maxResults=50", payload);
        assertRefused(rest, marker);
        assertRefused(Browser.basic(port, "caoli", "demo").postJson("/engine-rest/task/count", payload), marker);

        Browser tasklist = Browser.webapps(port, "caoli");
        HttpResponse<String> webapp = tasklist.postJson("/camunda/api/engine/engine/default/task?maxResults=50", payload, tasklist.webappHeaders());
        assertRefused(webapp, marker);

        String filterId = filterService.createFilterQuery().filterName("本部门待办").singleResult().getId();
        assertRefused(Browser.basic(port, "caoli", "demo").postJson("/engine-rest/filter/" + filterId + "/list?maxResults=50", payload), marker);
        assertRefused(tasklist.postJson("/camunda/api/engine/engine/default/filter/" + filterId + "/count", payload,
                tasklist.webappHeaders()), marker);

        // The same query without the expression still works: the guard refuses only what it must.
        HttpResponse<String> plain = Browser.basic(port, "caoli", "demo").postJson("/engine-rest/task?maxResults=50",
                "{\"orQueries\":[{\"candidateGroup\":\"dept-huanbao\"},{\"assignee\":\"caoli\"}]}");
        assertThat(plain.statusCode()).isEqualTo(200);
    }

    @Test
    void aSavedFilterMayUseOnlyTasklistsDateAndUserHelpers() throws Exception {
        Path marker = temp.resolve("stored-query-ran");
        long filters = filterService.createFilterQuery().count();
        Browser admin = Browser.basic(port, "admin", "demo");
        HttpResponse<String> evil = admin.postJson("/engine-rest/filter/create", "{\"resourceType\":\"Task\",\"name\":\"恶意过滤器\","
                + "\"query\":{\"orQueries\":[{\"assigneeExpression\":\"" + exec(marker) + "\"}]}}");
        assertRefused(evil, marker);
        HttpResponse<String> topLevel = admin.postJson("/engine-rest/filter/create", "{\"resourceType\":\"Task\",\"name\":\"恶意过滤器\","
                + "\"query\":{\"assigneeExpression\":\"" + exec(marker) + "\"}}");
        assertRefused(topLevel, marker);
        assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);

        HttpResponse<String> helpers = admin.postJson("/engine-rest/filter/create", "{\"resourceType\":\"Task\",\"name\":\"明天到期\","
                + "\"query\":{\"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\"},"
                + "{\"dueBeforeExpression\":\"${dateTime().plusDays(1).toDate()}\"}]}}");
        assertThat(helpers.statusCode()).as(helpers.body()).isEqualTo(200);
        String id = json.readTree(helpers.body()).path("id").asText();
        assertThat(admin.get("/engine-rest/filter/" + id + "/count").statusCode()).isEqualTo(200);
        filterService.deleteFilter(id);
    }

    // --- models that carry code ---------------------------------------------------------------------

    @Test
    void modelsThatWouldRunTheirOwnCodeAreRefusedAtDeployment() {
        long deployments = repositoryService.createDeploymentQuery().count();
        Browser admin = Browser.basic(port, "admin", "demo");
        Map<String, String> unsafe = org.zhaoshang.support.HostileModels.unsafeElements();
        unsafe.forEach((finding, element) -> {
            HttpResponse<String> response = admin.deploy("it-unsafe", "it-unsafe.bpmn", org.zhaoshang.support.HostileModels.process(element));
            assertThat(response.statusCode()).as(finding + ": " + response.body()).isEqualTo(400);
            assertThat(message(response)).contains("模型不允许部署").contains(finding);
        });
        HttpResponse<String> cmmn = admin.deploy("it-unsafe", "it-case.cmmn", "<definitions xmlns=\"http://www.omg.org/spec/CMMN/20151109/MODEL\" "
                + "targetNamespace=\"x\"><case id=\"Case_X\"><casePlanModel id=\"Plan_X\"/></case></definitions>");
        assertThat(cmmn.statusCode()).isEqualTo(400);
        assertThat(cmmn.body()).contains("CMMN");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void modelsAndFormsNestedAbsurdlyDeepAreRefusedInChineseNotWithAStackOverflow() {
        long deployments = repositoryService.createDeploymentQuery().count();
        Browser admin = Browser.basic(port, "admin", "demo");
        int levels = 100_000;
        HttpResponse<String> form = admin.deploy("it-deep", "it-deep.form",
                "{\"id\": \"it-deep\", \"components\": " + "[".repeat(levels) + "]".repeat(levels) + "}");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(400);
        assertThat(message(form)).contains("模型无法部署", "it-deep.form：表单嵌套超过 100 层");
        HttpResponse<String> bpmn = admin.deploy("it-deep", "it-deep.bpmn", org.zhaoshang.support.HostileModels.process(
                "<bpmn:documentation>" + "<x:e xmlns:x=\"urn:deep\">".repeat(levels) + "</x:e>".repeat(levels) + "</bpmn:documentation>"));
        assertThat(bpmn.statusCode()).as(bpmn.body()).isEqualTo(400);
        assertThat(message(bpmn)).contains("it-deep.bpmn 第 1 行：元素嵌套超过 200 层");
        HttpResponse<String> broken = admin.deploy("it-deep", "it-broken.form", "{\"id\": \"it-broken\", \"components\": [");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(message(broken)).contains("it-broken.form：不是格式正确的表单（JSON）");
        assertThat(repositoryService.createDeploymentQuery().count()).as("nothing deployed").isEqualTo(deployments);
    }

    // --- Admin's first-run setup --------------------------------------------------------------------

    @Test
    void adminsFirstRunSetupNeverCreatesAUserEvenWhenTheAdministratorsGroupIsEmpty() {
        List<User> administrators = identityService.createUserQuery().memberOfGroup(GroupIds.ADMIN).list();
        administrators.forEach(user -> identityService.deleteMembership(user.getId(), GroupIds.ADMIN));
        try {
            String body = "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"入\",\"lastName\":\"侵\",\"email\":\"x@example.org\"},"
                    + "\"credentials\":{\"password\":\"Intruder-2026-long\"}}";
            Browser anonymous = new Browser(port);
            anonymous.get("/camunda/api/admin/auth/user/default");
            HttpResponse<String> anonymousCall = anonymous.postJson("/camunda/api/admin/setup/default/user/create", body,
                    anonymous.webappHeaders());
            assertThat(anonymousCall.statusCode()).isIn(401, 403);
            // With nobody in camunda-admin the webapps send everyone to that setup page, which stays closed.
            Browser reviewer = new Browser(port);
            reviewer.login("caoli", "demo");
            assertThat(reviewer.get("/camunda/app/admin/default/setup/").statusCode()).isEqualTo(403);
            reviewer.get("/camunda/api/admin/auth/user/default");
            HttpResponse<String> loggedIn = reviewer.postJson("/camunda/api/admin/setup/default/user/create", body, reviewer.webappHeaders());
            assertThat(loggedIn.statusCode()).isEqualTo(403);
            assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
            assertThat(identityService.createUserQuery().memberOfGroup(GroupIds.ADMIN).count()).isZero();
        } finally {
            administrators.forEach(user -> identityService.createMembership(user.getId(), GroupIds.ADMIN));
        }
    }

    // --- guessing passwords -------------------------------------------------------------------------

    @Test
    void aWrongPasswordLocksTheAccountForAFewSecondsEvenAgainstTheRightOne() throws Exception {
        userWithPassword("it-throttled", "Right-Password-1");
        try {
            assertThat(Browser.basic(port, "it-throttled", "wrong-guess").get("/api/projects").statusCode()).isEqualTo(401);
            // Camunda's login throttling (3 s after the first failure, doubling, 10 failures lock the account).
            assertThat(Browser.basic(port, "it-throttled", "Right-Password-1").get("/api/projects").statusCode())
                    .as("the right password right after a wrong one").isEqualTo(401);
            Browser form = new Browser(port);
            assertThat(form.login("it-throttled", "Right-Password-1").headers().firstValue("Location").orElse("")).endsWith("/login?error");
            Thread.sleep(3_500);
            assertThat(Browser.basic(port, "it-throttled", "Right-Password-1").get("/engine-rest/task?maxResults=50").statusCode()).isEqualTo(200);
        } finally {
            identityService.deleteUser("it-throttled");
        }
    }

    @Test
    void theTenthWrongPasswordLocksTheAccountUntilAnAdministratorUnlocksIt() throws Exception {
        userWithPassword("it-locked", "Right-Password-1");
        try {
            // Nine failures already counted: otherwise the test would sit out Camunda's doubling delays (3 s … 60 s).
            jdbc.sql("UPDATE ACT_ID_USER SET ATTEMPTS_ = 9, LOCK_EXP_TIME_ = NULL WHERE ID_ = 'it-locked'").update();
            assertThat(Browser.basic(port, "it-locked", "tenth-guess").get("/api/projects").statusCode()).isEqualTo(401);
            // The time lock of the tenth failure expired: what remains is the lock-out itself.
            jdbc.sql("UPDATE ACT_ID_USER SET LOCK_EXP_TIME_ = ? WHERE ID_ = 'it-locked'")
                    .param(java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600))).update();
            assertThat(Browser.basic(port, "it-locked", "Right-Password-1").get("/api/projects").statusCode()).isEqualTo(401);
            Browser form = new Browser(port);
            assertThat(form.login("it-locked", "Right-Password-1").headers().firstValue("Location").orElse("")).endsWith("/login?locked");
            assertThat(form.get("/login?locked").body()).contains("账号已锁定").contains("联系系统管理员");

            // Only an administrator unlocks it.
            assertThat(Browser.basic(port, "caoli", "demo").postJson("/engine-rest/user/it-locked/unlock", "").statusCode()).isEqualTo(403);
            assertThat(Browser.basic(port, "it-locked", "Right-Password-1").get("/api/projects").statusCode()).isEqualTo(401);
            assertThat(Browser.basic(port, "admin", "demo").postJson("/engine-rest/user/it-locked/unlock", "").statusCode()).isEqualTo(204);
            assertThat(Browser.basic(port, "it-locked", "Right-Password-1").get("/api/projects").statusCode()).isEqualTo(200);
            assertThat(jdbc.sql("SELECT ATTEMPTS_ FROM ACT_ID_USER WHERE ID_ = 'it-locked'").query(Integer.class).single()).isZero();
        } finally {
            identityService.deleteUser("it-locked");
        }
    }

    // --- result limits ------------------------------------------------------------------------------

    @Test
    void noListAnswersWithoutAPageSizeOrWithMoreThanTwoThousandRows() throws Exception {
        Browser reviewer = Browser.basic(port, "caoli", "demo");
        for (String unbounded : List.of("/engine-rest/task", "/engine-rest/history/task", "/engine-rest/process-instance",
                "/engine-rest/history/process-instance", "/engine-rest/history/variable-instance", "/engine-rest/deployment")) {
            HttpResponse<String> response = reviewer.get(unbounded);
            assertThat(response.statusCode()).as(unbounded + ": " + response.body()).isEqualTo(400);
            assertThat(json.readTree(response.body()).path("message").asText()).as(unbounded).contains("必须分页").contains("2000");
            HttpResponse<String> tooMany = reviewer.get(unbounded + "?firstResult=0&maxResults=2001");
            assertThat(tooMany.statusCode()).as(unbounded).isEqualTo(400);
            assertThat(json.readTree(tooMany.body()).path("message").asText()).contains("每页最多 2000 条");
            assertThat(reviewer.get(unbounded + "?firstResult=0&maxResults=2000").statusCode()).as(unbounded).isEqualTo(200);
        }
        // A query posted as JSON is limited the same way; counts need no page.
        assertThat(reviewer.postJson("/engine-rest/task", "{\"candidateGroup\":\"dept-huanbao\"}").statusCode()).isEqualTo(400);
        assertThat(reviewer.postJson("/engine-rest/task?maxResults=5000", "{}").statusCode()).isEqualTo(400);
        assertThat(reviewer.get("/engine-rest/task/count").statusCode()).isEqualTo(200);
        // The webapps' engine API (what Tasklist and Cockpit call) has the same limit.
        Browser tasklist = Browser.webapps(port, "caoli");
        HttpResponse<String> webapp = tasklist.postJson("/camunda/api/engine/engine/default/task?firstResult=0&maxResults=2001",
                "{}", tasklist.webappHeaders());
        assertThat(webapp.statusCode()).isEqualTo(400);
        assertThat(tasklist.postJson("/camunda/api/engine/engine/default/task?firstResult=0&maxResults=15", "{}",
                tasklist.webappHeaders()).statusCode()).isEqualTo(200);
    }

    // --- request size -------------------------------------------------------------------------------

    @Test
    void aBodyLargerThanAnyFormNeedsIsRefusedBeforeAnythingReadsIt() throws Exception {
        Map<String, Long> before = counts();
        String huge = "{\"name\":\"" + "大".repeat(1_100_000) + "\"}"; // 3.3 MB of UTF-8
        Browser officer = Browser.basic(port, "zhouxiaoyu", "demo");
        HttpResponse<String> declared = officer.postJson("/api/projects", huge);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json.readTree(declared.body()).path("message").asText()).contains("请求内容过大").contains("2 MB");
        // Sent without a length (chunked): read up to the limit, then refused the same way.
        HttpResponse<String> chunked = officer.send(officer.request("/engine-rest/task/x/complete").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(counts()).isEqualTo(before);
        // Below the limit a chunked body reaches the API whole: here a registration refused for its content, not its size.
        String large = "{\"name\":\"" + "大".repeat(500_000) + "\"}";
        HttpResponse<String> whole = officer.send(officer.request("/api/projects").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        large.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(400);
        assertThat(counts()).isEqualTo(before);
    }

    // --- variables ----------------------------------------------------------------------------------

    @Test
    void javaSerializedVariablesAreRefused() throws Exception {
        String instance = runtimeService.startProcessInstanceByKey(PROCESS).getId();
        Browser admin = Browser.basic(port, "admin", "demo");
        HttpResponse<String> response = admin.send(admin.request("/engine-rest/process-instance/" + instance + "/variables/evil")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"rO0ABXQAA2FiYw==\",\"type\":\"Object\",\"valueInfo\":"
                        + "{\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":\"application/x-java-serialized-object\"}}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(runtimeService.getVariable(instance, "evil")).isNull();
        // An object as JSON names the class Jackson builds (calling its setters) when the variable is read
        // deserialized; the probe's setter creates a file, as a gadget class would act: refused when written.
        Path marker = temp.resolve("deserialized");
        String probe = org.zhaoshang.support.DeserializationProbe.class.getName();
        String gadget = "{\"value\":\"{\\\"file\\\":\\\"" + marker + "\\\"}\",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":"
                + "\"" + probe + "\",\"serializationDataFormat\":\"application/json\"}}";
        HttpResponse<String> asJson = admin.send(admin.request("/engine-rest/process-instance/" + instance + "/variables/evil")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(gadget)));
        assertThat(asJson.statusCode()).as(asJson.body()).isEqualTo(400);
        assertThat(json.readTree(asJson.body()).path("message").asText()).contains("不允许的对象类型「" + probe + "」");
        assertThat(admin.postJson("/engine-rest/process-instance/" + instance + "/variables",
                "{\"modifications\":{\"evil\":" + gadget + "}}").statusCode()).isEqualTo(400);
        assertThat(runtimeService.getVariable(instance, "evil")).isNull();
        // Stored some other way (an upload, an older version): reading it deserialized still builds nothing.
        runtimeService.setVariable(instance, "evil", org.camunda.bpm.engine.variable.Variables.serializedObjectValue(
                "{\"file\":\"" + marker + "\"}").serializationDataFormat("application/json").objectTypeName(probe).create());
        HttpResponse<String> read = admin.get("/engine-rest/process-instance/" + instance + "/variables/evil");
        assertThat(read.statusCode()).as(read.body()).isGreaterThanOrEqualTo(400);
        assertThat(marker).as("the class was instantiated").doesNotExist();
        // Allowed types still work: a list as JSON.
        assertThat(admin.send(admin.request("/engine-rest/process-instance/" + instance + "/variables/list")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"[1,2]\",\"type\":\"Object\","
                        + "\"valueInfo\":{\"objectTypeName\":\"java.util.ArrayList\",\"serializationDataFormat\":\"application/json\"}}")))
                .statusCode()).isEqualTo(204);
        assertThat(runtimeService.getVariable(instance, "list")).isEqualTo(List.of(1, 2));
        runtimeService.deleteProcessInstance(instance, "test");
    }

    // --- page addresses -----------------------------------------------------------------------------

    @Test
    void aPageAddressWithTextWhereItsNumberBelongsIsAChinesePageNotFound() {
        Browser leader = new Browser(port);
        leader.login("wangfang", "demo");
        HttpResponse<String> page = leader.get("/briefings/2026-06");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("页面不存在：地址中的编号「2026-06」有误");
    }

    // --- two people, one task -----------------------------------------------------------------------

    @Test
    void twoPeopleCompletingTheSameTaskAtOnceGiveOneCompletionAndOneClearConflict() throws Exception {
        Browser fenggang = Browser.basic(port, "fenggang", "demo");
        Browser caoli = Browser.basic(port, "caoli", "demo");
        for (int round = 0; round < 20; round++) {
            String instance = runtimeService.startProcessInstanceByKey(PROCESS).getId();
            String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> complete(fenggang, task, together));
            CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> complete(caoli, task, together));
            List<HttpResponse<String>> responses = List.of(first.get(), second.get());

            assertThat(responses).as("round " + round).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(204, 409);
            HttpResponse<String> conflict = responses.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            assertThat(json.readTree(conflict.body()).path("message").asText()).contains("已被他人办理");
            List<Task> open = taskService.createTaskQuery().processInstanceId(instance).list();
            assertThat(open).extracting(Task::getTaskDefinitionKey).containsExactly("UserTask_Second");
            assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(instance)
                    .taskDefinitionKey("UserTask_First").finished().count()).isEqualTo(1);
            assertThat(org.zhaoshang.support.Invariants.violations(org.zhaoshang.support.Invariants.sql(jdbc), instance)).isEmpty();
            runtimeService.deleteProcessInstance(instance, "test");
        }
    }

    private HttpResponse<String> complete(Browser user, String task, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return user.postJson("/engine-rest/task/" + task + "/complete", "{}");
    }

    // --- helpers ------------------------------------------------------------------------------------

    private void userWithPassword(String id, String password) {
        User user = identityService.newUser(id);
        user.setFirstName("试");
        user.setLastName("测");
        user.setPassword(password);
        identityService.saveUser(user);
    }

    private void assertRefused(HttpResponse<String> response, Path marker) throws Exception {
        Thread.sleep(300); // a started command needs a moment to write the file
        assertThat(marker).as("the expression ran on the server").doesNotExist();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("message").asText()).contains("不允许");
    }

    /** A task query whose second or-branch carries an expression that would create {@code marker} when evaluated. */
    private static String orQuery(Path marker) {
        return "{\"orQueries\":[{\"candidateGroup\":\"dept-huanbao\"},{\"assigneeExpression\":\"" + exec(marker) + "\"}]}";
    }

    /** Creates the file by reflection; any class and constructor would do, this one needs no varargs array. */
    private static String exec(Path marker) {
        return "${''.getClass().forName('java.io.FileOutputStream').getConstructor(''.getClass()).newInstance('" + marker + "')}";
    }

    private String message(HttpResponse<String> response) {
        try {
            return json.readTree(response.body()).path("message").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(response.body(), e);
        }
    }

    /** Rows that any state change through the API would touch. */
    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("deployments", repositoryService.createDeploymentQuery().count());
        counts.put("process instances", runtimeService.createProcessInstanceQuery().count());
        counts.put("tasks", taskService.createTaskQuery().count());
        counts.put("jobs", managementService.createJobQuery().count());
        counts.put("users", identityService.createUserQuery().count());
        counts.put("groups", identityService.createGroupQuery().count());
        counts.put("filters", filterService.createFilterQuery().count());
        counts.put("authorizations", jdbc.sql("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION").query(Long.class).single());
        counts.put("variables", jdbc.sql("SELECT COUNT(*) FROM ACT_RU_VARIABLE").query(Long.class).single());
        counts.put("projects", jdbc.sql("SELECT COUNT(*) FROM investment_project").query(Long.class).single());
        counts.put("outbox", jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Long.class).single());
        return counts;
    }
}
