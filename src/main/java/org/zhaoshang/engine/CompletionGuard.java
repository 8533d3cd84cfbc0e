package org.zhaoshang.engine;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A rule for every task of every process that a feature outside the engine wiring owns (an open 加签 holds the
 * task): checked by {@link TaskCompletion} after the person's right to complete and before the task's handler.
 */
public interface CompletionGuard {

    /** Throws {@link TaskInputRejected} when the task may not be completed now. */
    void check(DelegateTask task);
}
