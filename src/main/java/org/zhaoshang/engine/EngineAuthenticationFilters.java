package org.zhaoshang.engine;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hands the user that Spring Security authenticated to Camunda. Both filters run right after Spring
 * Security and read {@code request.getUserPrincipal()} (Spring's request wrapper answers it), then set
 * the engine's authenticated user and groups, so Camunda's authorization checks apply to that person:
 * for the engine REST API per request, for the webapps in their session.
 */
@Configuration(proxyBeanMethods = false)
class EngineAuthenticationFilters {

    private static final String PROVIDER_PARAM = "authentication-provider";
    /** Right after Spring Security's filter chain, before the webapps' own session filter. */
    private static final int ORDER = SecurityProperties.DEFAULT_FILTER_ORDER + 1;

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engineRestAuthentication");
        registration.addInitParameter(PROVIDER_PARAM, ContainerBasedAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("webappContainerAuthentication");
        registration.addInitParameter(PROVIDER_PARAM, ContainerBasedAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(ORDER);
        return registration;
    }
}
