package org.zhaoshang.directory;

import java.util.Map;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.camunda.bpm.identity.impl.ldap.util.CertificateHelper;

/**
 * Directory mode's engine wiring: Camunda's LDAP plugin configured from {@code app.directory.ldap} (its own property
 * names), with {@link MirroredIdentityProvider} as the engine's identity provider instead of the plugin's per-query
 * LDAP session. Every connection to the directory is bounded: connect and read time-outs of the JNDI LDAP provider.
 */
class DirectoryEnginePlugin extends AbstractProcessEnginePlugin {

    private final LdapConfiguration ldap;
    private final boolean localAccounts;

    DirectoryEnginePlugin(DirectoryProperties properties) {
        this.ldap = ldapConfiguration(properties.ldap());
        this.localAccounts = properties.localAccounts();
        if (properties.ldap().acceptUntrustedCertificates()) {
            CertificateHelper.acceptUntrusted();
        }
    }

    LdapConfiguration ldap() {
        return ldap;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new MirroredIdentityProvider.Factory(ldap, localAccounts));
    }

    static LdapConfiguration ldapConfiguration(DirectoryProperties.Ldap properties) {
        LdapIdentityProviderPlugin ldap = new LdapIdentityProviderPlugin();
        ldap.setServerUrl(properties.serverUrl());
        ldap.setManagerDn(properties.managerDn());
        ldap.setManagerPassword(properties.managerPassword());
        ldap.setBaseDn(properties.baseDn());
        ldap.setUserSearchBase(properties.userSearchBase());
        ldap.setUserSearchFilter(properties.userSearchFilter());
        ldap.setUserIdAttribute(properties.userIdAttribute());
        ldap.setUserFirstnameAttribute(properties.userFirstnameAttribute());
        ldap.setUserLastnameAttribute(properties.userLastnameAttribute());
        ldap.setUserEmailAttribute(properties.userEmailAttribute());
        ldap.setGroupSearchBase(properties.groupSearchBase());
        ldap.setGroupSearchFilter(properties.groupSearchFilter());
        ldap.setGroupIdAttribute(properties.groupIdAttribute());
        ldap.setGroupNameAttribute(properties.groupNameAttribute());
        ldap.setGroupMemberAttribute(properties.groupMemberAttribute());
        ldap.setUseSsl(properties.serverUrl().startsWith("ldaps:"));
        // The mirror is read as the system; the person's own rights apply to the mirror (Camunda's authorizations).
        ldap.setAuthorizationCheckEnabled(false);
        // A wrong password is a failed login, not an error.
        ldap.setPasswordCheckCatchAuthenticationException(true);
        ldap.setContextProperties(Map.of(
                "com.sun.jndi.ldap.connect.timeout", String.valueOf(properties.connectTimeout().toMillis()),
                "com.sun.jndi.ldap.read.timeout", String.valueOf(properties.readTimeout().toMillis())));
        return ldap;
    }
}
