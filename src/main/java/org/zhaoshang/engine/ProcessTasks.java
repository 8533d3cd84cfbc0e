package org.zhaoshang.engine;

/**
 * The user tasks of one process and what completing each one does: one bean per process, in the process's own
 * package ({@code review.ReviewTasks}, {@code handoff.HandoffTasks}, …). {@link TaskCompletion} attaches them to the
 * tasks of every deployed version of the process; start-up fails when a task has no rule or a rule no task.
 */
public interface ProcessTasks {

    /** The process id of the model ({@code project-review}). */
    String processKey();

    /**
     * Names every user task of the process with its rule. Only registers: called on a bean whose fields may not be
     * set yet (the conventions test reads the rules without the application), so no field is read here.
     */
    void define(TaskRules rules);
}
