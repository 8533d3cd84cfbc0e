package org.zhaoshang.engine;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.system.DatabaseUnavailable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one guard in front of the engine API — {@code /engine-rest} and the webapps' {@code /camunda/api/engine}, every
 * operation: a person's wrong, too large or unparsable input is answered with a 4xx in JSON with a Chinese message
 * and changes nothing; nothing a person sends ends as a 500.
 * <ul>
 * <li><b>Before the engine</b> ({@link EngineInputCheck}, types from Camunda's own API description): query parameters,
 * path identifiers, JSON bodies and uploads of a write are checked; uploads are read up to
 * {@code app.request.max-upload-size} (20 MB) and no further.</li>
 * <li><b>After the engine</b>: Camunda reports our refusals of a person's input wrapped as 500s: a task listener's as
 * "ENGINE-03051 There was an exception while invoking the TaskListener. Message: '…'", a start step's as "Cannot
 * instantiate process definition …: …", a variables resource's as "Cannot modify variables for …: …". The person
 * sees a 400 with just our Chinese message. Any other refusal of a write that the engine words in English (or not at
 * all: its JSON reader answers an empty message) is said in Chinese, the engine's text in brackets, and a 500 that is
 * the caller's fault (a missing field, an object that does not exist, an identifier Camunda does not accept) becomes
 * the 4xx it is.</li>
 * </ul>
 * Two people completing one task at the same moment: the engine lets one win and fails the other with an
 * optimistic-locking error (or "cannot find task" when the winner has already committed), reported as a 500. That
 * person gets a 409 saying the task was just completed by someone else, and by whom.
 * <p>
 * A variable sent as a serialized Java object (refused by the engine: Java serialization is off) is a 400 with a
 * message saying to send JSON, and a password refused by the password policy (Admin, user API) a 400 saying what the
 * policy asks. A list beyond the result limit ({@code queryMaxResultsLimit}) or without a page size is a 400 saying
 * how to page. While the database does not answer, a 503.
 */
@Configuration(proxyBeanMethods = false)
class EngineApiGuard {

    private static final Logger log = LoggerFactory.getLogger(EngineApiGuard.class);

    private static final Pattern[] WRAPPED = {
        Pattern.compile("ENGINE-03051 There was an exception while invoking the TaskListener\\. "
                + "Message: 'Exception while invoking TaskListener: (.*)'", Pattern.DOTALL),
        Pattern.compile("Cannot instantiate process definition \\S+: (.*)", Pattern.DOTALL)};
    private static final Pattern ACTION = Pattern.compile(
            ".*/(task/[^/]+/(complete|submit-form|resolve)|process-definition/.+/(start|submit-form))$");
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    /**
     * Our Chinese refusal inside the engine's English wrapping ("Cannot modify variables for execution 1: 提交的数据无效…",
     * "ENGINE-03051 … Message: 'Exception while invoking TaskListener: 有未完成的加签…'"): it follows a colon. A Chinese
     * identifier the engine repeats ("No user found with id '张三'") does not.
     */
    private static final Pattern WRAPPED_CHINESE = Pattern.compile("(?:^|: '?)([\\p{IsHan}「][^\\n]*?)'?$", Pattern.DOTALL);
    private static final Pattern TASK_ACTION = Pattern.compile(".*/task/([^/]+)/(complete|submit-form|resolve)$");
    private static final Pattern SERIALIZED_JAVA = Pattern.compile("ENGINE-17007|Java serialization format is prohibited");
    private static final Pattern UNBOUNDED = Pattern.compile("An unbound number of results is forbidden");
    private static final Pattern OVER_LIMIT = Pattern.compile("Max results limit of (\\d+) exceeded");
    private static final Pattern CANNOT_CONVERT = Pattern.compile("Cannot convert value '(.*?)' of type '(\\w+)'", Pattern.DOTALL);
    /** A type the engine knows but cannot store here (xml without Camunda Spin, for instance). */
    private static final Pattern NO_SERIALIZER = Pattern.compile("Cannot find serializer for value 'Value '.*?' of type '(\\w+)'", Pattern.DOTALL);
    private static final Pattern UNSUPPORTED_TYPE = Pattern.compile("Unsupported value type '(.*?)'");
    private static final Map<String, String> TYPE_NAMES = Map.of("String", "文本", "Boolean", "是/否值",
            "Integer", "整数", "Long", "整数", "Short", "整数（−32768～32767）", "Double", "数字", "Date", "日期（yyyy-MM-dd'T'HH:mm:ss.SSSZ）",
            "Json", "JSON");
    static final Set<String> FORM_TYPES = Set.of("string", "boolean", "integer", "short", "long", "double", "date", "json", "null");
    static final String FORM_TYPE_NAMES = "String、Boolean、Integer、Long、Double、Date 或 Json";
    private static final Pattern CONCURRENT = Pattern.compile("ENGINE-03005|was updated by another transaction concurrently"
            + "|Cannot find task with id|task is null");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "DELETE", "PATCH");
    /** The one write of the engine APIs that takes an upload: a deployment (Camunda Modeler, administrators). */
    private static final Pattern DEPLOYMENT_UPLOAD = Pattern.compile("(/engine-rest|/camunda/api/engine/engine/[^/]+)(/engine/[^/]+)?"
            + "/deployment/create");
    static final String UPLOAD_REFUSED = "引擎接口不接收文件上传（文件或二进制变量、附件）：佐证材料请在项目页面的「佐证材料」中上传；"
            + "只有部署模型可以上传文件";
    /** Failures that are the server's, whatever the request: they stay 500s (and stay visible). */
    private static final Pattern SERVER_FAULT = Pattern.compile("persistence layer|ENGINE-0305\\d|Exception while invoking"
            + "|OutOfMemory|StackOverflow");
    /** The engine's words for "that object is not there". */
    private static final Pattern NOT_FOUND = Pattern.compile("(?i)doesn't exist|does not exist|not found|cannot find|no \\w+ found"
            + "|no deployed|could not find|unknown (task|execution|process)|\\bis null$");
    /** Failures of Camunda's REST layer on input it did not expect (a missing field, a value it cannot read). */
    private static final Set<String> INPUT_FAILURES = Set.of("NullValueException", "NotValidException", "NullPointerException",
            "IllegalArgumentException", "NumberFormatException", "ClassCastException", "DateTimeParseException", "InvalidFormatException",
            "UnsupportedOperationException", "IllegalStateException", "JsonParseException", "JsonMappingException",
            "MismatchedInputException", "BadUserRequestException", "ParseException", "NotFoundException", "InvalidRequestException",
            "RestException", "ProcessEngineException", "ScriptCompilationException", "FormFieldValidationException",
            "MismatchingMessageCorrelationException", "ConditionalEventSubscriptionNotFoundException");

    @Bean
    FilterRegistrationBean<Guard> engineApiGuardFilter(ObjectMapper json, ProcessEngine engine, OrgDirectory names,
            javax.sql.DataSource dataSource, EngineApiDescription description,
            @Value("${app.request.max-upload-size:20MB}") DataSize maxUpload) {
        int limit = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getQueryMaxResultsLimit();
        FilterRegistrationBean<Guard> registration = new FilterRegistrationBean<>(
                new Guard(json, engine.getHistoryService(), engine.getIdentityService(), names, limit,
                        () -> DatabaseUnavailable.isDown(dataSource), description,
                        new EngineInputCheck(description, json, allowedObjectTypes(engine), identityIds(engine)), maxUpload.toBytes()));
        registration.setName("engineApiGuard");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        // After Spring Security and the authentication filters, around the REST resources.
        registration.setOrder(0);
        return registration;
    }

    /** What the engine accepts as a user, group or tenant id when one is created. */
    static Pattern identityIds(ProcessEngine engine) {
        String pattern = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getGeneralResourceWhitelistPattern();
        return pattern == null || pattern.isBlank() ? null : Pattern.compile(pattern);
    }

    /** The engine's own deserialization allow-list (deserializationTypeValidationEnabled), or nothing allowed without one. */
    static java.util.function.Predicate<String> allowedObjectTypes(ProcessEngine engine) {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        var validator = configuration.isDeserializationTypeValidationEnabled() ? configuration.getDeserializationTypeValidator() : null;
        return validator == null ? className -> false : validator::validate;
    }

    static final class Guard extends OncePerRequestFilter {

        private final ObjectMapper json;
        private final HistoryService history;
        private final IdentityService identity;
        private final OrgDirectory names;
        private final int limit;
        private final java.util.function.BooleanSupplier databaseDown;
        private final EngineApiDescription description;
        private final EngineInputCheck inputs;
        private final long maxUpload;

        Guard(ObjectMapper json, HistoryService history, IdentityService identity, OrgDirectory names, int limit,
                java.util.function.BooleanSupplier databaseDown, EngineApiDescription description, EngineInputCheck inputs, long maxUpload) {
            this.limit = limit;
            this.databaseDown = databaseDown;
            this.json = json;
            this.history = history;
            this.identity = identity;
            this.names = names;
            this.description = description;
            this.inputs = inputs;
            this.maxUpload = maxUpload;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            // Writes carry a person's input; lists (GET, and POST for queries) may exceed the result limit.
            return !Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(request.getMethod());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String method = request.getMethod();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            boolean write = WRITES.contains(method);
            String apiPath = EngineApiDescription.apiPath(path);
            if (write && refuseUpload(request, path, response)) {
                return;
            }
            if (write && apiPath != null) {
                var operation = description.find(method, apiPath).orElse(null);
                // POST /task, /process-instance …: a query whose body is a filter, not data to store.
                boolean query = operation != null && operation.operationId().startsWith("query");
                String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
                EngineInputCheck.Refusal refusal = operation == null || query ? null
                        : inputs.parameters(operation, apiPath, queryParameters(request.getQueryString()));
                if (refusal == null && contentType.contains("json")) {
                    byte[] sent = request.getInputStream().readAllBytes(); // RequestSizeLimit bounds JSON bodies
                    refusal = inputs.json(query ? null : operation, sent, !query && ACTION.matcher(path).matches());
                    request = new org.zhaoshang.system.InMemoryBody(request, sent);
                } else if (refusal == null && contentType.startsWith("multipart/")) {
                    // Only a deployment gets here (refuseUpload), also as /engine-rest/engine/{name}/…: read to the limit, no further.
                    byte[] sent = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxUpload + 1));
                    if (sent.length > maxUpload) {
                        response.setHeader("Connection", "close"); // the rest of the body is not read
                        refusal = new EngineInputCheck.Refusal(413, "上传内容过大（超过 " + DataSize.ofBytes(maxUpload).toMegabytes() + " MB）");
                    } else {
                        refusal = operation == null ? null : inputs.multipart(operation, sent, request.getContentType());
                        request = new org.zhaoshang.system.InMemoryBody(request, sent);
                    }
                }
                if (refusal != null) {
                    log.warn("Refused {} {}: {}", method, path, refusal.message());
                    answer(response, refusal.status(), "InvalidRequestException", refusal.message());
                    return;
                }
            }
            ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, wrapper);
            int status = wrapper.getStatus();
            if (status >= 400) {
                // Writes: every refusal in Chinese. Reads: only a 500 that the request caused (Camunda answers some reads of a
                // non-existent object with one); their other answers are Camunda's own, which the webapps read.
                rewriteError(request, path, apiPath != null && (write || status >= 500), wrapper);
            }
            wrapper.copyBodyToResponse();
        }

        /**
         * A multipart body anywhere but a deployment is refused before a byte of it is read: the binary-variable
         * ({@code …/variables/{name}/data}) and attachment uploads would store a file of any content beside the checks of
         * evidence uploads (20 MB, content type), and no form, Tasklist or Cockpit step of the product needs them; Jersey
         * also buffers a whole upload in memory. Deployments (administrators only) are read up to {@code maxUpload}.
         */
        private boolean refuseUpload(HttpServletRequest request, String path, HttpServletResponse response) throws IOException {
            String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
            if (!contentType.startsWith("multipart/") || DEPLOYMENT_UPLOAD.matcher(path).matches()) {
                return false;
            }
            response.setHeader("Connection", "close"); // the body is not read
            log.warn("Refused {} {}: an upload outside a deployment", request.getMethod(), path);
            answer(response, 415, "InvalidRequestException", UPLOAD_REFUSED);
            return true;
        }

        /** The query string's parameters (not the body's: a form post is not for the engine API). */
        static Map<String, String[]> queryParameters(String queryString) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            if (queryString != null && !queryString.isEmpty()) {
                for (String pair : queryString.split("&")) {
                    int eq = pair.indexOf('=');
                    String name = eq < 0 ? pair : pair.substring(0, eq);
                    String value = eq < 0 ? "" : pair.substring(eq + 1);
                    try {
                        values.computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), n -> new ArrayList<>())
                                .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException malformed) {
                        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                    }
                }
            }
            Map<String, String[]> parameters = new LinkedHashMap<>();
            values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
            return parameters;
        }

        private void rewriteError(HttpServletRequest request, String uri, boolean inChinese, ContentCachingResponseWrapper wrapper)
                throws IOException {
            int status = wrapper.getStatus();
            JsonNode error = body(wrapper.getContentAsByteArray());
            String message = error.path("message").asText("");
            String type = error.path("type").asText("");
            String refusal;
            Matcher overLimit = OVER_LIMIT.matcher(message);
            if (status == 400 && UNBOUNDED.matcher(message).find()) {
                rewrite(wrapper, 400, "InvalidRequestException",
                        "查询结果必须分页：请用 firstResult 和 maxResults 指定一页（每页最多 " + limit + " 条）");
            } else if (status == 400 && overLimit.find()) {
                rewrite(wrapper, 400, "InvalidRequestException",
                        "每页最多 " + overLimit.group(1) + " 条结果，请减小 maxResults 并分页查询");
            } else if (status == 500 && DatabaseUnavailable.isMessage(message)) {
                unavailable(wrapper);
            } else if (status == 500 && message.startsWith("Password does not match policy")) {
                rewrite(wrapper, 400, "InvalidRequestException",
                        "密码不符合密码策略：至少 10 个字符，须包含大写字母、小写字母、数字和特殊字符，且不得包含用户名或姓名");
            } else if (status == 500 && SERIALIZED_JAVA.matcher(message).find()) {
                rewrite(wrapper, 400, "InvalidRequestException", "不接受 Java 序列化格式的变量（application/x-java-serialized-object），请改用 JSON");
            } else if (status == 500 && ACTION.matcher(uri).matches() && (refusal = refusal(message)) != null) {
                rewrite(wrapper, 400, "InvalidRequestException", refusal);
            } else if (status == 500 && message.contains("Cannot find serializer for value")) {
                // A type the engine cannot store here (Object as JSON or XML, Xml: no Camunda Spin), on any write.
                rewrite(wrapper, 400, "InvalidRequestException", invalidInput(message));
            } else if (status == 400 && ACTION.matcher(uri).matches() && !CHINESE.matcher(message).find()) {
                rewrite(wrapper, 400, "InvalidRequestException", invalidInput(message));
            } else if (TASK_ACTION.matcher(uri).matches() && (refusal = conflict(uri, status, error)) != null) {
                rewrite(wrapper, 409, "TaskConflict", refusal);
            } else if (status == 500 && databaseDown.getAsBoolean()) {
                // A generic persistence error on a connection that died with the server (see DatabaseUnavailable).
                unavailable(wrapper);
            } else if (inChinese && status != 401) {
                Answer answer = inChinese(status, type, message);
                if (answer != null) {
                    if (answer.status() != status) {
                        log.warn("{} {}: the engine answered {} {} \"{}\", answered {}", request.getMethod(), uri, status, type,
                                abbreviate(message, 300), answer.status());
                    }
                    rewrite(wrapper, answer.status(), type.isEmpty() ? "InvalidRequestException" : type, answer.message());
                }
            }
        }

        private void unavailable(ContentCachingResponseWrapper wrapper) throws IOException {
            rewrite(wrapper, 503, "DatabaseUnavailable", DatabaseUnavailable.MESSAGE);
            wrapper.setHeader("Retry-After", "10");
        }

        private JsonNode body(byte[] content) {
            try {
                JsonNode node = content.length == 0 ? null : json.readTree(content);
                return node == null ? json.createObjectNode() : node;
            } catch (IOException notJson) {
                return json.createObjectNode();
            }
        }

        private void answer(HttpServletResponse response, int status, String type, String message) throws IOException {
            response.setStatus(status);
            response.setContentType("application/json;charset=UTF-8");
            ObjectNode error = json.createObjectNode();
            error.put("type", type);
            error.put("message", message);
            response.getOutputStream().write(json.writeValueAsBytes(error));
        }

        private void rewrite(ContentCachingResponseWrapper wrapper, int status, String type, String message) throws IOException {
            wrapper.resetBuffer();
            answer(wrapper, status, type, message);
        }

        /**
         * The message for a person who lost the race for a task, or null when the error is anything else. The
         * loser sees the engine's optimistic-locking error, "cannot find task" (the winner committed first) or an
         * authorization error (the winner's commit removed the task's permissions) — the last only becomes a
         * 409 when the caller was one of the task's candidates, so a stranger still gets 403.
         */
        String conflict(String uri, int status, JsonNode error) {
            Matcher action = TASK_ACTION.matcher(uri);
            if (!action.matches()) {
                return null;
            }
            boolean lockLost = "OptimisticLockingException".equals(error.path("type").asText());
            boolean gone = (status == 500 || status == 404) && CONCURRENT.matcher(error.path("message").asText("")).find();
            boolean deniedAfterwards = status == 403;
            if (!lockLost && !gone && !deniedAfterwards) {
                return null;
            }
            Authentication caller = identity.getCurrentAuthentication();
            identity.clearAuthentication();
            try {
                // Read without the caller's authorizations: they held the task a moment ago.
                HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(action.group(1)).finished().singleResult();
                if (deniedAfterwards && (done == null || !wasCandidate(done.getId(), caller))) {
                    return null;
                }
                if (done != null && done.getAssignee() != null) {
                    return "该任务已被他人办理（" + names.personName(done.getAssignee()) + "），无需重复提交；请刷新任务列表";
                }
                // A task id that never existed stays the engine's own "not found".
                return done != null || lockLost ? "该任务已被他人办理或刚刚发生变化，无需重复提交；请刷新任务列表后再试" : null;
            } finally {
                if (caller != null) {
                    identity.setAuthentication(caller);
                }
            }
        }

        private boolean wasCandidate(String taskId, Authentication caller) {
            if (caller == null) {
                return false;
            }
            Set<String> groups = caller.getGroupIds() == null ? Set.of() : Set.copyOf(caller.getGroupIds());
            return history.createHistoricIdentityLinkLogQuery().taskId(taskId).unlimitedList().stream()
                    .anyMatch(link -> caller.getUserId().equals(link.getUserId())
                            || (link.getGroupId() != null && groups.contains(link.getGroupId())));
        }

        /**
         * The engine's own refusal of submitted variables (a value that does not fit its type, an unknown type),
         * in English, said in Chinese; the engine's text stays in brackets for whoever must look into it.
         */
        static String invalidInput(String message) {
            Matcher convert = CANNOT_CONVERT.matcher(message);
            if (convert.find()) {
                String value = convert.group(1).length() > 30 ? convert.group(1).substring(0, 30) + "…" : convert.group(1);
                return "提交的数据无效：「" + value + "」不是有效的" + TYPE_NAMES.getOrDefault(convert.group(2), convert.group(2) + " 类型的值")
                        + "，请检查表单后重新提交";
            }
            for (Pattern unsupported : List.of(UNSUPPORTED_TYPE, NO_SERIALIZER)) {
                Matcher type = unsupported.matcher(message);
                if (type.find()) {
                    return "提交的数据无效：不支持的变量类型「" + type.group(1) + "」，请使用 " + FORM_TYPE_NAMES;
                }
            }
            String detail = message.length() > 200 ? message.substring(0, 200) + "…" : message;
            return "提交的数据无效，请检查表单后重新提交（" + detail + "）";
        }

        /** Our Chinese message inside a wrapped engine error, or null when the error is not a refusal of ours. */
        String refusal(String message) {
            for (Pattern pattern : WRAPPED) {
                Matcher matcher = pattern.matcher(message);
                if (matcher.find() && CHINESE.matcher(matcher.group(1)).find()) {
                    return matcher.group(1).strip();
                }
            }
            return null;
        }
    }

    /** A rewritten answer. */
    record Answer(int status, String message) {
    }

    /**
     * How a refused write is said in Chinese, and with which status; null when it already is. The engine's own text
     * stays in brackets for whoever must look into it. A 500 that the caller caused becomes a 4xx: our own refusal
     * wrapped by the engine, an object that does not exist (404), a field that is missing or cannot be read, an
     * identifier the engine does not accept, a value too long for its column (400).
     */
    static Answer inChinese(int status, String type, String message) {
        Matcher ours = WRAPPED_CHINESE.matcher(message);
        if (ours.find()) {
            String text = ours.group(1).strip();
            int mapped = text.startsWith(RemovalOfNothingGuard.MESSAGE) ? 404 : status < 500 ? status : 400;
            return mapped == status && ours.start(1) == 0 ? null : new Answer(mapped, text);
        }
        String detail = message.isBlank() ? "" : "（" + abbreviate(message, 200) + "）";
        boolean notFound = NOT_FOUND.matcher(message).find();
        if (status >= 500) {
            if (!INPUT_FAILURES.contains(type) || SERVER_FAULT.matcher(message).find()) {
                return null; // a fault of the server: it stays what it is
            }
            if (notFound && !message.matches("(?s).*\\w+Id is null.*|.*\\bis required.*")) {
                return new Answer(404, "要操作的对象不存在或已被删除" + detail);
            }
            if (message.contains("Variable value is too long")) {
                return new Answer(400, "提交的数据无效：变量的值过长（文本不超过 " + TaskForm.MAX_TEXT + " 字）");
            }
            if (message.contains("is not a valid resource identifier")) {
                return new Answer(400, "提交的数据无效：标识只能包含字母、数字、“-”和“_”，并以字母或数字开头" + detail);
            }
            return new Answer(400, "提交的数据不完整或无法执行，请检查后重新提交" + detail);
        }
        return new Answer(status, switch (status) {
            case 400 -> message.isBlank() ? "提交的数据无效：请求内容的格式或字段类型与接口要求不符" : "提交的数据无效" + detail;
            case 403 -> "没有权限执行此操作" + detail;
            case 404 -> "要操作的对象或接口不存在" + detail;
            case 405 -> "该接口不支持此请求方法" + detail;
            case 406 -> "无法按请求的格式（Accept）答复" + detail;
            case 409 -> "操作冲突：对象已被他人修改或已存在" + detail;
            case 413 -> "请求内容过大" + detail;
            case 415 -> "不支持的内容类型（Content-Type），请按接口要求使用 application/json 或 multipart/form-data" + detail;
            default -> "请求未能完成" + detail;
        });
    }

    static String abbreviate(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }
}
