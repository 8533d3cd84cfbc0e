package org.zhaoshang.briefing;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code ${interviewSummaryListener}} (create): the 约谈 and 督查 forms show which unit the task is about.
 * A task listener, not an input mapping: Camunda evaluates a multi-instance task's input mappings
 * before the instance's element variable ({@code interviewUnit}) is set.
 */
@Component
class InterviewSummaryListener implements TaskListener {

    private final BriefingExpressions view;

    InterviewSummaryListener(BriefingExpressions view) {
        this.view = view;
    }

    @Override
    public void notify(DelegateTask task) {
        task.setVariableLocal(BriefingProcess.INTERVIEW_SUMMARY, view.interviewSummary(task.getExecution()));
    }
}
