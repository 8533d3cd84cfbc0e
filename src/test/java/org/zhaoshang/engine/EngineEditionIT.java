package org.zhaoshang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;

/**
 * What differs between the two engines the product builds on (Camunda 7.24 by default, Operaton with
 * {@code ./mvnw -Poperaton verify}) and must not show: the same test runs in both builds (docs/decisions/engine.md).
 */
@IntegrationTest
class EngineEditionIT {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    ManagementService managementService;
    @Autowired
    ProcessEngineConfigurationImpl configuration;
    @Autowired
    Environment environment;

    @Test
    void theProductsAdministratorGroupHoldsTheEnginesAdministratorRightsOnEitherEngine() {
        // Operaton knows only operaton-admin; without EngineEdition a district moving over would lose its administrators' rights.
        assertThat(configuration.getAdminGroups()).contains(GroupIds.ADMIN);
        User someone = identityService.newUser("it-edition-admin");
        someone.setFirstName("管理员");
        someone.setLastName("测试");
        someone.setPassword("It-Edition-Admin-9x");
        identityService.saveUser(someone);
        identityService.createMembership(someone.getId(), GroupIds.ADMIN);
        try {
            // Engine operations that only administrators may run: their group alone (not operaton-admin) is enough.
            identityService.setAuthentication(someone.getId(), List.of(GroupIds.ADMIN));
            assertThat(managementService.getTableCount()).isNotEmpty();
            assertThat(managementService.getProperties()).isNotEmpty();
            identityService.setAuthentication("zhouxiaoyu", List.of("unit-street-jinzhong"));
            assertThatThrownBy(managementService::getTableCount).isInstanceOf(AuthorizationException.class);
        } finally {
            identityService.clearAuthentication();
            identityService.deleteUser(someone.getId());
        }
    }

    @Test
    void theWebappsStayUnderCamundaAndOpenForTheProductsAdministrator() {
        // Operaton's default path is /operaton and its webapps offer their first-run page while operaton-admin has no member.
        Browser admin = new Browser(port);
        admin.login("admin", "demo");
        for (String app : List.of("admin", "cockpit", "tasklist")) {
            HttpResponse<String> page = admin.get("/camunda/app/" + app + "/default/");
            assertThat(page.statusCode()).as(app).isEqualTo(200);
            assertThat(page.body()).as(app).contains("/camunda/app/" + app);
        }
        HttpResponse<String> me = admin.get("/camunda/api/admin/auth/user/default");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"userId\":\"admin\"", "admin", "cockpit", "tasklist");
        if (EngineEdition.isOperaton()) {
            assertThat(identityService.createUserQuery().memberOfGroup(EngineEdition.ENGINE_ADMIN_GROUP).userId("admin").count()).isEqualTo(1);
            // Its settings keep their Camunda names (application.yaml, a district's own files and variables).
            assertThat(environment.getProperty("operaton.bpm.history-level")).isEqualTo(environment.getProperty("camunda.bpm.history-level"));
        }
    }
}
