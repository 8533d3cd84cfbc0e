package org.zhaoshang.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.GroupIds;

/**
 * Which engine of the Camunda 7 line this build runs on: Camunda Platform 7.24 (the default build) or Operaton (the
 * {@code operaton} Maven profile renames our sources into its packages, docs/decisions/engine.md). What differs at run
 * time beyond the package names lives here, so the rest of the code reads the same on both.
 * <p>
 * The engine's administrator group is one of them: Camunda grants every right to {@code camunda-admin}, Operaton to
 * {@code operaton-admin}. The product's administrators are {@code camunda-admin} on both ({@link GroupIds#ADMIN}: the
 * group a district's directory and database already hold), so the engine is told so before it starts; without this a
 * district that moves to Operaton would find its administrators silently without rights.
 */
@Component
public class EngineEdition extends AbstractProcessEnginePlugin {

    /** {@code camunda} or {@code operaton}: the engine's package, as the build renamed it. */
    public static final String NAME = ProcessEngine.class.getPackageName().startsWith("org.operaton.") ? "operaton" : "camunda";

    /** Where the engine's webapps (Cockpit, Tasklist, Admin) and our additions to them lie on the classpath. */
    public static final String WEBJAR = "META-INF/resources/webjars/" + NAME;

    /**
     * The group the engine itself knows as administrators ({@code Groups.CAMUNDA_ADMIN} / {@code Groups.OPERATON_ADMIN}). Its
     * webapps offer their first-run page (which the product refuses) while it has no member, so on Operaton it mirrors the
     * members of {@link GroupIds#ADMIN} ({@code identity.IdentityBootstrap}).
     */
    public static final String ENGINE_ADMIN_GROUP = NAME + "-admin";

    public static boolean isOperaton() {
        return NAME.equals("operaton");
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<String> adminGroups = new ArrayList<>();
        if (configuration.getAdminGroups() != null) {
            adminGroups.addAll(configuration.getAdminGroups());
        }
        if (!adminGroups.contains(GroupIds.ADMIN)) {
            adminGroups.add(GroupIds.ADMIN);
        }
        configuration.setAdminGroups(adminGroups);
    }
}
