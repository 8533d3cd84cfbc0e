package org.zhaoshang.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.zhaoshang.engine.EngineEdition;

/**
 * On Operaton, the engine's settings keep their Camunda names: every {@code camunda.bpm.*} setting (application.yaml,
 * a district's own config file, {@code --camunda.bpm…} arguments, {@code CAMUNDA_BPM_…} environment variables) is
 * also offered as {@code operaton.bpm.*}, which Operaton's starter reads. A setting written the Operaton way wins over
 * its Camunda name. The webapps stay at {@code /camunda} (Operaton's default is {@code /operaton}) so bookmarks, mail
 * links and the login bridge keep working. On Camunda this does nothing.
 */
public class EngineSettingsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String CAMUNDA = "camunda.bpm.";
    static final String OPERATON = "operaton.bpm.";
    static final String CAMUNDA_ENV = "CAMUNDA_BPM_";
    static final String OPERATON_ENV = "OPERATON_BPM_";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!EngineEdition.isOperaton()) {
            return;
        }
        Map<String, Object> fromEnvironment = new LinkedHashMap<>();
        Map<String, Object> fromProperties = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> names)) {
                continue;
            }
            boolean environmentVariables = source instanceof SystemEnvironmentPropertySource
                    || StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName());
            for (String name : names.getPropertyNames()) {
                // Sources are visited from the highest precedence down: the first one to name a setting gives it.
                if (environmentVariables && name.startsWith(CAMUNDA_ENV)) {
                    fromEnvironment.putIfAbsent(OPERATON_ENV + name.substring(CAMUNDA_ENV.length()), source.getProperty(name));
                } else if (name.startsWith(CAMUNDA)) {
                    fromProperties.putIfAbsent(OPERATON + name.substring(CAMUNDA.length()), source.getProperty(name));
                }
            }
        }
        fromProperties.putIfAbsent(OPERATON + "webapp.application-path", "/camunda");
        // Last in precedence: an operaton.bpm.* setting given anywhere overrides its camunda.bpm.* twin. Environment
        // variables keep their edge over files (a SystemEnvironmentPropertySource, so OPERATON_BPM_JOB_EXECUTION_… binds).
        environment.getPropertySources().addLast(new SystemEnvironmentPropertySource("camundaEnvironmentAsOperaton", fromEnvironment));
        environment.getPropertySources().addLast(new MapPropertySource("camundaSettingsAsOperaton", fromProperties));
    }

    /** After the config files are read (ConfigDataEnvironmentPostProcessor runs at HIGHEST_PRECEDENCE + 10). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
