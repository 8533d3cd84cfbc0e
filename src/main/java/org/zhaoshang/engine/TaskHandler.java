package org.zhaoshang.engine;

/**
 * What completing one user task does once the person may complete it: read the form's values through
 * {@link CompletingTask#form()}, hand them to one service method, set the variables the model's gateways read.
 * A refusal ({@link TaskInputRejected}) leaves the task open with nothing written.
 */
@FunctionalInterface
public interface TaskHandler {

    void complete(CompletingTask task);
}
