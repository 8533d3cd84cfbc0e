package org.zhaoshang.operations;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Which steps the models let a reviewer send back (退回), and how, read from the user task's extension
 * properties:
 * <ul>
 * <li>{@code returnDecision} = {@code variable=VALUE} and {@code returnReason} = {@code variable}: the
 * return is part of the business rules and drawn in the model (e.g. a department asks the registering
 * unit for more material, inside its own parallel branch); sending back completes the task with that
 * decision and the reason.</li>
 * <li>{@code returnTo} = an activity id in the same scope: the step goes back to that earlier step by
 * process instance modification (e.g. a milestone's verification back to the unit's report, inside
 * that milestone's multi-instance sub-process only).</li>
 * <li>{@code withdrawable} = {@code true}: the person who completed the step may take it back while the
 * next steps are untouched (撤回).</li>
 * </ul>
 */
@Component
public class ReturnRules {

    /** How a step is sent back. */
    public record Rule(String decisionVariable, String decisionValue, String reasonVariable, String returnTo) {

        public boolean modelled() {
            return decisionVariable != null;
        }
    }

    private final RepositoryService repositoryService;
    private final Map<String, Optional<Rule>> rules = new ConcurrentHashMap<>();
    private final Map<String, Boolean> withdrawable = new ConcurrentHashMap<>();

    ReturnRules(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
    }

    public Optional<Rule> of(String processDefinitionId, String taskKey) {
        return rules.computeIfAbsent(processDefinitionId + "#" + taskKey, k -> {
            Map<String, String> p = properties(processDefinitionId, taskKey);
            if (p.containsKey("returnDecision")) {
                String[] decision = p.get("returnDecision").split("=", 2);
                return Optional.of(new Rule(decision[0].strip(), decision[1].strip(), p.get("returnReason"), null));
            }
            return p.containsKey("returnTo") ? Optional.of(new Rule(null, null, null, p.get("returnTo"))) : Optional.empty();
        });
    }

    public boolean withdrawable(String processDefinitionId, String taskKey) {
        return withdrawable.computeIfAbsent(processDefinitionId + "#" + taskKey,
                k -> "true".equals(properties(processDefinitionId, taskKey).get("withdrawable")));
    }

    /** The flow scope (process or sub-process) an element belongs to. */
    public String scopeOf(String processDefinitionId, String activityId) {
        FlowElement element = repositoryService.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
        return element == null ? null : ((org.camunda.bpm.model.bpmn.instance.BaseElement) element.getParentElement()).getId();
    }

    public String nameOf(String processDefinitionId, String activityId) {
        FlowElement element = repositoryService.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
        return element == null ? activityId : element.getName();
    }

    private Map<String, String> properties(String processDefinitionId, String taskKey) {
        Map<String, String> found = new java.util.HashMap<>();
        if (repositoryService.getBpmnModelInstance(processDefinitionId).getModelElementById(taskKey) instanceof UserTask task
                && task.getExtensionElements() != null) {
            for (CamundaProperties properties : task.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()) {
                for (CamundaProperty property : properties.getCamundaProperties()) {
                    found.put(property.getCamundaName(), property.getCamundaValue());
                }
            }
        }
        return found;
    }
}
