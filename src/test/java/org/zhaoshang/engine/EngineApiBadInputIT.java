package org.zhaoshang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.DatabaseSnapshot;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bad input through every write of Camunda's REST API, generated from the API's own OpenAPI description, under
 * {@code /engine-rest} (HTTP Basic) and through the webapps' engine API (a Cockpit session with its CSRF token),
 * as the administrator, who may reach every operation. The path parameters name real objects of this test (its own
 * small process, deployment, task, job, filter, user, group, tenant), so the bad input is what stops the request,
 * not a missing object. For each operation: malformed JSON, a body of the wrong shape, each property of the wrong
 * type, each text property over-long, variables of an unknown type, of a value that does not fit its type, with
 * control characters or over-long; each typed query parameter with a value of the wrong type; a wrong content type;
 * for operations without input, identifiers that are over-long or do not exist; for uploads, models that are not
 * well-formed XML or carry a DOCTYPE. Every answer must be a 4xx in JSON with a Chinese message; afterwards every
 * row of every table is as before.
 */
@IntegrationTest
class EngineApiBadInputIT {

    static final String PROCESS = "it-bad-input";
    static final String LONG_TEXT = "长".repeat(5_000);
    /** An identifier nothing has (and no user, group or tenant may have). */
    static final String NOT_THERE = "不存在的编号";
    static final Set<String> WRITES = Set.of("post", "put", "delete", "patch");
    static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();
    JsonNode schemas;

    @Test
    void everyWriteOfTheEngineApiAnswersBadInputWithAChinese4xxAndChangesNothing() throws Exception {
        JsonNode description;
        try (InputStream in = getClass().getResourceAsStream("/openapi.json")) {
            description = json.readTree(in);
        }
        schemas = description.path("components").path("schemas");
        Fixture fixture = fixture();
        Map<String, String> before = DatabaseSnapshot.of(jdbc);

        Sweep sweep = new Sweep(fixture);
        Browser cockpit = Browser.webapps(port, "admin");
        sweep.all(description.path("paths"), Browser.basic(port, "admin", "demo"), "/engine-rest", Map.of());
        sweep.all(description.path("paths"), cockpit, "/camunda/api/engine/engine/default", cockpit.webappHeaders());

        Map<String, String> after = DatabaseSnapshot.of(jdbc);
        report(sweep);
        assertThat(sweep.operations).as("write operations swept").isGreaterThan(150);
        assertThat(sweep.calls).as("requests made").isGreaterThan(2_000);
        assertThat(sweep.failures).as("answers that were not a 4xx in JSON with a Chinese message (of " + sweep.calls + ")")
                .isEmpty();
        assertThat(DatabaseSnapshot.changed(before, after)).as("tables changed by the sweep; the operation log says: " + jdbc.sql(
                "SELECT OPERATION_TYPE_, ENTITY_TYPE_, PROPERTY_, ORG_VALUE_, NEW_VALUE_ FROM ACT_HI_OP_LOG").query().listOfRows()).isEmpty();
    }

    // --- this test's own objects --------------------------------------------------------------------

    /** Real identifiers for the path parameters. */
    record Fixture(Map<String, String> ids) {

        String id(String template, String parameter) {
            String resource = template.split("/")[1];
            if (template.startsWith("/history/")) {
                resource = "history-" + template.split("/")[2];
            }
            String specific = ids.get(resource + "." + parameter);
            return specific != null ? specific : ids.getOrDefault(parameter, "it-does-not-exist");
        }
    }

    private Fixture fixture() {
        Deployment deployment = engine.getRepositoryService().createDeployment().name(PROCESS).addModelInstance(PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS).name("错误输入测试流程").camundaHistoryTimeToLive(1).startEvent()
                        .userTask("UserTask_Check").name("检查输入").camundaCandidateGroups(GroupIds.ADMIN)
                        .boundaryEvent("BoundaryEvent_CheckReminder").cancelActivity(false).timerWithDuration("P30D")
                        .endEvent("EndEvent_Reminded").moveToActivity("UserTask_Check").endEvent().done()).deploy();
        String definition = engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment.getId())
                .singleResult().getId();
        String instance = engine.getRuntimeService().startProcessInstanceById(definition, "IT-BAD-INPUT",
                Map.of("remark", "原值")).getId();
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
        String comment = engine.getTaskService().createComment(task.getId(), instance, "原有意见").getId();
        String attachment = engine.getTaskService().createAttachment("text/plain", task.getId(), instance, "附件", "说明",
                "https://example.org/a.txt").getId();
        var job = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();

        String suffix = Long.toString(System.nanoTime(), 36);
        User user = engine.getIdentityService().newUser("itbad" + suffix);
        user.setFirstName("测");
        user.setLastName("试");
        user.setPassword("It-Bad-Input-2026!");
        engine.getIdentityService().saveUser(user);
        Group group = engine.getIdentityService().newGroup("it-bad-" + suffix);
        group.setName("错误输入测试组");
        group.setType("WORKFLOW");
        engine.getIdentityService().saveGroup(group);
        engine.getIdentityService().createMembership(user.getId(), group.getId());
        Tenant tenant = engine.getIdentityService().newTenant("itbad" + suffix);
        tenant.setName("测试租户");
        engine.getIdentityService().saveTenant(tenant);
        Authorization authorization = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setUserId(user.getId());
        authorization.setResource(org.camunda.bpm.engine.authorization.Resources.FILTER);
        authorization.setResourceId("it-bad-input");
        authorization.addPermission(org.camunda.bpm.engine.authorization.Permissions.READ);
        engine.getAuthorizationService().saveAuthorization(authorization);
        Filter filter = engine.getFilterService().newTaskFilter("错误输入测试过滤器").setOwner("admin")
                .setQuery(engine.getTaskService().createTaskQuery().taskCandidateGroup(GroupIds.ADMIN));
        engine.getFilterService().saveFilter(filter);
        String historicVariable = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
                .variableName("remark").singleResult().getId();
        String operation = engine.getHistoryService().createUserOperationLogQuery().listPage(0, 1).stream().findFirst()
                .map(o -> o.getOperationId()).orElse("it-no-operation");

        Map<String, String> ids = new TreeMap<>();
        ids.put("authorization.id", authorization.getId());
        ids.put("decision-definition.id", engine.getRepositoryService().createDecisionDefinitionQuery().latestVersion()
                .decisionDefinitionKey("industry-department").singleResult().getId());
        ids.put("decision-definition.key", "industry-department");
        ids.put("deployment.id", deployment.getId());
        ids.put("execution.id", instance);
        ids.put("filter.id", filter.getId());
        ids.put("group.id", group.getId());
        ids.put("history-process-instance.id", instance);
        ids.put("history-variable-instance.id", historicVariable);
        ids.put("job-definition.id", job.getJobDefinitionId());
        ids.put("job.id", job.getId());
        ids.put("process-definition.id", definition);
        ids.put("process-definition.key", PROCESS);
        ids.put("process-instance.id", instance);
        ids.put("task.id", task.getId());
        ids.put("tenant.id", tenant.getId());
        ids.put("user.id", user.getId());
        ids.put("userId", user.getId());
        ids.put("groupId", group.getId());
        ids.put("varName", "remark");
        ids.put("commentId", comment);
        ids.put("attachmentId", attachment);
        ids.put("operationId", operation);
        ids.put("messageName", "it-no-message");
        return new Fixture(ids);
    }

    // --- the sweep ----------------------------------------------------------------------------------

    final class Sweep {

        final Fixture fixture;
        final List<String> failures = new ArrayList<>();
        final Map<String, Integer> statuses = new TreeMap<>();
        final Map<String, String> samples = new LinkedHashMap<>();
        int calls;
        int operations;

        Sweep(Fixture fixture) {
            this.fixture = fixture;
        }

        void all(JsonNode paths, Browser client, String prefix, Map<String, String> headers) {
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                    Map.Entry<String, JsonNode> method = methods.next();
                    if (!WRITES.contains(method.getKey()) || method.getValue().path("operationId").asText().startsWith("query")) {
                        continue;
                    }
                    operations++;
                    operation(client, prefix, headers, path.getKey(), method.getKey().toUpperCase(), method.getValue());
                }
            }
        }

        private void operation(Browser client, String prefix, Map<String, String> headers, String template, String method, JsonNode operation) {
            String path = prefix + PATH_PARAMETER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(fixture.id(template, m.group(1))));
            JsonNode content = operation.path("requestBody").path("content");
            List<JsonNode> queryParameters = new ArrayList<>();
            operation.path("parameters").forEach(p -> {
                if (p.path("in").asText().equals("query")) {
                    queryParameters.add(p);
                }
            });
            boolean input = false;
            if (content.has("application/json")) {
                input = true;
                JsonNode schema = resolve(content.path("application/json").path("schema"));
                send(client, method, path, headers, "application/json", "{\"variables\": {\"a\": ", "不完整的 JSON");
                send(client, method, path, headers, "application/json", "\"不是对象\"", "JSON 字符串代替对象");
                send(client, method, path, headers, "text/plain", "纯文本", "错误的内容类型");
                for (Map.Entry<String, JsonNode> property : properties(schema).entrySet()) {
                    JsonNode propertySchema = resolve(property.getValue());
                    JsonNode wrong = wrongType(propertySchema);
                    if (wrong != null) {
                        sendJson(client, method, path, headers, object(property.getKey(), wrong), "类型错误：" + property.getKey());
                    }
                    if (isText(propertySchema)) {
                        sendJson(client, method, path, headers, object(property.getKey(), NODES.textNode(LONG_TEXT)), "过长：" + property.getKey());
                    }
                    if (isVariableMap(propertySchema)) {
                        badVariables().forEach((what, variable) -> sendJson(client, method, path, headers,
                                object(property.getKey(), object("itVariable", variable)), what + "：" + property.getKey()));
                    }
                }
                if (isVariable(schema)) {
                    badVariables().forEach((what, variable) -> sendJson(client, method, path, headers, variable, what));
                }
            }
            if (content.has("multipart/form-data")) {
                input = true;
                multipart(client, method, path, headers, resolve(content.path("multipart/form-data").path("schema")));
            }
            for (JsonNode parameter : queryParameters) {
                String wrong = wrongQueryValue(resolve(parameter.path("schema")));
                if (wrong != null) {
                    input = true;
                    String separator = path.contains("?") ? "&" : "?";
                    send(client, method, path + separator + parameter.path("name").asText() + "=" + URLEncoder.encode(wrong, StandardCharsets.UTF_8),
                            headers, content.has("application/json") ? "application/json" : null, content.has("application/json") ? "{}" : null,
                            "查询参数类型错误：" + parameter.path("name").asText());
                }
            }
            if (!input) {
                // No body and no typed parameter: the identifiers are the input.
                Matcher parameters = PATH_PARAMETER.matcher(template);
                while (parameters.find()) {
                    String name = parameters.group(1);
                    for (String bad : List.of("x".repeat(300), NOT_THERE)) {
                        String badPath = prefix + PATH_PARAMETER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(
                                m.group(1).equals(name) ? URLEncoder.encode(bad, StandardCharsets.UTF_8) : fixture.id(template, m.group(1))));
                        send(client, method, badPath, headers, null, (byte[]) null, (bad.equals(NOT_THERE) ? "不存在的标识：" : "过长的标识：") + name);
                    }
                }
            }
        }

        private void multipart(Browser client, String method, String path, Map<String, String> headers, JsonNode schema) {
            Map<String, JsonNode> properties = properties(schema);
            String fileField = properties.entrySet().stream().filter(e -> "binary".equals(resolve(e.getValue()).path("format").asText()))
                    .map(Map.Entry::getKey).findFirst().orElse("data");
            boolean deployment = path.endsWith("/deployment/create");
            Map<String, String> valid = new LinkedHashMap<>();
            if (properties.containsKey("valueType")) {
                valid.put("valueType", "File");
            }
            if (deployment) {
                valid.put("deployment-name", "it-bad-input-upload");
                String brokenXml = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"x\">";
                sendMultipart(client, method, path, headers, valid, fileField, "broken.bpmn", brokenXml, "不完整的 XML");
                String doctype = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"x\">&x;</definitions>";
                sendMultipart(client, method, path, headers, valid, fileField, "doctype.bpmn", doctype, "带 DOCTYPE 的 XML");
                sendMultipart(client, method, path, headers, valid, fileField, "empty.bpmn", "", "空模型");
                sendMultipart(client, method, path, headers, valid, fileField, "json.dmn", "{\"不是\": \"XML\"}", "不是 XML 的决策表");
                String invalidModel = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"x\">"
                        + "<process id=\"it-invalid\" isExecutable=\"true\"><startEvent id=\"s\"/><sequenceFlow id=\"f\" sourceRef=\"s\" "
                        + "targetRef=\"missing\"/></process></definitions>";
                sendMultipart(client, method, path, headers, valid, fileField, "invalid.bpmn", invalidModel, "无法解析的模型");
            }
            String file = deployment ? "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"x\"/>" : "文件内容";
            for (Map.Entry<String, JsonNode> property : properties.entrySet()) {
                JsonNode propertySchema = resolve(property.getValue());
                if (property.getKey().equals(fileField)) {
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>(valid);
                if (isText(propertySchema)) {
                    fields.put(property.getKey(), LONG_TEXT);
                    sendMultipart(client, method, path, headers, fields, fileField, "it.bpmn", file, "过长：" + property.getKey());
                }
                String wrong = wrongQueryValue(propertySchema);
                if (wrong != null || propertySchema.has("enum")) {
                    fields.put(property.getKey(), wrong != null ? wrong : "不存在的取值");
                    sendMultipart(client, method, path, headers, fields, fileField, "it.bpmn", file, "类型错误：" + property.getKey());
                }
            }
            send(client, method, path, headers, "multipart/form-data; boundary=missing", "不是 multipart 内容", "损坏的 multipart");
        }

        private void sendJson(Browser client, String method, String path, Map<String, String> headers, JsonNode body, String what) {
            send(client, method, path, headers, "application/json", body.toString(), what);
        }

        private void sendMultipart(Browser client, String method, String path, Map<String, String> headers, Map<String, String> fields,
                String fileField, String fileName, String file, String what) {
            String boundary = "----itbadinput" + System.nanoTime();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                    + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            send(client, method, path, headers, "multipart/form-data; boundary=" + boundary, body.toByteArray(), what);
        }

        private void send(Browser client, String method, String path, Map<String, String> headers, String contentType, String body, String what) {
            send(client, method, path, headers, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), what);
        }

        private void send(Browser client, String method, String path, Map<String, String> headers, String contentType, byte[] body, String what) {
            HttpRequest.Builder request = client.request(path).header("Accept", "application/json");
            headers.forEach(request::setHeader);
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> response = client.send(request.method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
            calls++;
            int status = response.statusCode();
            String answer = response.body() == null ? "" : response.body();
            String type = response.headers().firstValue("Content-Type").orElse("");
            String message = message(answer);
            String call = method + " " + shorten(path) + " [" + what + "]";
            statuses.merge(status + " " + (status < 400 ? "accepted" : "refused"), 1, Integer::sum);
            samples.putIfAbsent(status + " " + method + " " + shortTemplate(path), call + " → " + shorten(message));
            if (status < 400 || status >= 500 || !type.contains("json") || message == null || !CHINESE.matcher(message).find()) {
                failures.add(call + " → " + status + " " + type + " " + shorten(answer));
            }
        }

        private String message(String body) {
            try {
                JsonNode node = json.readTree(body);
                return node != null && node.path("message").isTextual() ? node.path("message").asText() : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    // --- what a bad value is, by the description's types ------------------------------------------

    JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : resolve(schemas.path(ref.substring(ref.lastIndexOf('/') + 1)));
    }

    Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        schema.path("allOf").forEach(part -> properties.putAll(properties(resolve(part))));
        schema.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue()));
        return properties;
    }

    /** A JSON value no lenient reader could take for a value of this schema; null where anything goes. */
    JsonNode wrongType(JsonNode schema) {
        return switch (schema.path("type").asText(schema.has("properties") || schema.has("allOf") ? "object" : "")) {
            case "string" -> object("错误", NODES.textNode("这里应是文本"));
            case "integer", "number" -> NODES.textNode("不是数字");
            case "boolean" -> NODES.textNode("也许");
            case "array" -> object("错误", NODES.textNode("这里应是列表"));
            case "object" -> NODES.textNode("这里应是对象");
            default -> null;
        };
    }

    /** A query parameter or form field value that does not parse as the schema's type; null for text. */
    static String wrongQueryValue(JsonNode schema) {
        return switch (schema.path("type").asText("")) {
            case "integer", "number" -> "不是数字";
            case "boolean" -> "也许";
            case "string" -> schema.path("format").asText("").startsWith("date") ? "不是日期" : null;
            default -> null;
        };
    }

    static boolean isText(JsonNode schema) {
        return "string".equals(schema.path("type").asText()) && !"binary".equals(schema.path("format").asText());
    }

    boolean isVariableMap(JsonNode schema) {
        return "object".equals(schema.path("type").asText()) && isVariable(resolve(schema.path("additionalProperties")));
    }

    static boolean isVariable(JsonNode schema) {
        return schema.path("properties").has("value") && schema.path("properties").has("type") && schema.path("properties").has("valueInfo");
    }

    static Map<String, JsonNode> badVariables() {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        variables.put("变量过长", variable(LONG_TEXT, "String"));
        variables.put("未知变量类型", variable("1", "类型不存在"));
        variables.put("值与类型不符", variable("不是整数", "Integer"));
        variables.put("控制字符", variable("a\u0000b\u0007c", "String"));
        variables.put("无法解析的 XML 变量", variable("<a><b></a>", "Xml"));
        return variables;
    }

    static ObjectNode variable(String value, String type) {
        ObjectNode variable = NODES.objectNode();
        variable.put("value", value);
        variable.put("type", type);
        return variable;
    }

    static ObjectNode object(String key, JsonNode value) {
        ObjectNode object = NODES.objectNode();
        object.set(key, value);
        return object;
    }

    // --- the result ---------------------------------------------------------------------------------


    private void report(Sweep sweep) throws IOException {
        Path file = Path.of("target", "bad-input-sweep-" + (TestDatabase.isPostgres() ? "postgres" : "h2") + ".txt");
        Files.createDirectories(file.getParent());
        String text = "operations " + sweep.operations + ", requests " + sweep.calls + "\n\nanswers by status:\n"
                + sweep.statuses.entrySet().stream().map(e -> "  " + e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"))
                + "\n\nfailures (" + sweep.failures.size() + "):\n" + String.join("\n", sweep.failures)
                + "\n\none answer per status and operation:\n" + String.join("\n", sweep.samples.values()) + "\n";
        Files.writeString(file, text);
        System.out.println("[INFO] Bad-input sweep: " + sweep.calls + " requests over " + sweep.operations + " operations, "
                + sweep.failures.size() + " failures; " + sweep.statuses + " (" + file + ")");
    }

    static String shorten(String text) {
        if (text == null) {
            return "null";
        }
        String flat = text.replace(LONG_TEXT, "长×5000").replace("x".repeat(300), "x×300").replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    static String shortTemplate(String path) {
        return shorten(path).replaceAll("\\?.*", "");
    }
}
