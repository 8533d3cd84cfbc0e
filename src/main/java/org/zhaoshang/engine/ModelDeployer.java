package org.zhaoshang.engine;

import org.zhaoshang.system.StartupStep;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every BPMN, DMN and Camunda Form of {@code processes/} and {@code forms/} at start-up, as one
 * named deployment with Camunda's "deploy changed only" filter: an unchanged file creates no new
 * definition version, a changed one exactly one. Forms are referenced with {@code camunda:formRefBinding="latest"}
 * because a changed form may land in a later deployment than the process that uses it.
 */
@Component
public class ModelDeployer implements StartupStep {

    @Override
    public int order() {
        return StartupStep.MODELS;
    }

    @Override
    public void run() {
        deployModels();
    }


    private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);
    static final String SOURCE = "zhaoshang-platform";

    private final RepositoryService repositoryService;
    private final ResourcePatternResolver resolver;
    private final DeploymentProperties properties;

    ModelDeployer(RepositoryService repositoryService, ResourcePatternResolver resolver, DeploymentProperties properties) {
        this.repositoryService = repositoryService;
        this.resolver = resolver;
        this.properties = properties;
    }

    /** Called by {@code system.StartupSequence} before the web server accepts requests. */
    public void deployModels() {
        DeploymentWithDefinitions deployment = deploy(findModels());
        if (deployment != null) {
            log.info("Models deployed: deployment {} with {} process, {} decision definition(s)", deployment.getId(),
                    size(deployment.getDeployedProcessDefinitions()), size(deployment.getDeployedDecisionDefinitions()));
        }
    }

    /** The model files, keyed by their deployment resource name ({@code processes/x.bpmn}, {@code forms/y.form}). */
    public Map<String, Resource> findModels() {
        Map<String, Resource> models = new LinkedHashMap<>();
        for (String location : properties.locations()) {
            try {
                List<Resource> found = new ArrayList<>(List.of(resolver.getResources(location)));
                found.sort(Comparator.comparing(Resource::getDescription));
                for (Resource resource : found) {
                    if (resource.isReadable()) {
                        models.put(resourceName(resource), resource);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read models from " + location, e);
            }
        }
        return models;
    }

    /** Deploys the changed ones of {@code models}; null when there is nothing to deploy. */
    public DeploymentWithDefinitions deploy(Map<String, Resource> models) {
        if (models.isEmpty()) {
            log.warn("No models found in {}", properties.locations());
            return null;
        }
        DeploymentBuilder builder = repositoryService.createDeployment()
                .name(properties.name())
                .source(SOURCE)
                .enableDuplicateFiltering(true);
        models.forEach((name, resource) -> {
            try (InputStream in = resource.getInputStream()) {
                builder.addInputStream(name, new ByteArrayInputStream(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read model " + name, e);
            }
        });
        return builder.deployWithResult();
    }

    /** "processes/x.bpmn": the file name under the folder it was found in. */
    static String resourceName(Resource resource) {
        try {
            String path = resource.getURL().getPath();
            String[] parts = path.split("/");
            String file = parts[parts.length - 1];
            String folder = parts.length > 1 ? parts[parts.length - 2] : "";
            return folder.isEmpty() ? file : folder + "/" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }
}
