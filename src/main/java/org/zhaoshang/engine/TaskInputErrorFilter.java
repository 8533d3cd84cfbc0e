package org.zhaoshang.engine;

import java.io.IOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
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
 * 400 saying what the policy asks, on every write of the two APIs.
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
    private static final Pattern CONCURRENT = Pattern.compile("ENGINE-03005|was updated by another transaction concurrently"
            + "|Cannot find task with id|task is null");

    @Bean
    FilterRegistrationBean<RefusalFilter> taskInputErrors(ObjectMapper json, HistoryService history, IdentityService identity,
            OrgDirectory names) {
        FilterRegistrationBean<RefusalFilter> registration = new FilterRegistrationBean<>(new RefusalFilter(json, history, identity, names));
        registration.setName("taskInputErrors");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        // After Spring Security and the authentication filters, around the REST resources.
        registration.setOrder(0);
        return registration;
    }

    static final class RefusalFilter extends OncePerRequestFilter {

        private final ObjectMapper json;
        private final HistoryService history;
        private final IdentityService identity;
        private final OrgDirectory names;

        RefusalFilter(ObjectMapper json, HistoryService history, IdentityService identity, OrgDirectory names) {
            this.json = json;
            this.history = history;
            this.identity = identity;
            this.names = names;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            // Reads never carry a person's input; writes with a variable may carry a serialized Java object.
            return !Set.of("POST", "PUT").contains(request.getMethod());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, wrapper);
            int status = wrapper.getStatus();
            if (status >= 400) {
                String uri = request.getRequestURI();
                JsonNode error = body(wrapper.getContentAsByteArray());
                String message = error.path("message").asText("");
                String refusal;
                if (status == 500 && DatabaseUnavailable.isMessage(message)) {
                    rewrite(wrapper, 503, "DatabaseUnavailable", DatabaseUnavailable.MESSAGE);
                    wrapper.setHeader("Retry-After", "10");
                } else if (status == 500 && message.startsWith("Password does not match policy")) {
                    rewrite(wrapper, 400, "InvalidRequestException",
                            "密码不符合密码策略：至少 10 个字符，须包含大写字母、小写字母、数字和特殊字符，且不得包含用户名或姓名");
                } else if (status == 500 && SERIALIZED_JAVA.matcher(message).find()) {
                    rewrite(wrapper, 400, "InvalidRequestException", "不接受 Java 序列化格式的变量（application/x-java-serialized-object），请改用 JSON");
                } else if (status == 500 && ACTION.matcher(uri).matches() && (refusal = refusal(message)) != null) {
                    rewrite(wrapper, 400, "InvalidRequestException", refusal);
                } else if (TASK_ACTION.matcher(uri).matches()) {
                    String conflict = conflict(uri, status, error);
                    if (conflict != null) {
                        rewrite(wrapper, 409, "TaskConflict", conflict);
                    }
                }
            }
            wrapper.copyBodyToResponse();
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
            return history.createHistoricIdentityLinkLogQuery().taskId(taskId).list().stream()
                    .anyMatch(link -> caller.getUserId().equals(link.getUserId())
                            || (link.getGroupId() != null && groups.contains(link.getGroupId())));
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
