package org.zhaoshang.support;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;

/** Process-test helpers: act as a demo user (Camunda authorization applies), build start-form requests. */
public final class Tasks {

    private Tasks() {
    }

    /** Completes the open task of the instance as the user, with their groups, as Tasklist would. */
    public static void completeAs(ProcessEngine engine, String processInstanceId, String taskKey, String user,
            Map<String, Object> variables) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
                .singleResult();
        if (task == null) {
            throw new AssertionError("No open task " + taskKey);
        }
        completeTaskAs(engine, task.getId(), user, variables);
    }

    /** Completes the given task as the user, with their groups (for multi-instance tasks, pick the instance first). */
    public static void completeTaskAs(ProcessEngine engine, String taskId, String user, Map<String, Object> variables) {
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).toList();
        engine.getIdentityService().setAuthentication(user, groups);
        try {
            engine.getTaskService().complete(taskId, variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /**
     * The task handed to someone outside the unit (or person) it belongs to: completing it is refused with "只有{owner}…",
     * before any of the form is read, and the task stays open with its assignee as before.
     */
    public static void assertOnlyItsOwnerCompletes(ProcessEngine engine, String taskId, String outsider, String owner) {
        Task before = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
        engine.getTaskService().setAssignee(taskId, outsider);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> completeTaskAs(engine, taskId, outsider, Map.of()))
                    .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class).hasMessageContaining("只有" + owner);
            org.assertj.core.api.Assertions.assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isOne();
        } finally {
            engine.getTaskService().setAssignee(taskId, before.getAssignee());
        }
    }

    /** The body of a {@code submit-form} request for 项目评审's registration form, as Tasklist sends it. */
    public static String reviewStartForm(String projectName, String industry, double totalInvestment, double landArea) {
        return """
                {"variables": {
                  "projectName": {"value": "%s", "type": "String"},
                  "investor": {"value": "天津某生物科技有限公司", "type": "String"},
                  "investorCategory": {"value": "SPECIALIZED_SME", "type": "String"},
                  "industry": {"value": "%s", "type": "String"},
                  "totalInvestment": {"value": %s, "type": "Double"},
                  "landArea": {"value": %s, "type": "Double"},
                  "projectDescription": {"value": "测试项目", "type": "String"}}}"""
                .formatted(projectName, industry, totalInvestment, landArea);
    }
}
