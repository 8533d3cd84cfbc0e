package org.zhaoshang.engine;

import java.io.IOException;
import java.util.List;
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
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.system.DatabaseUnavailable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Camunda reports our refusals of a person's input wrapped as 500s: a task listener's as "ENGINE-03051
 * There was an exception while invoking the TaskListener. Message: '…'", a start step's as "Cannot
 * instantiate process definition …: …". The person should see a 400 with just our Chinese message.
 * This filter rewrites exactly those cases on task completion, form submission and process start, in
 * the engine REST API and in the webapps' API (what Tasklist calls): only when the wrapped message is
 * ours (Chinese; the engine's own messages are English), leaving every other response alone.
 * <p>
 * Two people completing one task at the same moment: the engine lets one win and fails the other with an
 * optimistic-locking error (or "cannot find task" when the winner has already committed), reported as a
 * 500. That person gets a 409 saying the task was just completed by someone else, and by whom.
 * <p>
 * A variable sent as a serialized Java object (refused by the engine: Java serialization is off) is a 400
 * with a message saying to send JSON, and a password refused by the password policy (Admin, user API) a
 * 400 saying what the policy asks, on every write of the two APIs. A list beyond the result limit
 * ({@code queryMaxResultsLimit}) or without a page size is a 400 saying how to page.
 */
@Configuration(proxyBeanMethods = false)
class TaskInputErrorFilter {

    private static final Pattern[] WRAPPED = {
        Pattern.compile("ENGINE-03051 There was an exception while invoking the TaskListener\\. Message: 'Exception while invoking TaskListener: (.*)'", Pattern.DOTALL),
        Pattern.compile("Cannot instantiate process definition \\S+: (.*)", Pattern.DOTALL)};
    private static final Pattern ACTION = Pattern.compile(
            ".*/(task/[^/]+/(complete|submit-form|resolve)|process-definition/.+/(start|submit-form))$");
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
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
    /** Control characters other than tab and line breaks. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t\\r\\n]]");
    private static final Set<String> FORM_TYPES = Set.of("string", "boolean", "integer", "short", "long", "double", "date", "json", "null");
    private static final String FORM_TYPE_NAMES = "String、Boolean、Integer、Long、Double、Date 或 Json";
    private static final Pattern CONCURRENT = Pattern.compile("ENGINE-03005|was updated by another transaction concurrently"
            + "|Cannot find task with id|task is null");

    @Bean
    FilterRegistrationBean<RefusalFilter> taskInputErrors(ObjectMapper json, ProcessEngine engine, OrgDirectory names,
            javax.sql.DataSource dataSource) {
        int limit = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getQueryMaxResultsLimit();
        FilterRegistrationBean<RefusalFilter> registration = new FilterRegistrationBean<>(
                new RefusalFilter(json, engine.getHistoryService(), engine.getIdentityService(), names, limit,
                        () -> DatabaseUnavailable.isDown(dataSource), allowedObjectTypes(engine)));
        registration.setName("taskInputErrors");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        // After Spring Security and the authentication filters, around the REST resources.
        registration.setOrder(0);
        return registration;
    }

    /** The engine's own deserialization allow-list (deserializationTypeValidationEnabled), or nothing allowed without one. */
    static java.util.function.Predicate<String> allowedObjectTypes(ProcessEngine engine) {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        var validator = configuration.isDeserializationTypeValidationEnabled() ? configuration.getDeserializationTypeValidator() : null;
        return validator == null ? className -> false : validator::validate;
    }

    static final class RefusalFilter extends OncePerRequestFilter {

        private final ObjectMapper json;
        private final HistoryService history;
        private final IdentityService identity;
        private final OrgDirectory names;
        private final int limit;
        private final java.util.function.BooleanSupplier databaseDown;
        private final java.util.function.Predicate<String> allowedType;

        RefusalFilter(ObjectMapper json, HistoryService history, IdentityService identity, OrgDirectory names, int limit,
                java.util.function.BooleanSupplier databaseDown, java.util.function.Predicate<String> allowedType) {
            this.limit = limit;
            this.databaseDown = databaseDown;
            this.allowedType = allowedType;
            this.json = json;
            this.history = history;
            this.identity = identity;
            this.names = names;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            // Writes may carry a person's input or a serialized Java object; lists (GET, and POST for queries) may
            // exceed the result limit (queryMaxResultsLimit).
            return !Set.of("GET", "POST", "PUT").contains(request.getMethod());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean action = "POST".equals(request.getMethod()) && ACTION.matcher(request.getRequestURI()).matches();
            boolean jsonWrite = !"GET".equals(request.getMethod()) && request.getContentType() != null
                    && request.getContentType().toLowerCase(java.util.Locale.ROOT).contains("json");
            if (action || jsonWrite) {
                // Forms submit plain values. Other types fail inside Camunda's REST API with a 500 (a blank type, File
                // or Bytes without valueInfo, Xml without Spin) or are not for forms at all (Object): refused here,
                // as are texts the database cannot store. On every write: an object variable whose class the
                // engine would not deserialize (RequestSizeLimit bounds what is read here).
                byte[] sent = request.getInputStream().readAllBytes();
                JsonNode parsed = body(sent);
                String refused = action ? refusedVariable(parsed) : null;
                if (refused == null) {
                    refused = disallowedObjectType(parsed);
                }
                if (refused != null) {
                    response.setStatus(400);
                    response.setContentType("application/json;charset=UTF-8");
                    response.getOutputStream().write(json.writeValueAsBytes(Map.of("type", "InvalidRequestException",
                            "message", "提交的数据无效：" + refused)));
                    return;
                }
                request = new org.zhaoshang.system.InMemoryBody(request, sent);
            }
            ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, wrapper);
            int status = wrapper.getStatus();
            if (status >= 400) {
                String uri = request.getRequestURI();
                JsonNode error = body(wrapper.getContentAsByteArray());
                String message = error.path("message").asText("");
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
                }
            }
            wrapper.copyBodyToResponse();
        }

        private void unavailable(ContentCachingResponseWrapper wrapper) throws IOException {
            rewrite(wrapper, 503, "DatabaseUnavailable", DatabaseUnavailable.MESSAGE);
            wrapper.setHeader("Retry-After", "10");
        }

        /**
         * An object variable anywhere in the body ({@code "type": "Object"} with a {@code valueInfo.objectTypeName})
         * whose class the engine's deserialization allow-list refuses: stored, it would be a trap for whoever
         * reads it deserialized. Null when there is none.
         */
        private String disallowedObjectType(JsonNode node) {
            if (node.isObject()) {
                JsonNode type = node.path("type");
                String className = node.path("valueInfo").path("objectTypeName").asText("");
                if (type.isTextual() && type.asText().equalsIgnoreCase("object") && !className.isEmpty() && !allowedType.test(className)) {
                    return "不允许的对象类型「" + className + "」（只接受 java.lang 和常用集合类型）";
                }
            }
            for (JsonNode child : node) {
                String refused = disallowedObjectType(child);
                if (refused != null) {
                    return refused;
                }
            }
            return null;
        }

        /**
         * What is wrong with the first submitted variable a form could not have sent, or null: a type forms do not
         * use, a text with control characters (PostgreSQL cannot even store NUL), a text longer than the engine's
         * 4,000-character variable column (the database would refuse it only at commit, as a 500).
         */
        private String refusedVariable(JsonNode sent) {
            JsonNode variables = sent.path("variables");
            for (var it = variables.fields(); it.hasNext(); ) {
                var variable = it.next();
                JsonNode type = variable.getValue().path("type");
                JsonNode value = variable.getValue().path("value");
                boolean typed = !type.isMissingNode() && !type.isNull();
                if (typed && (!type.isTextual() || !FORM_TYPES.contains(type.asText().toLowerCase(java.util.Locale.ROOT)))) {
                    return "变量「" + variable.getKey() + "」的类型「" + type.asText() + "」不受支持，请使用 " + FORM_TYPE_NAMES
                            + " 类型（文件请在项目页面上传）";
                }
                if (value.isTextual() && (!typed || type.asText().equalsIgnoreCase("string"))) {
                    String text = value.asText();
                    if (CONTROL.matcher(text).find()) {
                        return "「" + variable.getKey() + "」不能包含控制字符";
                    }
                    if (text.codePointCount(0, text.length()) > TaskInputs.MAX_TEXT) {
                        return "「" + variable.getKey() + "」内容过长（不超过 " + TaskInputs.MAX_TEXT + " 字）";
                    }
                }
            }
            return null;
        }

        private JsonNode body(byte[] content) {
            try {
                return content.length == 0 ? json.createObjectNode() : json.readTree(content);
            } catch (IOException notJson) {
                return json.createObjectNode();
            }
        }

        private void rewrite(ContentCachingResponseWrapper wrapper, int status, String type, String message) throws IOException {
            ObjectNode error = json.createObjectNode();
            error.put("type", type);
            error.put("message", message);
            wrapper.resetBuffer();
            wrapper.setStatus(status);
            wrapper.setContentType("application/json;charset=UTF-8");
            wrapper.getOutputStream().write(json.writeValueAsBytes(error));
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
}
