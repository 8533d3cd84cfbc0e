package org.zhaoshang.sso;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * The district's provider as Spring Security's client registration, read from its discovery document on first use
 * (not at start-up: a provider that is down must not keep the application, and its local login, from starting). A
 * failed discovery is tried again at the next login.
 */
class DistrictProvider implements ClientRegistrationRepository {

    private final SsoProperties properties;
    private volatile ClientRegistration registration;

    DistrictProvider(SsoProperties properties) {
        this.properties = properties;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!SsoProperties.REGISTRATION.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration;
        if (known == null) {
            known = ClientRegistrations.fromIssuerLocation(properties.issuerUri())
                    .registrationId(SsoProperties.REGISTRATION)
                    .clientName(properties.providerName())
                    .clientId(properties.clientId())
                    .clientSecret(properties.clientSecret())
                    .scope(properties.scopes())
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .userNameAttributeName(properties.userClaim())
                    .build();
            registration = known;
        }
        return known;
    }

    /** The provider's end-session endpoint (OpenID Connect RP-initiated logout), when it publishes one. */
    String endSessionEndpoint() {
        Object endpoint = findByRegistrationId(SsoProperties.REGISTRATION).getProviderDetails().getConfigurationMetadata()
                .get("end_session_endpoint");
        return endpoint == null ? null : endpoint.toString();
    }
}
