package org.zhaoshang.briefing;

import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskInputs;
import org.zhaoshang.identity.GroupIds;

/** {@code ${completeBriefingTaskListener}}: the review's comment, the 约谈 record and the follow-up check. */
@Component
class CompleteBriefingTaskListener implements TaskListener {

    private final BriefingRecords records;
    private final WorkingDayCalendar calendar;

    CompleteBriefingTaskListener(BriefingRecords records, WorkingDayCalendar calendar) {
        this.records = records;
        this.calendar = calendar;
    }

    @Override
    public void notify(DelegateTask task) {
        long briefing = ((Number) task.getVariable(BriefingProcess.BRIEFING_ID)).longValue();
        String actor = TaskInputs.actor(task);
        switch (task.getTaskDefinitionKey()) {
            case BriefingProcess.TASK_REVIEW -> {
                TaskInputs.requireMember(task, GroupIds.HEZUO, "只有区合作交流办可以发布通报");
                String comment = TaskInputs.text(task, BriefingProcess.BRIEFING_COMMENT);
                if (comment != null && comment.length() > TaskInputs.MAX_TEXT) {
                    throw new TaskInputRejected("通报意见过长（不超过" + TaskInputs.MAX_TEXT + "字）");
                }
                // Handed to the publishing step at process level (the form's own variable stays local to the task).
                task.getExecution().getProcessInstance().setVariable("publishedComment", comment == null || comment.isEmpty() ? null : comment);
                task.getExecution().getProcessInstance().setVariable("publishedBy", actor);
            }
            case BriefingProcess.TASK_INTERVIEW -> {
                TaskInputs.requireMember(task, GroupIds.LEADER, "只有区领导可以记录约谈");
                LocalDate date = TaskInputs.date(task, BriefingProcess.INTERVIEW_DATE, "约谈日期", calendar.zone());
                if (date.isAfter(LocalDate.ofInstant(calendar.now(), calendar.zone()))) {
                    throw new TaskInputRejected("约谈日期不能晚于今天（约谈后再记录）");
                }
                String attendees = TaskInputs.required(task, BriefingProcess.ATTENDEES, "请填写参加人员");
                String measures = TaskInputs.required(task, BriefingProcess.MEASURES, "请填写整改措施");
                records.interview(briefing, (String) task.getVariable(BriefingProcess.INTERVIEW_UNIT), date, attendees, measures, actor);
            }
            case BriefingProcess.TASK_CHECK -> {
                TaskInputs.requireMember(task, GroupIds.DUCHA, "只有督查室可以督查整改");
                String result = TaskInputs.required(task, BriefingProcess.CHECK_RESULT, "请选择整改是否落实");
                if (!result.equals("DONE") && !result.equals("NOT_DONE")) {
                    throw new TaskInputRejected("请选择整改是否落实");
                }
                String note = TaskInputs.required(task, BriefingProcess.CHECK_NOTE, "请填写督查情况");
                records.check(briefing, (String) task.getVariable(BriefingProcess.INTERVIEW_UNIT), result, note, actor);
            }
            default -> throw new IllegalStateException("No briefing rule for task " + task.getTaskDefinitionKey());
        }
    }
}
