package org.zhaoshang.directory;

import java.util.Optional;

import javax.naming.NamingException;
import javax.naming.ldap.LdapContext;

import org.camunda.bpm.engine.impl.identity.IdentityProviderException;
import org.camunda.bpm.identity.impl.ldap.LdapAuthenticationException;
import org.camunda.bpm.identity.impl.ldap.LdapClient;
import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;
import org.camunda.bpm.identity.impl.ldap.LdapSearchResults;

/**
 * The client of Camunda's LDAP plugin for one read or one password check, then closed (its connection is not shared
 * between threads). Unlike the plugin's session it needs no engine query to find a person's DN, so it works beside
 * {@link MirroredIdentityProvider}.
 */
final class DirectoryClient extends LdapClient implements AutoCloseable {

    DirectoryClient(LdapConfiguration configuration) {
        super(configuration);
        ensureContextInitialized();
    }

    /** The search base under the configured base DN. */
    String base(String searchBase) {
        String base = ldapConfiguration.getBaseDn() == null ? "" : ldapConfiguration.getBaseDn();
        if (searchBase == null || searchBase.isBlank()) {
            return base;
        }
        return base.isBlank() ? searchBase : searchBase + "," + base;
    }

    /** A person's DN by their user id, as the people search finds them. */
    Optional<String> dnOf(String userId) {
        String filter = "(&" + ldapConfiguration.getUserSearchFilter() + "(" + ldapConfiguration.getUserIdAttribute() + "="
                + escape(userId) + "))";
        try (LdapSearchResults results = search(base(ldapConfiguration.getUserSearchBase()), filter)) {
            return results.hasMoreElements() ? Optional.of(results.nextElement().getNameInNamespace()) : Optional.empty();
        }
    }

    /** True when the directory accepts the password for the DN (a bind), false when it refuses it. */
    boolean bind(String dn, String password) {
        try {
            LdapContext context = openContext(dn, password);
            closeLdapCtx(context);
            return true;
        } catch (LdapAuthenticationException refused) {
            return false;
        }
    }

    @Override
    public void close() {
        closeLdapCtx();
    }

    /** RFC 4515: a value inside a search filter. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\5c");
                case '*' -> escaped.append("\\2a");
                case '(' -> escaped.append("\\28");
                case ')' -> escaped.append("\\29");
                case '\0' -> escaped.append("\\00");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    static IdentityProviderException failed(NamingException e) {
        return new IdentityProviderException("目录读取失败：" + e.getMessage(), e);
    }
}
