package org.zhaoshang.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Camunda reports an exception thrown by a task listener as a 500 "ENGINE-03051 There was an
 * exception while invoking the TaskListener. Message: '…'". When a person completes a task with input
 * the server refuses (our listeners' Chinese messages), they should see a 400 with just that message:
 * this filter rewrites exactly that case on task completion and form submission, in the engine REST
 * API and in the webapps' API (what Tasklist calls), and leaves every other response alone.
 */
@Configuration(proxyBeanMethods = false)
class TaskInputErrorFilter {

    private static final Pattern WRAPPED = Pattern.compile(
            "ENGINE-03051 There was an exception while invoking the TaskListener\\. Message: 'Exception while invoking TaskListener: (.*)'",
            Pattern.DOTALL);
    private static final Pattern TASK_ACTION = Pattern.compile(".*/task/[^/]+/(complete|submit-form|resolve)$");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> taskInputErrors(ObjectMapper json) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !"POST".equals(request.getMethod()) || !TASK_ACTION.matcher(request.getRequestURI()).matches();
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
                chain.doFilter(request, wrapper);
                if (wrapper.getStatus() == 500) {
                    String body = new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8);
                    Matcher matcher = WRAPPED.matcher(body.replace("\\'", "'"));
                    if (matcher.find()) {
                        ObjectNode error = json.createObjectNode();
                        error.put("type", "InvalidRequestException");
                        error.put("message", matcher.group(1).replaceAll("\"\\s*}\\s*$", ""));
                        wrapper.resetBuffer();
                        wrapper.setStatus(400);
                        wrapper.setContentType("application/json;charset=UTF-8");
                        wrapper.getOutputStream().write(json.writeValueAsBytes(error));
                    }
                }
                wrapper.copyBodyToResponse();
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("taskInputErrors");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        // After Spring Security and the authentication filters, around the REST resources.
        registration.setOrder(0);
        return registration;
    }
}
