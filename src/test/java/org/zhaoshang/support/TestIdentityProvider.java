package org.zhaoshang.support;

import java.util.List;
import java.util.UUID;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * A real OpenID Connect provider for the single sign-on tests: Spring Authorization Server in the test JVM on a port of
 * its own (discovery, authorization with its login page, token, JWKS, userinfo, end-session), with the district's
 * people (the directory's user ids, and one person the directory does not know), and the application as a confidential
 * client that must use PKCE. Its tokens name the person in {@code preferred_username}, as the district's platform does.
 * Only the auto-configuration a servlet app with security needs is imported, not the product's.
 */
public final class TestIdentityProvider implements AutoCloseable {

    public static final String CLIENT_ID = "zhaoshang";
    public static final String CLIENT_SECRET = "Client-Secret-2026";
    /** The password of every person at the provider. */
    public static final String PASSWORD = "Idp-Pass-2026!";

    private final ConfigurableApplicationContext context;
    private final RSAKey key;

    private TestIdentityProvider(ConfigurableApplicationContext context, RSAKey key) {
        this.context = context;
        this.key = key;
    }

    /** Starts the provider for an application on {@code appBaseUrl} (its redirect and post-logout addresses). */
    public static TestIdentityProvider start(String appBaseUrl, List<String> people) throws Exception {
        RSAKey key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        Provider.key = key;
        Provider.appBaseUrl = appBaseUrl;
        Provider.people = people;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Provider.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=test-identity-provider", "server.port=0", "server.address=127.0.0.1",
                        "server.servlet.session.cookie.name=IDPSESSION", "spring.main.banner-mode=off", "spring.jmx.enabled=false")
                .run();
        return new TestIdentityProvider(context, key);
    }

    public int port() {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The issuer: what the application discovers the provider by, and what its tokens must name. */
    public String issuer() {
        return "http://127.0.0.1:" + port();
    }

    /** The provider's signing key, to mint tokens the way it does (for the tests of bearer tokens). */
    public RSAKey signingKey() {
        return key;
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * Not annotated as a configuration on purpose: the application's own start (AppProcess, on the test classpath) scans
     * org.zhaoshang for configurations and must not find this one. Registered as the primary source instead.
     */
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            JacksonAutoConfiguration.class, SecurityAutoConfiguration.class})
    static class Provider {

        static RSAKey key;
        static String appBaseUrl;
        static List<String> people;

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, s -> s.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                    .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain loginPage(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService people() {
            return new InMemoryUserDetailsManager(people.stream()
                    .map(id -> User.withUsername(id).password("{noop}" + PASSWORD).roles("USER").build()).toList());
        }

        @Bean
        RegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId(CLIENT_ID)
                    .clientId(CLIENT_ID)
                    .clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .redirectUri(appBaseUrl + "/login/oauth2/code/district")
                    .postLogoutRedirectUri(appBaseUrl + "/login?logout")
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                    .build());
        }

        @Bean
        JWKSource<SecurityContext> keys() {
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** For the provider's own userinfo endpoint (it reads the access token it issued). */
        @Bean
        org.springframework.security.oauth2.jwt.JwtDecoder tokens(JWKSource<SecurityContext> keys) {
            return org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration
                    .OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }

        /** The person's id in preferred_username, in the ID token and the access token (not for client credentials). */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> personClaim() {
            return context -> {
                if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                    context.getClaims().claim("preferred_username", context.getPrincipal().getName());
                }
            };
        }
    }
}
