package org.zhaoshang.escalation;

import java.time.ZonedDateTime;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.bpmn.behavior.BoundaryEventActivityBehavior;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.WorkingDayCalendar;

/**
 * {@code ${sla…}} in the models: a user task's due date and its three boundary timers, from the task
 * type's SLA through the working-day calendar. All four are computed when the task is entered, so the
 * timers line up with the due date Tasklist shows:
 * <pre>
 * camunda:dueDate="${sla.dueDate(execution)}"
 * reminder timer:  ${sla.reminderAt(execution)}   (remind-before-days before due: whole days at 09:00)
 * level 1 timer:   ${sla.level1At(execution)}     (level1-after-days after due: whole days at 18:00)
 * level 2 timer:   ${sla.level2At(execution)}
 * </pre>
 * A task whose due date comes from elsewhere (a meeting's date) uses {@code reminderBefore},
 * {@code level1After} and {@code level2After} with that date.
 * The task type is the user task's id (on a boundary timer: the task it is attached to).
 */
@Component("sla")
public class SlaExpressions {

    private final SlaService slas;
    private final WorkingDayCalendar calendar;

    SlaExpressions(SlaService slas, WorkingDayCalendar calendar) {
        this.slas = slas;
        this.calendar = calendar;
    }

    public Date dueDate(DelegateExecution execution) {
        return Date.from(due(execution).toInstant());
    }

    public Date reminderAt(DelegateExecution execution) {
        return reminderBefore(execution, Date.from(due(execution).toInstant()));
    }

    public Date level1At(DelegateExecution execution) {
        return level1After(execution, Date.from(due(execution).toInstant()));
    }

    public Date level2At(DelegateExecution execution) {
        return level2After(execution, Date.from(due(execution).toInstant()));
    }

    // With a due date that is not the SLA's (e.g. a meeting's date): the SLA's offsets around it.
    // (Own names, not overloads: JUEL cannot choose between overloaded methods.)

    public Date reminderBefore(DelegateExecution execution, Date due) {
        return timers(taskKey(execution), due)[0];
    }

    public Date level1After(DelegateExecution execution, Date due) {
        return timers(taskKey(execution), due)[1];
    }

    public Date level2After(DelegateExecution execution, Date due) {
        return timers(taskKey(execution), due)[2];
    }

    /** Reminder, level 1 and level 2 dates of a task type around a due date. */
    public Date[] timers(String taskKey, Date due) {
        TaskSla sla = slas.effective(taskKey);
        ZonedDateTime dueAt = due.toInstant().atZone(calendar.zone());
        return new Date[] {
            Date.from(calendar.before(dueAt, sla.remindBefore()).toInstant()),
            Date.from(calendar.after(dueAt, sla.level1After()).toInstant()),
            Date.from(calendar.after(dueAt, sla.level2After()).toInstant())};
    }

    private ZonedDateTime due(DelegateExecution execution) {
        return due(slas.effective(taskKey(execution)));
    }

    private ZonedDateTime due(TaskSla sla) {
        return calendar.dueAfter(calendar.now(), sla.due());
    }

    static String taskKey(DelegateExecution execution) {
        // The parsed process (PVM) answers without searching the BPMN model's DOM, which took a tenth of a
        // registration's CPU (docs/benchmarks.md, step 11): the activity, or the one a boundary event is on.
        ActivityImpl activity = execution instanceof ExecutionEntity entity ? entity.getActivity() : null;
        if (activity == null) {
            throw new IllegalStateException("No current activity for SLA expression in " + execution.getProcessDefinitionId());
        }
        ScopeImpl owner = activity.getActivityBehavior() instanceof BoundaryEventActivityBehavior && activity.getEventScope() != null
                ? activity.getEventScope() : activity;
        return withoutMultiInstanceBody(owner.getId());
    }

    private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

    /** Timers on a multi-instance task are attached to its body ("Task#multiInstanceBody"); the SLA is the task's. */
    private static String withoutMultiInstanceBody(String activityId) {
        int body = activityId.indexOf(MULTI_INSTANCE_BODY);
        return body < 0 ? activityId : activityId.substring(0, body);
    }
}
