package org.zhaoshang.engine;

import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.zhaoshang.identity.OrgDirectory;

/**
 * The completion pipeline for an engine a process test builds itself (no application around it), with the engine's
 * failure handling as the application has it ({@link CommandFailures}: a refusal is one WARN line and leaves as
 * {@link TaskRefused}).
 */
public final class TaskCompletionProbe {

    private TaskCompletionProbe() {
    }

    public static List<ProcessEnginePlugin> plugins(ObjectProvider<ProcessTasks> processes, ObjectProvider<CompletionGuard> guards,
            ObjectProvider<OrgDirectory> directory) {
        return List.of(new CommandFailures(),
                new TaskCompletion(processes, guards, directory, new StaticListableBeanFactory().getBeanProvider(RepositoryService.class)));
    }
}
