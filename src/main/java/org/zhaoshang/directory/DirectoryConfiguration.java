package org.zhaoshang.directory;

import java.time.Clock;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.zhaoshang.identity.AuthorizationGrants;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.notification.PersonChannels;

/** Directory mode ({@code app.directory.ldap.enabled=true}): the engine plugin, the reader and the mirror. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "app.directory.ldap.enabled", havingValue = "true")
class DirectoryConfiguration {

    @Bean
    DirectoryEnginePlugin directoryEnginePlugin(DirectoryProperties properties) {
        return new DirectoryEnginePlugin(properties);
    }

    @Bean
    DirectoryReader directoryReader(DirectoryEnginePlugin plugin, DirectoryProperties properties) {
        return new DirectoryReader(plugin.ldap(), properties.attributes());
    }

    @Bean
    DirectorySync directorySync(DirectoryReader reader, DirectoryProperties properties, ProcessEngineConfigurationImpl engine,
            TaskService taskService, OrgDirectory organisation, PersonChannels channels, AuthorizationGrants grants, JdbcClient jdbc,
            TransactionTemplate transactions, Clock clock) {
        return new DirectorySync(reader, properties, engine, taskService, organisation, channels, grants, jdbc, transactions, clock);
    }
}
