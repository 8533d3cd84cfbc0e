package org.zhaoshang.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.system.FilterAnswers;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every business group may start process instances, because the review starts in Tasklist. The other
 * processes (handoff, key-project lead, agreement follow-up, 加签, monthly briefing: {@code
 * isStartableInTasklist="false"}) are started by the application inside the operation they belong to, which
 * checks who may do it and for which case. Through the two engine APIs anyone could otherwise start one with
 * variables of their choosing — a second follow-up of another unit's agreement, a handoff of a project that is
 * not theirs — by its key or id, by form submission, or by a message whose start event it has. Those calls are
 * for administrators only; the answer is a 403 in Chinese, and nothing is started.
 */
@Configuration(proxyBeanMethods = false)
class AppStartedProcesses {

    static final String REFUSED = "该流程由系统在相应的业务操作中启动（如登记协议、发起转办、加签），不能通过接口直接发起";

    /** process-definition/key/{key}[/tenant-id/{t}]/(start|submit-form) or process-definition/{id}/(start|submit-form). */
    private static final Pattern START = Pattern.compile(
            "/(?:engine/[^/]+/)?process-definition/(?:key/([^/]+)(?:/tenant-id/[^/]+)?|([^/]+))/(?:start|submit-form)/?");
    /** Message correlation and condition evaluation may start instances of processes with such start events. */
    private static final Pattern START_BY_EVENT = Pattern.compile("/(?:engine/[^/]+/)?(?:message|condition)/?");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> appStartedProcessesFilter(ProcessEngine engine, ObjectMapper json) {
        RepositoryService repository = engine.getRepositoryService();
        CommandExecutor commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !"POST".equals(request.getMethod()) || isAdministrator();
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = enginePath(request);
                Matcher start = START.matcher(path);
                boolean refused = START_BY_EVENT.matcher(path).matches();
                if (!refused && start.matches()) {
                    // The engine decodes the segment (an id's ':' may come as %3A), so the lookup must too; it is made
                    // without the caller's authorizations, so what they may read does not decide what they may start.
                    ProcessDefinition definition = commands.execute(context -> context.runWithoutAuthorization(() -> start.group(1) != null
                            ? repository.createProcessDefinitionQuery().processDefinitionKey(decode(start.group(1))).latestVersion()
                                    .unlimitedList().stream().findFirst().orElse(null)
                            : repository.createProcessDefinitionQuery().processDefinitionId(decode(start.group(2))).singleResult()));
                    // An unknown definition is left to the engine (404).
                    refused = definition != null && !definition.isStartableInTasklist();
                }
                if (!refused) {
                    chain.doFilter(request, response);
                    return;
                }
                FilterAnswers.write(json, response, request.getRequestURI().substring(request.getContextPath().length()),
                        HttpServletResponse.SC_FORBIDDEN, "无权发起", REFUSED);
            }
        });
        registration.setName("appStartedProcesses");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        registration.setOrder(2);
        return registration;
    }

    /** The path inside the engine API: after /engine-rest, or after /camunda/api/engine. */
    static String enginePath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String prefix : new String[] {"/engine-rest", "/camunda/api/engine"}) {
            if (path.startsWith(prefix)) {
                return path.substring(prefix.length());
            }
        }
        return path;
    }

    private static String decode(String segment) {
        return UriUtils.decode(segment, StandardCharsets.UTF_8);
    }

    private static boolean isAdministrator() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(GroupIds.ADMIN::equals);
    }
}
