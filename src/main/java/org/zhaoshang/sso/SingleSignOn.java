package org.zhaoshang.sso;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.EngineIdentityAuthenticationProvider;

/**
 * Single sign-on with the district's OpenID Connect provider: the authorization code flow with PKCE for people (one
 * login for the pages, Tasklist, Cockpit and Admin, as the password login gives), bearer tokens from the same provider
 * for the API. Either way the person is the directory user the configured claim names, with that user's groups, so
 * everything downstream (Camunda's authorizations, the task rules) sees the same principal as after a password login.
 * Logging out of the app also ends the provider's session (RP-initiated logout).
 */
@Component
@ConditionalOnProperty(name = "app.sso.enabled", havingValue = "true")
public class SingleSignOn {

    static final String ID_TOKEN = SingleSignOn.class.getName() + ".idToken";
    private static final Logger log = LoggerFactory.getLogger(SingleSignOn.class);

    private final SsoProperties properties;
    private final DistrictProvider provider;
    private final EngineIdentityAuthenticationProvider identity;
    private final String baseUrl;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SingleSignOn(SsoProperties properties, EngineIdentityAuthenticationProvider identity, @Value("${app.base-url}") String baseUrl) {
        this.properties = properties;
        this.provider = new DistrictProvider(properties);
        this.identity = identity;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public SsoProperties properties() {
        return properties;
    }

    public org.springframework.security.oauth2.client.registration.ClientRegistrationRepository clients() {
        return provider;
    }

    /** Every authorization request carries a PKCE challenge (S256), for confidential clients too. */
    public OAuth2AuthorizationRequestResolver authorizationRequests() {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(provider, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(
                org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers.withPkce());
        return resolver;
    }

    /** The provider's person, refused when the directory does not know the user the claim names. */
    public OidcUserService users() {
        return new OidcUserService() {
            @Override
            public OidcUser loadUser(OidcUserRequest request) {
                OidcUser user = super.loadUser(request);
                String userId = user.getClaimAsString(properties.userClaim());
                if (userId == null || identity.staffUser(userId).isEmpty()) {
                    log.warn("SSO login refused: the token's {} ({}) names no user of the directory", properties.userClaim(), userId);
                    throw new OAuth2AuthenticationException(new OAuth2Error("unknown_user",
                            "统一身份认证账号 " + userId + " 在本系统中不存在，请联系系统管理员", null));
                }
                return user;
            }
        };
    }

    /** After the provider's login: the session holds the same principal a password login gives, and the ID token for logout. */
    public SavedRequestAwareAuthenticationSuccessHandler loggedIn() {
        return new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
                    throws ServletException, IOException {
                OidcUser user = (OidcUser) authentication.getPrincipal();
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(identity.authenticatedAs(user.getClaimAsString(properties.userClaim())));
                SecurityContextHolder.setContext(context);
                contexts.saveContext(context, request, response);
                request.getSession().setAttribute(ID_TOKEN, user.getIdToken().getTokenValue());
                super.onAuthenticationSuccess(request, response, context.getAuthentication());
            }
        };
    }

    public AuthenticationFailureHandler refused() {
        return (request, response, exception) -> {
            String reason = exception instanceof OAuth2AuthenticationException oauth && "unknown_user".equals(oauth.getError().getErrorCode())
                    ? "unknownAccount" : "ssoFailed";
            if (!"unknownAccount".equals(reason)) {
                log.warn("SSO login failed: {}", exception.getMessage());
            }
            response.sendRedirect(request.getContextPath() + "/login?" + reason);
        };
    }

    /** Logging out of the app ends the provider's session too, then comes back to the login page. */
    public LogoutSuccessHandler loggedOut(String localTarget) {
        return (request, response, authentication) -> {
            String idToken = (String) request.getAttribute(ID_TOKEN);
            String endSession = idToken == null ? null : endSessionEndpoint();
            if (endSession == null) {
                response.sendRedirect(request.getContextPath() + localTarget);
                return;
            }
            response.sendRedirect(endSession + (endSession.contains("?") ? "&" : "?") + "id_token_hint=" + encode(idToken)
                    + "&post_logout_redirect_uri=" + encode(baseUrl + "/login?logout"));
        };
    }

    /** Keeps the ID token for the logout handler before the session is invalidated. */
    public org.springframework.security.web.authentication.logout.LogoutHandler rememberIdToken() {
        return (request, response, authentication) -> {
            HttpSession session = request.getSession(false);
            if (session != null && session.getAttribute(ID_TOKEN) != null) {
                request.setAttribute(ID_TOKEN, session.getAttribute(ID_TOKEN));
            }
        };
    }

    private String endSessionEndpoint() {
        try {
            return provider.endSessionEndpoint();
        } catch (RuntimeException providerDown) {
            log.warn("SSO logout: the provider cannot be reached, only the local session ended ({})", providerDown.getMessage());
            return null;
        }
    }

    /**
     * Bearer tokens: signed by the provider (its published keys), issued by it, for this application (audience), not
     * expired; anything else is a 401. Resolved lazily, like the login.
     */
    public JwtDecoder bearerTokens() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(properties.expectedAudience()));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuerUri()), audience));
        return decoder;
    }

    /** A valid token's person: the directory user its claim names, with that user's groups. */
    public Converter<Jwt, AbstractAuthenticationToken> bearerPerson() {
        return jwt -> {
            String userId = jwt.getClaimAsString(properties.userClaim());
            if (userId == null || identity.staffUser(userId).isEmpty()) {
                throw new UnknownPerson("令牌中的用户（" + properties.userClaim() + "=" + userId + "）在本系统中不存在");
            }
            return (UsernamePasswordAuthenticationToken) identity.authenticatedAs(userId);
        };
    }

    /** The Chinese answer to a refused bearer token. */
    public static String refusal(AuthenticationException exception) {
        if (exception instanceof UnknownPerson) {
            return exception.getMessage();
        }
        String detail = exception.getMessage() == null ? "" : exception.getMessage();
        if (detail.contains("expired")) {
            return "访问令牌已过期，请重新获取";
        }
        return "访问令牌无效（签名、签发方或受众不符）";
    }

    /**
     * A valid token naming nobody the directory knows. Not an InvalidBearerTokenException: that one keeps only an ASCII
     * description (RFC 6750), and the person must read the reason.
     */
    static final class UnknownPerson extends org.springframework.security.authentication.BadCredentialsException {

        UnknownPerson(String message) {
            super(message);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
