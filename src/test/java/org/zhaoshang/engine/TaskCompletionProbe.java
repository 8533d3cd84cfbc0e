package org.zhaoshang.engine;

import org.camunda.bpm.engine.RepositoryService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.zhaoshang.identity.OrgDirectory;

/** The completion pipeline for an engine a process test builds itself (no application around it). */
public final class TaskCompletionProbe {

    private TaskCompletionProbe() {
    }

    public static TaskCompletion plugin(ObjectProvider<ProcessTasks> processes, ObjectProvider<CompletionGuard> guards,
            ObjectProvider<OrgDirectory> directory) {
        return new TaskCompletion(processes, guards, directory, new StaticListableBeanFactory().getBeanProvider(RepositoryService.class));
    }
}
