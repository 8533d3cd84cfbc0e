package org.zhaoshang.engine;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code app.deployment}: the deployment name under which all models are deployed, and the resource
 * patterns that find them (by default processes/ and forms/ on the classpath, copied there by Maven).
 */
@ConfigurationProperties("app.deployment")
record DeploymentProperties(String name, List<String> locations) {
}
