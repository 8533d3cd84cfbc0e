package org.zhaoshang.briefing;

import java.time.LocalDate;

import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.engine.CompletingTask;
import org.zhaoshang.engine.ProcessTasks;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskRules;

/** The user tasks of 月通报 / 季检查: the review before publishing, the 约谈 record and the follow-up check. */
@Component
class BriefingTasks implements ProcessTasks {

    private final BriefingRecords records;
    private final WorkingDayCalendar calendar;
    private final BriefingExpressions view;

    BriefingTasks(BriefingRecords records, WorkingDayCalendar calendar, BriefingExpressions view) {
        this.records = records;
        this.calendar = calendar;
        this.view = view;
    }

    @Override
    public String processKey() {
        return BriefingProcess.PROCESS_KEY;
    }

    @Override
    public void define(TaskRules rules) {
        rules.task(BriefingProcess.TASK_REVIEW).completes(this::review);
        // The 约谈 and 督查 forms show which unit the task is about. Set at creation, not by an input mapping: Camunda
        // evaluates a multi-instance task's input mappings before the instance's element variable (interviewUnit) is set.
        rules.task(BriefingProcess.TASK_INTERVIEW).onCreate(this::summarise).completes(this::interview);
        rules.task(BriefingProcess.TASK_CHECK).onCreate(this::summarise).completes(this::check);
    }

    private void summarise(org.camunda.bpm.engine.delegate.DelegateTask task) {
        task.setVariableLocal(BriefingProcess.INTERVIEW_SUMMARY, view.interviewSummary(task.getExecution()));
    }

    private void review(CompletingTask task) {
        String comment = task.form().text(BriefingProcess.BRIEFING_COMMENT);
        // Handed to the publishing step at process level (the form's own variable stays local to the task).
        task.task().getExecution().getProcessInstance().setVariable("publishedComment", comment);
        task.task().getExecution().getProcessInstance().setVariable("publishedBy", task.actor());
    }

    private void interview(CompletingTask task) {
        LocalDate date = task.form().date(BriefingProcess.INTERVIEW_DATE, "约谈日期", calendar.zone());
        if (date.isAfter(LocalDate.ofInstant(calendar.now(), calendar.zone()))) {
            throw new TaskInputRejected("约谈日期不能晚于今天（约谈后再记录）");
        }
        String attendees = task.form().required(BriefingProcess.ATTENDEES, "请填写参加人员");
        String measures = task.form().required(BriefingProcess.MEASURES, "请填写整改措施");
        records.interview(task.id(BriefingProcess.BRIEFING_ID), task.text(BriefingProcess.INTERVIEW_UNIT), date, attendees, measures, task.actor());
    }

    private void check(CompletingTask task) {
        BriefingProcess.CheckResult result = task.form().choice(BriefingProcess.CHECK_RESULT, BriefingProcess.CheckResult.class, "请选择整改是否落实");
        String note = task.form().required(BriefingProcess.CHECK_NOTE, "请填写督查情况");
        records.check(task.id(BriefingProcess.BRIEFING_ID), task.text(BriefingProcess.INTERVIEW_UNIT), result.name(), note, task.actor());
    }
}
