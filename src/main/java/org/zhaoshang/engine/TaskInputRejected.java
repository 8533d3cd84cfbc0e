package org.zhaoshang.engine;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A task's input refused on the server (a missing reason, a non-member submitting). The engine wraps
 * task-listener exceptions; {@link EngineApiGuard} turns the wrapped error back into a
 * 400 with this Chinese message for Tasklist and REST clients.
 */
public class TaskInputRejected extends BadUserRequestException {

    public TaskInputRejected(String message) {
        super(message);
    }
}
