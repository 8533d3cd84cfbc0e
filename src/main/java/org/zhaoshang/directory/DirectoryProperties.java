package org.zhaoshang.directory;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.directory}: the district's LDAP / Active Directory as the source of people, units and memberships
 * (README, "Connecting the district's directory and single sign-on"). Off unless {@code ldap.enabled}; then the
 * engine's identity service is read-only (Camunda Admin shows the directory) and {@link DirectorySync} mirrors the
 * directory every {@code refreshInterval}.
 */
@ConfigurationProperties("app.directory")
public record DirectoryProperties(
        @DefaultValue Ldap ldap,
        @DefaultValue Attributes attributes,
        @DefaultValue("PT5M") Duration refreshInterval,
        @DefaultValue("0.2") double maxRemovedShare,
        @DefaultValue("true") boolean localAccounts) {

    /** Where the directory is and how Camunda's LDAP plugin reads it (the plugin's own property names). */
    public record Ldap(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("") String serverUrl,
            @DefaultValue("") String managerDn,
            @DefaultValue("") String managerPassword,
            @DefaultValue("") String baseDn,
            @DefaultValue("ou=people") String userSearchBase,
            @DefaultValue("(objectClass=inetOrgPerson)") String userSearchFilter,
            @DefaultValue("uid") String userIdAttribute,
            @DefaultValue("givenName") String userFirstnameAttribute,
            @DefaultValue("sn") String userLastnameAttribute,
            @DefaultValue("mail") String userEmailAttribute,
            @DefaultValue("ou=groups") String groupSearchBase,
            @DefaultValue("(objectClass=groupOfNames)") String groupSearchFilter,
            @DefaultValue("cn") String groupIdAttribute,
            @DefaultValue("description") String groupNameAttribute,
            @DefaultValue("member") String groupMemberAttribute,
            @DefaultValue("false") boolean acceptUntrustedCertificates,
            @DefaultValue("PT5S") Duration connectTimeout,
            @DefaultValue("PT10S") Duration readTimeout) {
    }

    /**
     * Directory attributes the product reads beyond what Camunda keeps of a person (id, names, e-mail); an empty name
     * turns one off. {@code supervisor} and {@code groupHead} hold a DN (LDAP's {@code manager}, {@code owner}).
     */
    public record Attributes(
            @DefaultValue("title") String title,
            @DefaultValue("telephoneNumber") String phone,
            @DefaultValue("mobile") String mobile,
            @DefaultValue("") String wecomUserId,
            @DefaultValue("manager") String supervisor,
            @DefaultValue("owner") String groupHead) {
    }
}
