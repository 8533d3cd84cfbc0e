package org.zhaoshang.engine;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Camunda reports our refusals of a person's input wrapped as 500s: a task listener's as "ENGINE-03051
 * There was an exception while invoking the TaskListener. Message: '…'", a start step's as "Cannot
 * instantiate process definition …: …". The person should see a 400 with just our Chinese message.
 * This filter rewrites exactly those cases on task completion, form submission and process start, in
 * the engine REST API and in the webapps' API (what Tasklist calls): only when the wrapped message is
 * ours (Chinese; the engine's own messages are English), leaving every other response alone.
 */
@Configuration(proxyBeanMethods = false)
class TaskInputErrorFilter {

    private static final Pattern[] WRAPPED = {
        Pattern.compile("ENGINE-03051 There was an exception while invoking the TaskListener\\. Message: 'Exception while invoking TaskListener: (.*)'", Pattern.DOTALL),
        Pattern.compile("Cannot instantiate process definition \\S+: (.*)", Pattern.DOTALL)};
    private static final Pattern ACTION = Pattern.compile(
            ".*/(task/[^/]+/(complete|submit-form|resolve)|process-definition/.+/(start|submit-form))$");
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

    @Bean
    FilterRegistrationBean<RefusalFilter> taskInputErrors(ObjectMapper json) {
        FilterRegistrationBean<RefusalFilter> registration = new FilterRegistrationBean<>(new RefusalFilter(json));
        registration.setName("taskInputErrors");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        // After Spring Security and the authentication filters, around the REST resources.
        registration.setOrder(0);
        return registration;
    }

    static final class RefusalFilter extends OncePerRequestFilter {

        private final ObjectMapper json;

        RefusalFilter(ObjectMapper json) {
            this.json = json;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod()) || !ACTION.matcher(request.getRequestURI()).matches();
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, wrapper);
            String refusal = wrapper.getStatus() == 500 ? refusal(wrapper.getContentAsByteArray()) : null;
            if (refusal != null) {
                ObjectNode error = json.createObjectNode();
                error.put("type", "InvalidRequestException");
                error.put("message", refusal);
                wrapper.resetBuffer();
                wrapper.setStatus(400);
                wrapper.setContentType("application/json;charset=UTF-8");
                wrapper.getOutputStream().write(json.writeValueAsBytes(error));
            }
            wrapper.copyBodyToResponse();
        }

        /** Our Chinese message inside a wrapped engine error, or null when the error is not a refusal of ours. */
        String refusal(byte[] body) {
            try {
                String message = json.readTree(body).path("message").asText("");
                for (Pattern pattern : WRAPPED) {
                    Matcher matcher = pattern.matcher(message);
                    if (matcher.find() && CHINESE.matcher(matcher.group(1)).find()) {
                        return matcher.group(1).strip();
                    }
                }
            } catch (IOException notJson) {
                // not an engine error body
            }
            return null;
        }
    }
}
