package org.zhaoshang.engine;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine refuses a list without a page size (queryMaxResultsLimit). Camunda's own webapps still ask
 * for one such list — Cockpit's version picker of a process definition ({@code GET process-definition?key=…}),
 * a handful of rows — so a GET of the webapps' engine API without {@code maxResults} gets the first page of
 * the limit's size instead of an error. The engine REST API for integrations stays strict: a client there
 * must page, and is told so, rather than silently getting a truncated list.
 */
@Configuration(proxyBeanMethods = false)
class WebappListPaging {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webappListPagingFilter(ProcessEngine engine) {
        int limit = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getQueryMaxResultsLimit();
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return limit == Integer.MAX_VALUE || !"GET".equals(request.getMethod()) || request.getParameter("maxResults") != null;
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                chain.doFilter(new FirstPage(request, limit), response);
            }
        });
        registration.setName("webappListPaging");
        registration.addUrlPatterns("/camunda/api/engine/*");
        registration.setOrder(1);
        return registration;
    }

    /** The request with {@code firstResult} (if absent) and {@code maxResults} added to its query string and parameters. */
    static final class FirstPage extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;
        private final String queryString;

        FirstPage(HttpServletRequest request, int limit) {
            super(request);
            Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
            StringBuilder query = new StringBuilder(request.getQueryString() == null ? "" : request.getQueryString());
            if (!parameters.containsKey("firstResult")) {
                parameters.put("firstResult", new String[] {"0"});
                query.append(query.isEmpty() ? "" : "&").append("firstResult=0");
            }
            parameters.put("maxResults", new String[] {Integer.toString(limit)});
            query.append(query.isEmpty() ? "" : "&").append("maxResults=").append(limit);
            this.parameters = Collections.unmodifiableMap(parameters);
            this.queryString = query.toString();
        }

        @Override
        public String getQueryString() {
            return queryString;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }
    }
}
