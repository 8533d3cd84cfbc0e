package org.zhaoshang.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.DatabaseSnapshot;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.RawHttp;
import org.zhaoshang.support.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 27's sweep: every write endpoint of the app (every Spring MVC mapping) and of the engine API (every write
 * operation of Camunda's OpenAPI description) gets bodies far larger than it may read — JSON and form posts of 3 MB,
 * uploads announcing 1 GB, JSON and uploads sent chunked without end — and JSON nested 100,000 levels deep, as the
 * administrator (who passes every permission check, so the body is what stops the request). Each must be refused
 * with a 4xx, never a 500, after the server has read no more than its limit (2 MB; uploads 22 MB, a deployment
 * 20 MB — measured as what the client got out, socket buffers included), and nothing may be stored. The heap is
 * sampled throughout: its old generation (where large buffers land) and what survives a collection afterwards.
 */
@IntegrationTest
class BodyLimitsSweepIT {

    static final long MB = 1024 * 1024;
    /** What the kernel's socket buffers may hold between the client and a server that stopped reading. */
    static final long SOCKET_SLACK = 16 * MB;
    static final Set<RequestMethod> WRITES = Set.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);
    static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    static final String BOUNDARY = "----itsweep";
    static final byte[] MULTIPART_HEAD = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"big.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    static final byte[] DEEP_JSON = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);

    /** The bodies sent: what, its content type, how it starts, its length, whether the length is announced. */
    enum Body {
        JSON_3MB("JSON 3 MB", "application/json", "{\"name\":\"".getBytes(StandardCharsets.UTF_8), 3 * MB, true, 2 * MB),
        JSON_CHUNKED("JSON 分块发送、不声明长度（最多 64 MB）", "application/json", "{\"name\":\"".getBytes(StandardCharsets.UTF_8), 64 * MB, false,
                2 * MB),
        FORM_3MB("表单 3 MB", "application/x-www-form-urlencoded", "name=".getBytes(StandardCharsets.UTF_8), 3 * MB, true, 2 * MB),
        UPLOAD_1GB("上传 1 GB（声明长度）", "multipart/form-data; boundary=" + BOUNDARY, MULTIPART_HEAD, 1024 * MB, true, 22 * MB),
        UPLOAD_CHUNKED("上传分块发送、不声明长度（最多 64 MB）", "multipart/form-data; boundary=" + BOUNDARY, MULTIPART_HEAD, 64 * MB, false,
                22 * MB),
        DEEP_JSON_BODY("JSON 嵌套 100,000 层", "application/json", DEEP_JSON, DEEP_JSON.length, true, DEEP_JSON.length);

        final String what;
        final String contentType;
        final byte[] prefix;
        final long length;
        final boolean declared;
        /** The most the server may read of it. */
        final long readLimit;

        Body(String what, String contentType, byte[] prefix, long length, boolean declared, long readLimit) {
            this.what = what;
            this.contentType = contentType;
            this.prefix = prefix;
            this.length = length;
            this.declared = declared;
            this.readLimit = readLimit;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping appMappings;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;

    final List<String> failures = new ArrayList<>();
    final Map<String, Integer> statuses = new TreeMap<>();
    final Map<String, String> samples = new LinkedHashMap<>();
    int calls;
    long maxSent;

    @Test
    void everyWriteEndpointRefusesOversizedAndDeeplyNestedBodiesAfterReadingNoMoreThanItsLimitAndStoresNothing() throws Exception {
        // What reads a body is the same on either database; the sweep's minute is spent once.
        org.junit.jupiter.api.Assumptions.assumeFalse(TestDatabase.isPostgres(), "the sweep runs in the H2 pass");
        Map<String, String> ids = fixture();
        Browser admin = new Browser(port);
        admin.login("admin", "demo");
        String cookies = admin.cookies().getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        String csrf = admin.csrfToken();
        Map<String, String> api = Map.of("Cookie", cookies, "X-CSRF-TOKEN", csrf, "Accept", "application/json");
        Map<String, String> page = Map.of("Cookie", cookies, "X-CSRF-TOKEN", csrf, "Accept", "text/html,application/xhtml+xml");
        Map<String, String> basic = Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(
                StandardCharsets.UTF_8)), "Accept", "application/json");
        Map<String, String> before = DatabaseSnapshot.of(jdbc);
        HeapWatch heap = HeapWatch.start();

        int appEndpoints = 0;
        for (var mapping : appMappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            for (String pattern : mapping.getKey().getPatternValues()) {
                if (Set.of("/login", "/logout", "/error").contains(pattern)) {
                    continue;
                }
                String path = pattern.replaceAll("\\{[^}]+}", "1").replace("/**", "/1");
                for (RequestMethod method : methods) {
                    if (WRITES.contains(method)) {
                        appEndpoints++;
                        // An endpoint that reads no body never reads one: only bodies refused for their announced size go there.
                        boolean readsBody = readsBody(mapping.getValue());
                        for (Body body : Body.values()) {
                            if (readsBody || body.declared && body != Body.DEEP_JSON_BODY) {
                                send(method.name(), path, path.startsWith("/api/") ? api : page, body, body.readLimit);
                            }
                        }
                    }
                }
            }
        }
        int engineOperations = 0;
        JsonNode description;
        try (InputStream in = getClass().getResourceAsStream("/openapi.json")) {
            description = new ObjectMapper().readTree(in);
        }
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) description.path("paths")::fields) {
            for (var operation : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                if (!WRITES.contains(RequestMethod.valueOf(operation.getKey().toUpperCase()))) {
                    continue;
                }
                engineOperations++;
                String resource = path.getKey().split("/")[1];
                String filled = "/engine-rest" + Pattern.compile("\\{([^}]+)}").matcher(path.getKey())
                        .replaceAll(m -> ids.getOrDefault(resource + "." + m.group(1), ids.getOrDefault(m.group(1), "1")));
                boolean deployment = path.getKey().equals("/deployment/create");
                for (Body body : Body.values()) {
                    send(operation.getKey().toUpperCase(), filled, basic, body, deployment && !body.declared ? 20 * MB : body.readLimit);
                }
            }
        }
        HeapWatch.Result memory = heap.stop();
        Map<String, String> after = DatabaseSnapshot.of(jdbc);

        report(appEndpoints, engineOperations, memory);
        assertThat(appEndpoints).as("write endpoints of the app").isGreaterThan(60);
        assertThat(engineOperations).as("write operations of the engine API").isGreaterThan(180);
        assertThat(failures).as("answers that were not a 4xx refusal, or came after reading past the limit (of " + calls + ")").isEmpty();
        assertThat(DatabaseSnapshot.changed(before, after)).as("tables changed by the sweep").isEmpty();
        assertThat(memory.retainedGrowth()).as("heap still in use after the sweep, beyond what was in use before").isLessThan(64 * MB);
        assertThat(memory.oldGenerationPeakGrowth()).as("old generation's peak during the sweep, beyond its level before")
                .isLessThan(512 * MB);
        assertThat(admin.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    /**
     * A file stored as a variable would bypass the evidence uploads' 20 MB limit and content checks, and no form uses
     * one: every way of storing one through the engine APIs is refused before the engine, as the administrator.
     */
    @Test
    void fileAndByteVariablesAndAttachmentsAreRefusedThroughEveryWayIntoTheEngine() throws Exception {
        Map<String, String> ids = fixture();
        String task = ids.get("task.id");
        String instance = ids.get("process-instance.id");
        Browser rest = Browser.basic(port, "admin", "demo");
        Browser cockpit = Browser.webapps(port, "admin");
        Map<String, String> before = DatabaseSnapshot.of(jdbc);
        byte[] file = new byte[1024 * 1024];
        List<String> answers = new ArrayList<>();
        for (String prefix : List.of("/engine-rest", "/engine-rest/engine/default", "/camunda/api/engine/engine/default")) {
            Browser client = prefix.startsWith("/camunda") ? cockpit : rest;
            for (String path : List.of("/task/" + task + "/variables/upload/data", "/task/" + task + "/localVariables/upload/data",
                    "/process-instance/" + instance + "/variables/upload/data", "/execution/" + instance + "/localVariables/upload/data")) {
                answers.add(answer(client, client.request(prefix + path), multipart(Map.of("valueType", "File"), file)));
                answers.add(answer(client, client.request(prefix + path), multipart(Map.of(), file)));
            }
            answers.add(answer(client, client.request(prefix + "/task/" + task + "/attachment/create"),
                    multipart(Map.of("attachment-name", "附件", "attachment-type", "application/pdf"), file)));
            String base64 = Base64.getEncoder().encodeToString("文件内容".getBytes(StandardCharsets.UTF_8));
            for (String type : List.of("File", "Bytes", "file", "bytes")) {
                String variable = "{\"value\": \"" + base64 + "\", \"type\": \"" + type + "\", \"valueInfo\": {\"filename\": \"a.pdf\"}}";
                answers.add(answer(client, client.request(prefix + "/task/" + task + "/variables/upload").method("PUT",
                        java.net.http.HttpRequest.BodyPublishers.ofString(variable)).header("Content-Type", "application/json"), null));
                answers.add(answer(client, client.request(prefix + "/process-instance/" + instance + "/variables").method("POST",
                        java.net.http.HttpRequest.BodyPublishers.ofString("{\"modifications\": {\"upload\": " + variable + "}}"))
                        .header("Content-Type", "application/json"), null));
                answers.add(answer(client, client.request(prefix + "/task/" + task + "/complete").method("POST",
                        java.net.http.HttpRequest.BodyPublishers.ofString("{\"variables\": {\"upload\": " + variable + "}}"))
                        .header("Content-Type", "application/json"), null));
            }
        }
        assertThat(answers).hasSize(3 * (8 + 1 + 12)).allSatisfy(answer -> assertThat(answer)
                .matches("(?s)4(00|15) .*\\p{IsHan}.*"));
        assertThat(answers).filteredOn(a -> a.startsWith("415")).hasSize(3 * 9).allSatisfy(a -> assertThat(a).contains("佐证材料"));
        assertThat(answers).filteredOn(a -> a.startsWith("400")).allSatisfy(a -> assertThat(a).contains("流程变量不保存文件"));
        assertThat(DatabaseSnapshot.changed(before, DatabaseSnapshot.of(jdbc))).as("tables changed").isEmpty();
        assertThat(engine.getTaskService().getVariable(task, "upload")).isNull();
    }

    private String answer(Browser client, java.net.http.HttpRequest.Builder request, byte[] multipart) {
        if (multipart != null) {
            request.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(multipart));
        }
        if (client.cookies().getCookieStore().getCookies().stream().anyMatch(c -> c.getName().equals("XSRF-TOKEN"))) {
            client.webappHeaders().forEach(request::setHeader);
        }
        var response = client.send(request);
        return response.statusCode() + " " + response.request().method() + " " + response.uri().getPath() + " " + response.body();
    }

    private static byte[] multipart(Map<String, String> fields, byte[] file) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(MULTIPART_HEAD);
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    // --- one request -----------------------------------------------------------------------------------

    private void send(String method, String path, Map<String, String> headers, Body body, long readLimit) throws IOException {
        RawHttp.Answer answer = RawHttp.send(port, method, path, headers, body.contentType, body.prefix, body.length, body.declared);
        calls++;
        maxSent = Math.max(maxSent, answer.sent());
        int status = answer.status();
        String call = method + " " + path + " [" + body.what + "]";
        statuses.merge(status + " " + body.name(), 1, Integer::sum);
        samples.putIfAbsent(status + " " + body.name() + " " + path.replaceAll("/[0-9a-f-]{36}", "/{id}"), call + " → " + shorten(answer.body()));
        boolean api = !"text/html,application/xhtml+xml".equals(headers.get("Accept"));
        boolean json = String.valueOf(answer.header("Content-Type")).contains("json");
        // A page's form post that is not the form (deep JSON) may be answered as a browser's is: the page again, or back to it
        // with the error shown; what counts there is that nothing is stored (below). Everything else is a refusal in Chinese.
        boolean pageAnswer = !api && body == Body.DEEP_JSON_BODY && status >= 200 && status < 400;
        boolean refused = status >= 400 && status < 500 && json == api && CHINESE.matcher(answer.body()).find();
        if (!(refused || pageAnswer) || answer.sent() > readLimit + SOCKET_SLACK) {
            failures.add(call + " → " + status + " after " + answer.sent() / MB + " MB sent: " + shorten(answer.body()));
        }
    }

    /** Whether the handler binds anything from the request's body or parameters. */
    static boolean readsBody(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters()).anyMatch(BodyLimitsSweepIT::fromBody);
    }

    private static boolean fromBody(MethodParameter parameter) {
        if (parameter.hasParameterAnnotation(RequestBody.class) || parameter.hasParameterAnnotation(RequestParam.class)
                || parameter.hasParameterAnnotation(RequestPart.class) || parameter.hasParameterAnnotation(ModelAttribute.class)
                || MultipartFile.class.isAssignableFrom(parameter.getParameterType())) {
            return true;
        }
        Class<?> type = parameter.getParameterType();
        String name = type.getName();
        return parameter.getParameterAnnotations().length == 0 && !BeanUtils.isSimpleProperty(type) && !name.startsWith("jakarta.")
                && !name.startsWith("org.springframework.") && !java.security.Principal.class.isAssignableFrom(type);
    }

    // --- this test's own case, so the engine's paths name real objects ---------------------------------

    private Map<String, String> fixture() {
        String process = "it-body-limits";
        Deployment deployment = engine.getRepositoryService().createDeployment().name(process).addModelInstance(process + ".bpmn",
                Bpmn.createExecutableProcess(process).name("请求大小测试流程").camundaHistoryTimeToLive(1).startEvent()
                        .userTask("UserTask_Check").name("检查").camundaCandidateGroups(GroupIds.ADMIN).endEvent().done()).deploy();
        String definition = engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment.getId())
                .singleResult().getId();
        String instance = engine.getRuntimeService().startProcessInstanceById(definition, "IT-BODY-LIMITS", Map.of("remark", "原值"))
                .getId();
        String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
        Map<String, String> ids = new TreeMap<>();
        ids.put("task.id", task);
        ids.put("process-instance.id", instance);
        ids.put("execution.id", instance);
        ids.put("process-definition.id", definition);
        ids.put("process-definition.key", process);
        ids.put("deployment.id", deployment.getId());
        ids.put("varName", "remark");
        return ids;
    }

    // --- the heap ---------------------------------------------------------------------------------------

    /** Samples the heap every 20 ms: its use, and the old generation's (where G1 puts large arrays at once). */
    static final class HeapWatch {

        record Result(long before, long after, long oldBefore, long oldPeak, long peak, long max) {

            long retainedGrowth() {
                return after - before;
            }

            long oldGenerationPeakGrowth() {
                return oldPeak - oldBefore;
            }
        }

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong oldPeak = new AtomicLong();
        private final long before;
        private final long oldBefore;
        private final Thread sampler;

        private HeapWatch() {
            before = usedAfterCollection();
            oldBefore = oldGeneration();
            sampler = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    oldPeak.accumulateAndGet(oldGeneration(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            sampler.setDaemon(true);
            sampler.start();
        }

        static HeapWatch start() {
            return new HeapWatch();
        }

        Result stop() throws InterruptedException {
            running.set(false);
            sampler.join();
            return new Result(before, usedAfterCollection(), oldBefore, oldPeak.get(), peak.get(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax());
        }

        private static long usedAfterCollection() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        private static long oldGeneration() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured")).mapToLong(p -> p.getUsage().getUsed()).sum();
        }
    }

    // --- the result -------------------------------------------------------------------------------------


    private void report(int appEndpoints, int engineOperations, HeapWatch.Result memory) throws IOException {
        Path file = Path.of("target", "body-limits-sweep-" + (TestDatabase.isPostgres() ? "postgres" : "h2") + ".txt");
        Files.createDirectories(file.getParent());
        String heap = "heap: before " + memory.before() / MB + " MB, after " + memory.after() / MB + " MB (after a collection each), peak "
                + memory.peak() / MB + " MB of " + memory.max() / MB + " MB; old generation " + memory.oldBefore() / MB + " MB before, peak "
                + memory.oldPeak() / MB + " MB";
        String text = "app write endpoints " + appEndpoints + ", engine write operations " + engineOperations + ", requests " + calls
                + ", most sent before an answer " + maxSent / MB + " MB\n" + heap + "\n\nanswers by status and body:\n"
                + statuses.entrySet().stream().map(e -> "  " + e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"))
                + "\n\nfailures (" + failures.size() + "):\n" + String.join("\n", failures)
                + "\n\none answer per status, body and path:\n" + String.join("\n", samples.values()) + "\n";
        Files.writeString(file, text);
        System.out.println("[INFO] Body-limits sweep: " + calls + " requests, " + failures.size() + " failures; " + heap + " (" + file + ")");
    }

    static String shorten(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
