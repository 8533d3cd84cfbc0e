package org.zhaoshang.directory;

import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.identity.db.DbReadOnlyIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;

/**
 * The engine's identity provider in directory mode: every query (Tasklist, Admin, escalation recipients, the
 * authorization checks) reads the engine's own identity tables, which {@link DirectorySync} keeps as a mirror of the
 * directory; only the password check asks the directory (a bind, through the client of Camunda's LDAP plugin). So a directory that is down or
 * slow stalls no task list and loses no escalation (the last mirror serves), and Admin shows the directory read-only
 * (no writable provider is registered).
 *
 * <p>Local accounts (the administrator fallback created from ADMIN_PASSWORD) are the mirror's users with a password of
 * their own; they are checked by Camunda's own provider (hash, failed attempts, lock-out) while local accounts are on.
 */
class MirroredIdentityProvider extends DbReadOnlyIdentityServiceProvider {

    private final LdapConfiguration ldap;
    private final boolean localAccounts;

    MirroredIdentityProvider(LdapConfiguration ldap, boolean localAccounts) {
        this.ldap = ldap;
        this.localAccounts = localAccounts;
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        if (userId == null || password == null || password.isEmpty()) {
            return false;
        }
        UserEntity user = findUserById(userId);
        if (user == null) {
            // Not (yet) in the mirror: a person the directory does not list, or one added since the last refresh.
            return false;
        }
        if (user.getPassword() != null) {
            return localAccounts && new DbIdentityServiceProvider().checkPassword(userId, password);
        }
        try (DirectoryClient directory = new DirectoryClient(ldap)) {
            return directory.dnOf(userId).map(dn -> directory.bind(dn, password)).orElse(false);
        }
    }

    /** Registered by {@link DirectoryEnginePlugin} as the engine's only identity provider. */
    static final class Factory implements SessionFactory {

        private final LdapConfiguration ldap;
        private final boolean localAccounts;

        Factory(LdapConfiguration ldap, boolean localAccounts) {
            this.ldap = ldap;
            this.localAccounts = localAccounts;
        }

        @Override
        public Class<?> getSessionType() {
            return ReadOnlyIdentityProvider.class;
        }

        @Override
        public Session openSession() {
            return new MirroredIdentityProvider(ldap, localAccounts);
        }
    }
}
