package org.zhaoshang.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.zhaoshang.agreement.AgreementRecords;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.review.ReviewProcess;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One unit's officer against another unit's cases, through every way in: every Spring MVC mapping of the
 * app (read from the running application, so a new controller is swept without editing this test), every
 * operation of Camunda's REST API (its own OpenAPI description) and the webapps' engine API. The other
 * unit's project, review task, process instance, variables, timers, agreement and evidence file are the
 * path parameters. Reads must not show the other unit's project (its name, investor or code); writes must
 * change nothing of it. The same reads by the owning unit do show it, so the sweep is not vacuous.
 */
@IntegrationTest
class UnitIsolationIT {

    /** 李娜, 东丽经开区 (unit-park-dongli-eco): owns the cases. */
    private static final String OWNER = "lina";
    /** 周晓宇, 金钟街道 (unit-street-jinzhong): another unit's officer, the intruder. */
    private static final String OUTSIDER = "zhouxiaoyu";
    private static final Set<String> WRITES = Set.of("post", "put", "delete", "patch");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ProjectService projects;
    @Autowired
    AgreementRecords agreements;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping appMappings;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aUnitSeesNothingAndChangesNothingOfAnotherUnitsCasesThroughAnyApi() throws Exception {
        Fixture cases = fixture();
        Map<String, Object> before = snapshot(cases);
        Sweep outsider = new Sweep(cases);
        Browser outsiderApi = Browser.basic(port, OUTSIDER, "demo");
        Browser outsiderSession = new Browser(port);
        outsiderSession.login(OUTSIDER, "demo");

        outsider.app(outsiderApi, outsiderSession, true);
        outsider.engine(outsiderApi, "/engine-rest", true, Map.of());
        Browser webapps = Browser.webapps(port, OUTSIDER);
        outsider.engine(webapps, "/camunda/api/engine/engine/default", false, webapps.webappHeaders());

        // Found by this sweep: Camunda counted a refused "execute job" as a failure of the job, so three calls used
        // up another unit's reminder timer. Only administrators execute jobs by hand now.
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(outsiderApi.postJson("/engine-rest/job/" + cases.job + "/execute", "").statusCode()).isEqualTo(403);
        }
        assertThat(engine.getManagementService().createJobQuery().jobId(cases.job).singleResult().getRetries()).isEqualTo(3);

        assertThat(outsider.calls).as("calls made").isGreaterThan(1_500);
        assertThat(outsider.leaks).as("answers that showed the other unit's case").isEmpty();
        assertThat(snapshot(cases)).as("the other unit's cases after the sweep; writes answered 2xx: " + outsider.accepted)
                .isEqualTo(before);

        // The same reads by the owning unit find the case, so an empty list above means refused, not absent.
        Sweep owner = new Sweep(cases);
        Browser ownerSession = new Browser(port);
        ownerSession.login(OWNER, "demo");
        Browser ownerApi = Browser.basic(port, OWNER, "demo");
        owner.app(ownerApi, ownerSession, false);
        owner.engine(ownerApi, "/engine-rest", false, Map.of());
        assertThat(owner.leaks).as("the owner's reads that show the case").hasSizeGreaterThan(10)
                .anyMatch(hit -> hit.startsWith("GET /api/projects/" + cases.reviewCode))
                .anyMatch(hit -> hit.startsWith("GET /api/evidence/"))
                .anyMatch(hit -> hit.startsWith("GET /engine-rest/task/" + cases.correctionTask));
    }

    // --- the other unit's cases ---------------------------------------------------------------------

    /** What the sweep substitutes into path parameters, and what must never show in an outsider's answer. */
    record Fixture(String marker, String reviewCode, String processInstance, String correctionTask, String precheckTask,
            String variableInstance, String job, String agreementCode, String agreementId, String milestoneId, String evidenceId) {

        List<String> engineIds() {
            return List.of(processInstance, correctionTask, precheckTask, variableInstance, job);
        }

        List<String> secrets() {
            return List.of(marker, reviewCode, agreementCode);
        }
    }

    private Fixture fixture() throws Exception {
        String marker = "隔离" + UUID.randomUUID().toString().substring(0, 8);
        // A review sent back to the unit by the pre-check: the unit's own task, timers, variables, history.
        HttpResponse<String> started = Browser.basic(port, OWNER, "demo").postJson(
                "/engine-rest/process-definition/key/project-review/submit-form",
                Tasks.reviewStartForm(marker + "生物医药项目", "BIOMEDICINE", 7600, 0));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String pi = json.readTree(started.body()).get("id").asText();
        String code = json.readTree(started.body()).get("businessKey").asText();
        Tasks.completeAs(engine, pi, ReviewProcess.TASK_PRECHECK, "huangtao",
                Map.of("precheckDecision", "RETURN", "precheckComment", marker + "缺营业执照"));
        Task correction = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
        assertThat(correction.getTaskDefinitionKey()).isEqualTo("UserTask_CorrectProject");
        String precheck = engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pi)
                .taskDefinitionKey(ReviewProcess.TASK_PRECHECK).singleResult().getId();
        String variable = engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(pi)
                .variableName("projectName").singleResult().getId();
        String job = engine.getManagementService().createJobQuery().processInstanceId(pi).list().get(0).getId();

        // A signed agreement with an evidence file on its milestone.
        StaffUser owner = new StaffUser(OWNER, "李娜", List.of("unit-park-dongli-eco"));
        String agreementCode = projects.register(new ProjectRegistration(marker + "协议项目", marker + "投资有限公司", "其他", "智能制造",
                new BigDecimal("6000"), null, BigDecimal.ZERO, "unit-park-dongli-eco", null, false, null, null, null), owner).code();
        projects.changeStage(agreementCode, ProjectStage.UNDER_REVIEW, "huangtao", "测试", null, null);
        projects.changeStage(agreementCode, ProjectStage.APPROVED, "huangtao", "测试", null, null);
        HttpResponse<String> agreement = Browser.basic(port, "yangmin", "demo").postJson("/api/projects/" + agreementCode + "/agreements", """
                {"agreementNo": "%s", "signedOn": "2026-11-01", "parties": "东丽区人民政府；%s投资有限公司", "totalInvestment": 6000,
                 "milestones": [{"type": "REGISTRATION", "targetValue": 1, "dueOn": "2027-03-31"}],
                 "incentives": [{"name": "落地奖励", "cap": 100, "unlockedBy": [1]}]}""".formatted(marker, marker));
        assertThat(agreement.statusCode()).as(agreement.body()).isEqualTo(201);
        long agreementId = json.readTree(agreement.body()).get("agreementId").asLong();
        long milestone = agreements.milestones(agreementId).get(0).id();
        HttpResponse<String> evidence = Browser.basic(port, OWNER, "demo").postMultipart("/api/milestones/" + milestone + "/evidence",
                Map.of("note", marker + "营业执照"), "file", marker + ".pdf", ("%PDF-1.4 " + marker).getBytes());
        assertThat(evidence.statusCode()).as(evidence.body()).isEqualTo(201);
        String evidenceId = json.readTree(evidence.body()).get("evidenceId").asText();
        return new Fixture(marker, code, pi, correction.getId(), precheck, variable, job, agreementCode, Long.toString(agreementId),
                Long.toString(milestone), evidenceId);
    }

    /** Everything of the two cases an API write could change, and the identity and deployment tables. */
    private Map<String, Object> snapshot(Fixture cases) {
        Map<String, Object> state = new TreeMap<>();
        String pi = cases.processInstance;
        state.put("instance", engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi).list().stream()
                .map(p -> p.getId() + " suspended=" + p.isSuspended()).toList());
        state.put("tasks", engine.getTaskService().createTaskQuery().processInstanceId(pi).list().stream()
                .map(t -> String.join("|", t.getId(), t.getTaskDefinitionKey(), t.getName(), String.valueOf(t.getAssignee()),
                        String.valueOf(t.getOwner()), String.valueOf(t.getDelegationState()), String.valueOf(t.getDueDate()),
                        String.valueOf(t.getFollowUpDate()), String.valueOf(t.getPriority()), String.valueOf(t.isSuspended())))
                .sorted().toList());
        state.put("variables", new TreeMap<>(engine.getRuntimeService().getVariables(pi)).toString());
        state.put("task variables", new TreeMap<>(engine.getTaskService().getVariablesLocal(cases.correctionTask)).toString());
        state.put("identity links", engine.getTaskService().getIdentityLinksForTask(cases.correctionTask).stream()
                .map(l -> l.getType() + ":" + l.getUserId() + ":" + l.getGroupId()).sorted().toList());
        state.put("comments", engine.getTaskService().getProcessInstanceComments(pi).size());
        state.put("attachments", engine.getTaskService().getProcessInstanceAttachments(pi).size());
        state.put("jobs", engine.getManagementService().createJobQuery().processInstanceId(pi).list().stream()
                .map(j -> j.getId() + "|" + j.getRetries() + "|" + j.getDuedate() + "|" + j.isSuspended()).sorted().toList());
        state.put("history tasks", engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pi).count());
        state.put("history variables", engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi).count());
        for (String sql : List.of(
                "SELECT COUNT(*) FROM ACT_ID_USER", "SELECT COUNT(*) FROM ACT_ID_GROUP", "SELECT COUNT(*) FROM ACT_ID_MEMBERSHIP",
                "SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION", "SELECT COUNT(*) FROM ACT_RE_DEPLOYMENT", "SELECT COUNT(*) FROM ACT_RU_FILTER",
                "SELECT COUNT(*) FROM ACT_RU_INCIDENT", "SELECT COUNT(*) FROM ACT_RU_BATCH")) {
            state.put(sql, jdbc.sql(sql).query(Long.class).single());
        }
        for (String code : List.of(cases.reviewCode, cases.agreementCode)) {
            state.put("project " + code, jdbc.sql("SELECT * FROM investment_project WHERE code = :c").param("c", code)
                    .query().listOfRows().toString());
            state.put("history " + code, jdbc.sql("SELECT COUNT(*) FROM project_history h JOIN investment_project p "
                    + "ON p.id = h.project_id WHERE p.code = :c").param("c", code).query(Long.class).single());
            state.put("handoffs " + code, jdbc.sql("SELECT COUNT(*) FROM project_handoff WHERE project_code = :c")
                    .param("c", code).query(Long.class).single());
            state.put("key project " + code, jdbc.sql("SELECT COUNT(*) FROM key_project_lead WHERE project_code = :c")
                    .param("c", code).query(Long.class).single());
        }
        long agreement = Long.parseLong(cases.agreementId);
        state.put("agreement", jdbc.sql("SELECT * FROM agreement WHERE id = :a").param("a", agreement).query().listOfRows().toString());
        state.put("milestones", jdbc.sql("SELECT * FROM agreement_milestone WHERE agreement_id = :a ORDER BY id").param("a", agreement)
                .query().listOfRows().toString());
        state.put("payments", jdbc.sql("SELECT COUNT(*) FROM incentive_payment p JOIN agreement_incentive i ON i.id = p.incentive_id "
                + "WHERE i.agreement_id = :a").param("a", agreement).query(Long.class).single());
        state.put("evidence", jdbc.sql("SELECT COUNT(*) FROM milestone_evidence WHERE milestone_id = :m")
                .param("m", Long.parseLong(cases.milestoneId)).query(Long.class).single());
        for (String table : List.of("task_operation", "task_copy", "task_urge")) {
            state.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE task_id IN (:t)")
                    .param("t", List.of(cases.correctionTask, cases.precheckTask)).query(Long.class).single());
        }
        return state;
    }

    // --- the sweep ----------------------------------------------------------------------------------

    /** Calls every way in with the fixture's identifiers; records answers that show the case and writes accepted. */
    final class Sweep {

        final Fixture cases;
        final List<String> leaks = new ArrayList<>();
        final List<String> accepted = new ArrayList<>();
        int calls;

        Sweep(Fixture cases) {
            this.cases = cases;
        }

        /** Every mapping of the app: API calls with HTTP Basic, pages with a logged-in session. */
        void app(Browser api, Browser session, boolean writes) {
            appMappings.getHandlerMethods().forEach((info, handler) -> {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (Set.of("/login", "/error").contains(pattern)) {
                        continue;
                    }
                    for (String path : concreteAppPaths(pattern)) {
                        for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                            boolean write = method != RequestMethod.GET && method != RequestMethod.HEAD;
                            if (write && !writes) {
                                continue;
                            }
                            Browser client = path.startsWith("/api/") ? api : session;
                            Map<String, String> headers = path.startsWith("/api/") ? Map.of() : Map.of("X-CSRF-TOKEN", csrf(session));
                            call(client, method.name(), path, write, headers);
                        }
                    }
                }
            });
            // Lists and figures that take their subject from the query string.
            for (String query : List.of("/api/projects?stage=UNDER_REVIEW", "/api/projects?unit=unit-park-dongli-eco",
                    "/api/dashboard/overdue?process=project-review&taskKey=UserTask_CorrectProject",
                    "/api/dashboard/bottlenecks?process=project-review&groupBy=hostUnit", "/projects?unit=unit-park-dongli-eco",
                    "/tasks/done", "/tasks/started", "/tasks/copies", "/api/me/copies")) {
                call(query.startsWith("/api/") ? api : session, "GET", query, false, Map.of());
            }
        }

        /** Every operation of Camunda's REST API under {@code prefix}, once per identifier of the case. */
        void engine(Browser client, String prefix, boolean writes, Map<String, String> headers) throws Exception {
            JsonNode paths;
            try (InputStream in = getClass().getResourceAsStream("/openapi.json")) {
                paths = json.readTree(in).path("paths");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = it.next();
                String template = operation.getKey();
                for (Iterator<String> methods = operation.getValue().fieldNames(); methods.hasNext(); ) {
                    String method = methods.next();
                    boolean write = WRITES.contains(method);
                    boolean query = "post".equals(method) && operation.getValue().path(method).path("operationId").asText().startsWith("query");
                    if (!method.equals("get") && !(write && writes) && !query) {
                        continue;
                    }
                    List<String> ids = template.contains("{") ? cases.engineIds() : List.of("");
                    for (String id : ids) {
                        String path = PATH_VARIABLE.matcher(template).replaceAll(match -> switch (match.group(1)) {
                            case "varName" -> "projectName";
                            case "key" -> ReviewProcess.PROCESS_KEY;
                            default -> Matcher.quoteReplacement(id);
                        });
                        // A page size for every list (queryMaxResultsLimit refuses lists without one).
                        call(client, method.toUpperCase(), prefix + path + "?firstResult=0&maxResults=2000", write && !query, headers);
                    }
                }
            }
        }

        private String csrfToken;

        private String csrf(Browser session) {
            if (csrfToken == null) {
                csrfToken = session.csrfToken();
            }
            return csrfToken;
        }

        private List<String> concreteAppPaths(String pattern) {
            List<String> paths = new ArrayList<>(List.of(pattern.replace("/**", "/x")));
            Matcher variable = PATH_VARIABLE.matcher(pattern);
            while (variable.find()) {
                List<String> values = switch (variable.group(1)) {
                    case "code" -> List.of(cases.reviewCode, cases.agreementCode);
                    case "taskId" -> List.of(cases.correctionTask, cases.precheckTask);
                    case "id" -> List.of(cases.agreementId, cases.milestoneId, cases.evidenceId);
                    case "taskKey" -> List.of("UserTask_CorrectProject");
                    default -> List.of("1");
                };
                List<String> next = new ArrayList<>();
                for (String path : paths) {
                    for (String value : values) {
                        next.add(path.replace(variable.group(), value));
                    }
                }
                paths = next;
            }
            return paths;
        }

        private void call(Browser client, String method, String path, boolean write, Map<String, String> headers) {
            HttpRequest.Builder request = client.request(path).header("Content-Type", "application/json").header("Accept", "application/json");
            headers.forEach(request::setHeader);
            HttpResponse<String> response = client.send(request.method(method, "GET".equals(method) || "DELETE".equals(method)
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}")));
            calls++;
            String body = response.body() == null ? "" : response.body();
            if (!write) {
                // The case's name (the marker) must never show; its code only in a refusal that repeats the request.
                for (String secret : cases.secrets()) {
                    boolean echo = response.statusCode() >= 400 && path.contains(secret) && !secret.equals(cases.marker);
                    if (body.contains(secret) && !echo) {
                        leaks.add(method + " " + path + " → " + response.statusCode() + ": " + excerpt(body, secret));
                        break;
                    }
                }
            } else if (response.statusCode() < 300) {
                accepted.add(method + " " + path + " → " + response.statusCode());
            }
        }
    }

    private static String excerpt(String body, String secret) {
        int at = body.indexOf(secret);
        return body.substring(Math.max(0, at - 80), Math.min(body.length(), at + 80));
    }
}
