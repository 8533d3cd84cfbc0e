package org.zhaoshang.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.zhaoshang.identity.EngineIdentityAuthenticationProvider;

/**
 * The webapps show their own login form when a session has expired. Its POST is let through to
 * Camunda (which checks the password and opens the webapp session); on success the Spring Security
 * session that guards everything else opens with it: one login, whichever form the person used.
 * Built by {@link SecurityConfiguration}, not a bean, so that Spring Boot does not also register it as a servlet filter for every path.
 */
class WebappLoginBridge extends OncePerRequestFilter {

    static final String LOGIN_PATH = "/camunda/api/admin/auth/user/{engine}/login/{app}";

    private final RequestMatcher loginRequest = SecurityConfiguration.path(HttpMethod.POST, LOGIN_PATH);
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final EngineIdentityAuthenticationProvider identity;

    WebappLoginBridge(EngineIdentityAuthenticationProvider identity) {
        this.identity = identity;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !loginRequest.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Read before Camunda's resource consumes the form body (Jersey falls back to the parameters).
        String username = request.getParameter("username");
        chain.doFilter(request, response);
        // Camunda's login resource checked the password (with its throttling) and answers 200 only on
        // success; it also replaces the session (session fixation). The Spring Security context goes
        // into the session the person now has. The password is not checked a second time, which would
        // count a failed attempt twice.
        if (response.getStatus() == HttpServletResponse.SC_OK && username != null && request.getSession(false) != null) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(identity.authenticatedAs(username));
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
        }
    }
}
