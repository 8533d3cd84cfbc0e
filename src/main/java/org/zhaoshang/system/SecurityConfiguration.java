package org.zhaoshang.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.zhaoshang.identity.EngineIdentityAuthenticationProvider;
import org.zhaoshang.identity.DepartedPeople;
import org.zhaoshang.sso.SingleSignOn;
import org.zhaoshang.identity.GroupIds;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One login for everything. Three filter chains share the Spring Security session:
 * <ol>
 * <li>{@code /engine-rest/**} and {@code /api/**}: HTTP Basic for API clients or the browser session;
 * 401/403 as JSON; CSRF checked for session-authenticated writes.</li>
 * <li>{@code /camunda/**} (Cockpit, Tasklist, Admin): the session; the webapps' own login form and
 * logout are bridged to Spring Security; Camunda's own CSRF filter and CSP protect the webapps.</li>
 * <li>everything else: the app's pages with a Chinese login form.</li>
 * </ol>
 * The engine REST API and the webapps take the user from {@code request.getUserPrincipal()} (see
 * {@code engine.EngineAuthenticationFilters}), so Camunda's authorization checks apply to that user.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'self'";
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    private final ObjectMapper json;
    private final DepartedPeople departed;
    /** Single sign-on with the district's OpenID Connect provider, when {@code app.sso.enabled}. */
    private final SingleSignOn sso;
    /** The password form (and the webapps' own login form); off only beside single sign-on. */
    private final boolean localLogin;

    SecurityConfiguration(ObjectMapper json, DepartedPeople departed, ObjectProvider<SingleSignOn> sso,
            @Value("${app.sso.local-login:true}") boolean localLogin) {
        this.json = json;
        this.departed = departed;
        this.sso = sso.getIfAvailable();
        this.localLogin = localLogin || this.sso == null;
    }

    @Bean
    AuthenticationManager authenticationManager(EngineIdentityAuthenticationProvider camundaIdentity) {
        return new ProviderManager(camundaIdentity);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
        http.securityMatcher(new OrRequestMatcher(path("/engine-rest/**"), path("/api/**")))
                .authorizeHttpRequests(auth -> auth
                        // A deployment may contain scripts: only administrators deploy or delete models.
                        .requestMatchers(path(HttpMethod.POST, "/engine-rest/deployment/**"),
                                path(HttpMethod.POST, "/engine-rest/engine/{engine}/deployment/**")).hasAuthority(GroupIds.ADMIN)
                        .requestMatchers(path(HttpMethod.DELETE, "/engine-rest/deployment/**"),
                                path(HttpMethod.DELETE, "/engine-rest/engine/{engine}/deployment/**")).hasAuthority(GroupIds.ADMIN)
                        // Executing a job by hand: Camunda counts a refused attempt (no permission) as a failure
                        // of the job, so anyone could use up another unit's timer retries and stop its escalation.
                        .requestMatchers(path(HttpMethod.POST, "/engine-rest/job/{id}/execute"),
                                path(HttpMethod.POST, "/engine-rest/engine/{engine}/job/{id}/execute")).hasAuthority(GroupIds.ADMIN)
                        .requestMatchers(path("/api/admin/**")).hasAuthority(GroupIds.ADMIN)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(jsonUnauthorized(true)))
                .addFilterBefore(departed.sessionFilter(), AuthorizationFilter.class)
                // CSRF tokens are required only of writes that ride on a logged-in session cookie. Basic
                // credentials are sent deliberately by API clients, and a request without any login
                // must get 401, not a CSRF 403.
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(request ->
                        CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request) && !hasCredentials(request)
                                && isAuthenticated()))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(jsonUnauthorized(true)).accessDeniedHandler(jsonForbidden()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(API_CSP))
                        .referrerPolicy(ref -> ref.policy(ReferrerPolicy.SAME_ORIGIN)));
        if (sso != null) {
            // Integrations may send the provider's access tokens instead of a password (HTTP Basic stays).
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.decoder(sso.bearerTokens()).jwtAuthenticationConverter(sso.bearerPerson()))
                    .authenticationEntryPoint(bearerRefused()));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webappChain(HttpSecurity http, EngineIdentityAuthenticationProvider identity) throws Exception {
        http.securityMatcher(path("/camunda/**"))
                .authorizeHttpRequests(auth -> auth
                        // Admin's first-run page creates an administrator whenever camunda-admin has no member
                        // (even in a running system whose group was emptied by mistake). Administrators come
                        // from ADMIN_PASSWORD at start-up (identity.IdentityBootstrap), so it is never open.
                        .requestMatchers(path("/camunda/api/admin/setup/**"), path("/camunda/app/admin/{engine}/setup/**")).denyAll()
                        // Without the local login, the webapps' own login form is refused too (single sign-on only).
                        .requestMatchers(request -> !localLogin && path(HttpMethod.POST, WebappLoginBridge.LOGIN_PATH).matches(request)).denyAll()
                        .requestMatchers(path(HttpMethod.POST, "/camunda/api/engine/engine/{engine}/deployment/**"),
                                path(HttpMethod.DELETE, "/camunda/api/engine/engine/{engine}/deployment/**"),
                                path(HttpMethod.POST, "/camunda/api/engine/engine/{engine}/job/{id}/execute")).hasAuthority(GroupIds.ADMIN)
                        // Opening a webapp without a session leads to our login page (and back afterwards)…
                        .requestMatchers(path(HttpMethod.GET, "/camunda/"), path(HttpMethod.GET, "/camunda/app/"),
                                path(HttpMethod.GET, "/camunda/app/{app}/"), path(HttpMethod.GET, "/camunda/app/{app}/{engine}/"),
                                path(HttpMethod.GET, "/camunda/app/{app}/index.html")).authenticated()
                        // …but a webapp already open in the browser shows its own login view when the session
                        // ends (logout, time-out). That view needs its scripts, the "who is logged in" call
                        // (which also hands out Camunda's CSRF token) and the login call, bridged to ours.
                        .requestMatchers(path(HttpMethod.GET, "/camunda/app/**"), path(HttpMethod.GET, "/camunda/assets/**"),
                                path(HttpMethod.GET, "/camunda/lib/**"), path(HttpMethod.GET, "/camunda/favicon.ico"),
                                path(HttpMethod.GET, "/camunda/api/{app}/plugin/{plugin}/static/**"),
                                path(HttpMethod.GET, "/camunda/api/admin/auth/user/{engine}"),
                                path(HttpMethod.GET, "/camunda/api/engine/engine"),
                                path(HttpMethod.GET, "/camunda/api/engine/engine/"),
                                path(HttpMethod.POST, WebappLoginBridge.LOGIN_PATH)).permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new WebappLoginBridge(identity), AuthorizationFilter.class)
                .addFilterBefore(departed.sessionFilter(), AuthorizationFilter.class)
                // The webapps send Camunda's own X-XSRF-TOKEN, checked by Camunda's CsrfPreventionFilter.
                .csrf(csrf -> csrf.disable())
                .logout(logout -> logout
                        .logoutRequestMatcher(path(HttpMethod.POST, "/camunda/api/admin/auth/user/{engine}/logout"))
                        .logoutSuccessHandler((request, response, authentication) -> response.setStatus(HttpStatus.NO_CONTENT.value())))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(jsonUnauthorized(false), path("/camunda/api/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true))
                // Camunda's HttpHeaderSecurityFilter writes the webapps' own Content-Security-Policy.
                .headers(headers -> headers
                        .frameOptions(frame -> frame.sameOrigin())
                        .referrerPolicy(ref -> ref.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain pageChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/login"), path("/css/**"), path("/js/**"), path("/img/**"),
                                path("/favicon.ico"), path("/actuator/health"), path("/actuator/health/**"), path("/error"))
                        .permitAll()
                        .requestMatchers(path("/actuator/**"), path("/admin/**")).hasAuthority(GroupIds.ADMIN)
                        .anyRequest().authenticated())
                .addFilterBefore(departed.sessionFilter(), AuthorizationFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(pageCsp()))
                        .frameOptions(frame -> frame.sameOrigin())
                        .referrerPolicy(ref -> ref.policy(ReferrerPolicy.SAME_ORIGIN)));
        if (localLogin) {
            http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(loginFailures()));
        }
        if (sso == null) {
            http.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
        } else {
            http.oauth2Login(login -> login.loginPage("/login")
                            .clientRegistrationRepository(sso.clients())
                            .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(sso.authorizationRequests()))
                            .userInfoEndpoint(info -> info.oidcUserService(sso.users()))
                            .successHandler(sso.loggedIn())
                            .failureHandler(sso.refused()))
                    .logout(logout -> logout.logoutUrl("/logout").addLogoutHandler(sso.rememberIdToken())
                            .logoutSuccessHandler(sso.loggedOut("/login?logout")));
        }
        return http.build();
    }

    /** With single sign-on, logging out posts a form that ends at the provider's end-session page: its origin may be a form's target. */
    private String pageCsp() {
        if (sso == null) {
            return PAGE_CSP;
        }
        java.net.URI issuer = java.net.URI.create(sso.properties().issuerUri());
        String origin = issuer.getScheme() + "://" + issuer.getAuthority();
        return PAGE_CSP.replace("form-action 'self'", "form-action 'self' " + origin);
    }

    static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    private static boolean isAuthenticated() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }

    /** Credentials sent deliberately with the request (HTTP Basic, a bearer token), not a session cookie. */
    private static boolean hasCredentials(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && (header.regionMatches(true, 0, "Basic ", 0, 6) || header.regionMatches(true, 0, "Bearer ", 0, 7));
    }

    /** A locked-out account gets its own message on the login page; every other failure the same one. */
    private static AuthenticationFailureHandler loginFailures() {
        ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setDefaultFailureUrl("/login?error");
        handler.setExceptionMappings(java.util.Map.of(LockedException.class.getName(), "/login?locked",
                AuthenticationServiceException.class.getName(), "/login?unavailable"));
        return handler;
    }

    private AuthenticationEntryPoint jsonUnauthorized(boolean basicChallenge) {
        return (request, response, exception) -> {
            if (basicChallenge) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"zhaoshang\", charset=\"UTF-8\"");
            }
            writeJson(response, HttpStatus.UNAUTHORIZED, "请先登录（用户名或密码错误，或会话已过期）");
        };
    }

    /** A refused bearer token: 401 in Chinese, with the challenge RFC 6750 asks for. */
    private AuthenticationEntryPoint bearerRefused() {
        return (request, response, exception) -> {
            org.slf4j.LoggerFactory.getLogger(SecurityConfiguration.class).warn("Bearer token refused on {} {}: {} ({})", request.getMethod(),
                    request.getRequestURI(), exception.getMessage(), exception.getClass().getSimpleName());
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            writeJson(response, HttpStatus.UNAUTHORIZED, SingleSignOn.refusal(exception));
        };
    }

    private AccessDeniedHandler jsonForbidden() {
        return (request, response, exception) -> writeJson(response, HttpStatus.FORBIDDEN,
                exception instanceof CsrfException
                        ? "页面已过期或请求缺少安全令牌（CSRF），请刷新页面后重试"
                        : "无权执行此操作");
    }

    private void writeJson(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiError.of(status.value(), message));
    }
}
