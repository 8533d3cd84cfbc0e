package org.zhaoshang.operations;

import java.util.function.Supplier;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.TaskInputRejected;

/**
 * {@code ${extraOpinionStartGuard}} on the start of 加签征求意见: the process starts only from a task's 加签
 * operation ({@link ExtraOpinionService#request}), which checks who asks, whom and about which task, and logs
 * the request — {@link OpenOpinionsGuard} relies on that log. The engine APIs refuse the start to everyone but
 * administrators already ({@code engine.AppStartedProcesses}); this holds for them and for any other engine call.
 */
@Component
class ExtraOpinionStartGuard implements ExecutionListener {

    private static final ThreadLocal<Boolean> REQUESTED = new ThreadLocal<>();

    /** Runs {@code start} as the 加签 operation's own start of the process. */
    static <T> T requested(Supplier<T> start) {
        REQUESTED.set(Boolean.TRUE);
        try {
            return start.get();
        } finally {
            REQUESTED.remove();
        }
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (REQUESTED.get() == null) {
            throw new TaskInputRejected("加签须在主办任务的「加签」操作中发起，不能直接启动「加签征求意见」流程");
        }
    }
}
