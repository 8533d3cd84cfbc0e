package org.zhaoshang.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.engine.ModelDeployer;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.TestDatabase;

/** The application starts on the database under test, migrates it, deploys the models and seeds the demo district. */
@IntegrationTest
class PlatformIT {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    IdentityService identityService;
    @Autowired
    ModelDeployer modelDeployer;
    @Autowired
    ProcessEngine processEngine;

    @Test
    void runsOnTheDatabaseUnderTest() {
        String product = jdbc.sql("SELECT 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData()
                .getDatabaseProductName()).single();
        assertThat(product).isEqualTo(TestDatabase.isPostgres() ? "PostgreSQL" : "H2");
    }

    @Test
    void decisionTablesRunOnTheFeelEngineThatRemembersParsedCells() {
        Object feel = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getDmnEngineConfiguration().getFeelEngine();
        assertThat(feel.getClass().getName()).isEqualTo("org.zhaoshang.engine.ParsedFeelCache$CachingFeelEngine");
    }

    @Test
    void flywayMigrationsAreApplied() {
        List<String> applied = jdbc.sql("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" <> '0'")
                .query(String.class).list();
        List<String> shipped;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            shipped = files.map(p -> p.getFileName().toString().replaceAll("^V([0-9_.]+)__.*", "$1").replace('_', '.')).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(applied).containsExactlyInAnyOrderElementsOf(shipped);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM investment_project").query(Long.class).single()).isNotNull();
    }

    @Test
    void everyModelFileInTheProjectFoldersIsDeployed() throws IOException {
        List<String> files;
        try (Stream<Path> processes = Files.list(Path.of("processes")); Stream<Path> forms = Files.list(Path.of("forms"))) {
            files = Stream.concat(processes, forms)
                    .filter(p -> p.toString().matches(".*\\.(bpmn|dmn|form)$"))
                    .map(p -> p.getParent().getFileName() + "/" + p.getFileName())
                    .toList();
        }
        assertThat(modelDeployer.findModels().keySet()).containsExactlyInAnyOrderElementsOf(files);
        List<String> deployed = repositoryService.createDeploymentQuery().deploymentName("zhaoshang-models").list().stream()
                .map(Deployment::getId)
                .flatMap(id -> repositoryService.getDeploymentResourceNames(id).stream())
                .toList();
        assertThat(deployed).containsAll(files);
    }

    @Test
    void demoDistrictIsSeeded() {
        assertThat(identityService.createUserQuery().count()).isGreaterThanOrEqualTo(30);
        assertThat(identityService.createUserQuery().userId("zhouxiaoyu").memberOfGroup("unit-street-jinzhong").count()).isOne();
        assertThat(identityService.createUserQuery().userId("fenggang").memberOfGroup(GroupIds.HUANBAO).count()).isOne();
        assertThat(identityService.createUserQuery().userId("admin").memberOfGroup(GroupIds.ADMIN).count()).isOne();
        long streets = jdbc.sql("SELECT COUNT(*) FROM org_unit WHERE kind = 'STREET'").query(Long.class).single();
        long parks = jdbc.sql("SELECT COUNT(*) FROM org_unit WHERE kind = 'PARK'").query(Long.class).single();
        assertThat(streets).isEqualTo(6);
        assertThat(parks).isEqualTo(2);
        // Every demo person has a unit and, except the district head, a supervisor for escalations.
        long withoutSupervisor = jdbc.sql("SELECT COUNT(*) FROM staff_profile WHERE supervisor_id IS NULL AND user_id NOT IN ('admin', 'lizhiqiang')")
                .query(Long.class).single();
        assertThat(withoutSupervisor).isZero();
    }

    @Test
    void runsInShanghaiTimeWhateverTheHost() {
        assertThat(TimeZone.getDefault().getID()).isEqualTo("Asia/Shanghai");
    }
}
