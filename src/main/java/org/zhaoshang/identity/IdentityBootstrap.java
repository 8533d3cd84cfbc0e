package org.zhaoshang.identity;

import org.zhaoshang.system.StartupStep;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.authorization.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhaoshang.engine.EngineEdition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * At every start-up, idempotently: the standard district groups with their organisation units and
 * Tasklist authorizations, the administrators' group with all authorizations, and the first
 * administrator account. Outside the demo profile that account's password must come from the
 * environment (ADMIN_PASSWORD), so no installation ships with a known password.
 */
@Component
public class IdentityBootstrap implements StartupStep {

    @Override
    public int order() {
        return StartupStep.IDENTITIES;
    }

    @Override
    public void run() {
        bootstrap();
    }


    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);
    static final int MIN_ADMIN_PASSWORD_LENGTH = 10;

    private final IdentityService identityService;
    private final AuthorizationGrants grants;
    private final OrgDirectory directory;
    private final Environment environment;
    private final String adminUserId;
    private final String adminPassword;
    private final ProcessEngineConfigurationImpl engineConfiguration;
    private final boolean localAccounts;

    IdentityBootstrap(IdentityService identityService, AuthorizationGrants grants, OrgDirectory directory,
            Environment environment, @Value("${app.admin.user-id}") String adminUserId,
            @Value("${app.admin.password:}") String adminPassword, ProcessEngineConfigurationImpl engineConfiguration,
            @Value("${app.directory.local-accounts:true}") boolean localAccounts) {
        this.engineConfiguration = engineConfiguration;
        this.localAccounts = localAccounts;
        this.identityService = identityService;
        this.grants = grants;
        this.directory = directory;
        this.environment = environment;
        this.adminUserId = adminUserId;
        this.adminPassword = adminPassword;
    }

    /** Called by {@code system.StartupSequence} before the web server accepts requests. */
    @Transactional
    public void bootstrap() {
        int order = 0;
        for (StandardOrganisation.StandardGroup standard : StandardOrganisation.GROUPS) {
            ensureGroup(standard.id(), standard.name(), Groups.GROUP_TYPE_WORKFLOW);
            directory.ensureUnit(new OrgUnit(standard.id(), standard.name(), standard.kind(), standard.leadingIndustries(), null), order++);
            grants.grantTasklistWork(standard.id());
        }
        ensureGroup(GroupIds.ADMIN, "系统管理员", Groups.GROUP_TYPE_SYSTEM);
        directory.ensureUnit(new OrgUnit(GroupIds.ADMIN, "系统管理员", OrgUnitKind.SYSTEM, null, null), 999);
        grants.grantEverything(GroupIds.ADMIN);
        ensureAdministrator();
        mirrorEngineAdministrators();
    }

    /**
     * On Operaton, whose webapps look for members of {@code operaton-admin} (and otherwise offer their first-run page, which
     * the product refuses): the members of {@link GroupIds#ADMIN} are made its members too at every start. The rights stay
     * with {@link GroupIds#ADMIN} ({@code engine.EngineEdition} names it to the engine). On Camunda the two groups are one;
     * a read-only directory (LDAP) needs nothing, the webapps do not look there.
     */
    private void mirrorEngineAdministrators() {
        String engineAdmins = EngineEdition.ENGINE_ADMIN_GROUP;
        if (engineAdmins.equals(GroupIds.ADMIN) || identityService.isReadOnly()) {
            return;
        }
        ensureGroup(engineAdmins, "系统管理员（引擎）", Groups.GROUP_TYPE_SYSTEM);
        for (User admin : identityService.createUserQuery().memberOfGroup(GroupIds.ADMIN).list()) {
            ensureMembership(admin.getId(), engineAdmins);
        }
    }

    private void ensureAdministrator() {
        if (directoryMode() && !localAccounts) {
            // Administrators are the directory's camunda-admin group; no local account is made or accepted.
            return;
        }
        if (identityService.createUserQuery().userId(adminUserId).count() > 0) {
            // Existing account: its password is managed in Camunda Admin from now on.
            ensureMembership(adminUserId, GroupIds.ADMIN);
            return;
        }
        boolean demo = environment.acceptsProfiles(Profiles.of("demo"));
        if (!demo) {
            requireStrongPassword(adminPassword);
        } else if (adminPassword == null || adminPassword.isBlank()) {
            throw new IllegalStateException("demo profile: app.admin.password is empty");
        }
        try {
            if (directoryMode()) {
                saveLocalAdministrator();
            } else {
                User admin = identityService.newUser(adminUserId);
                describeAdministrator(admin);
                admin.setPassword(adminPassword);
                identityService.saveUser(admin);
            }
        } catch (ProcessEngineException policy) {
            // Camunda's policy also refuses a password that contains the user's id, names or e-mail.
            throw new IllegalStateException("ADMIN_PASSWORD does not satisfy the password policy (" + policy.getMessage()
                    + "); it must not contain the user id or name. 管理员密码不符合密码策略：不得包含用户名。", policy);
        }
        ensureMembership(adminUserId, GroupIds.ADMIN);
        directory.ensureProfile(new StaffProfile(adminUserId, GroupIds.ADMIN, "系统管理员", null, null));
        log.info("Created administrator account '{}'", adminUserId);
    }

    private static void describeAdministrator(User admin) {
        admin.setFirstName("管理员");
        admin.setLastName("系统");
        admin.setEmail(admin.getId() + "@localhost");
    }

    /**
     * Directory mode: the engine's identity service is read-only (it shows the directory), so the local administrator
     * account, the fallback while the directory is down, is written to the engine's tables directly, under Camunda's
     * own password policy and hashing.
     */
    private void saveLocalAdministrator() {
        User probe = new UserEntity(adminUserId);
        describeAdministrator(probe);
        if (!identityService.checkPasswordAgainstPolicy(adminPassword, probe).isValid()) {
            throw new ProcessEngineException("the password does not pass the engine's password policy");
        }
        local(tables -> {
            UserEntity admin = tables.createNewUser(adminUserId);
            describeAdministrator(admin);
            admin.setPassword(adminPassword);
            tables.saveUser(admin);
        });
    }

    /** Writes to the engine's identity tables in directory mode, where the identity service itself is read-only. */
    private void local(java.util.function.Consumer<DbIdentityServiceProvider> write) {
        engineConfiguration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
            write.accept(new DbIdentityServiceProvider());
            return null;
        }));
    }

    private boolean directoryMode() {
        return identityService.isReadOnly();
    }

    static void requireStrongPassword(String password) {
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("""
                    No administrator password: set the environment variable ADMIN_PASSWORD (at least %d characters) \
                    for the first start outside the demo profile. 未设置管理员密码：请通过环境变量 ADMIN_PASSWORD 提供。"""
                    .formatted(MIN_ADMIN_PASSWORD_LENGTH));
        }
        // The same rules as Camunda's default password policy, which is on outside the demo profile (every
        // password set in Admin must pass it); checked here so the start fails with a clear message.
        boolean mixed = password.chars().anyMatch(Character::isUpperCase) && password.chars().anyMatch(Character::isLowerCase)
                && password.chars().anyMatch(Character::isDigit) && password.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
        if (password.length() < MIN_ADMIN_PASSWORD_LENGTH || !mixed || password.equalsIgnoreCase("demo")
                || password.equalsIgnoreCase("admin")) {
            throw new IllegalStateException("""
                    ADMIN_PASSWORD is too weak: use at least %d characters with an upper-case and a lower-case letter, \
                    a digit and a special character. 管理员密码过于简单：请至少使用 %d 个字符，并包含大写字母、小写字母、数字和特殊字符。"""
                    .formatted(MIN_ADMIN_PASSWORD_LENGTH, MIN_ADMIN_PASSWORD_LENGTH));
        }
    }

    public void ensureGroup(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() > 0) {
            return;
        }
        if (directoryMode()) {
            local(tables -> {
                GroupEntity group = tables.createNewGroup(id);
                group.setName(name);
                group.setType(type);
                tables.saveGroup(group);
            });
            return;
        }
        Group group = identityService.newGroup(id);
        group.setName(name);
        group.setType(type);
        identityService.saveGroup(group);
    }

    public void ensureMembership(String userId, String groupId) {
        if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            if (directoryMode()) {
                local(tables -> tables.createMembership(userId, groupId));
            } else {
                identityService.createMembership(userId, groupId);
            }
        }
    }
}
