package org.zhaoshang.sso;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.sso}: single sign-on through the district's OpenID Connect provider (统一身份认证平台). Off unless
 * {@code enabled}. The person is the directory user named by the token's {@code userClaim}; bearer tokens for the
 * API must name {@code audience} (the client id when empty). {@code localLogin=false} removes the password form (the
 * administrators' fallback) and the webapps' own login.
 */
@ConfigurationProperties("app.sso")
public record SsoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("") String issuerUri,
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue({"openid", "profile"}) List<String> scopes,
        @DefaultValue("preferred_username") String userClaim,
        @DefaultValue("") String audience,
        @DefaultValue("true") boolean localLogin,
        @DefaultValue("统一身份认证") String providerName) {

    /** The registration id in Spring Security's paths: /oauth2/authorization/district, /login/oauth2/code/district. */
    public static final String REGISTRATION = "district";

    public String expectedAudience() {
        return audience.isBlank() ? clientId : audience;
    }
}
