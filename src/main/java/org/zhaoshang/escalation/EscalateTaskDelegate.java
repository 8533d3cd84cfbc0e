package org.zhaoshang.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${escalateTaskDelegate}}: the service task after a reminder or escalation boundary timer.
 * Its input parameter {@code escalationLevel} (0 reminder, 1 overdue, 2 督办) says which level.
 */
@Component
class EscalateTaskDelegate implements JavaDelegate {

    static final String LEVEL_INPUT = "escalationLevel";

    private final EscalationService escalations;

    EscalateTaskDelegate(EscalationService escalations) {
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object level = execution.getVariableLocal(LEVEL_INPUT);
        if (level == null) {
            throw new IllegalStateException("Input parameter " + LEVEL_INPUT + " is missing on " + execution.getCurrentActivityId());
        }
        escalations.escalateFromTimer(execution, Integer.parseInt(level.toString()));
    }
}
