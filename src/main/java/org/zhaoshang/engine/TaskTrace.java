package org.zhaoshang.engine;

/**
 * Where a business write comes from when a task is completed: the case (project code), who completed the task, and the
 * task, for the project's timeline and the records that name the step.
 */
public record TaskTrace(String code, String actor, String processInstanceId, String taskId) {
}
