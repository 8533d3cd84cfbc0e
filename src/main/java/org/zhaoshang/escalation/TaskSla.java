package org.zhaoshang.escalation;

import java.util.ArrayList;
import java.util.List;

import org.zhaoshang.calendar.WorkingPeriod;

/**
 * The service level of one user task type: the time limit until due, a reminder some time before, level 1 and
 * level 2 some time after the due date, and who receives each level. Times are {@link WorkingPeriod}s: whole working
 * days (end-of-day meaning, as always), half days or working hours (policy 003 sets limits like "0.5个工作日").
 */
public record TaskSla(String taskKey, WorkingPeriod due, WorkingPeriod remindBefore, WorkingPeriod level1After,
        WorkingPeriod level2After, RecipientRule level0Recipients, RecipientRule level1Recipients, RecipientRule level2Recipients) {

    public static final int MAX_DAYS = WorkingPeriod.MAX_DAYS;

    /** An SLA in whole working days, as most are. */
    public static TaskSla inDays(String taskKey, int dueDays, int remindBeforeDays, int level1AfterDays, int level2AfterDays,
            RecipientRule level0, RecipientRule level1, RecipientRule level2) {
        return new TaskSla(taskKey, WorkingPeriod.days(dueDays), WorkingPeriod.days(remindBeforeDays), WorkingPeriod.days(level1AfterDays),
                WorkingPeriod.days(level2AfterDays), level0, level1, level2);
    }

    /**
     * Chinese messages for every rule this SLA breaks; empty when it is sound. Periods of different units are compared
     * in working time, a working day having {@code workingDayMinutes}.
     */
    public List<String> problems(long workingDayMinutes) {
        List<String> problems = new ArrayList<>();
        if (due == null || remindBefore == null || level1After == null || level2After == null) {
            problems.add("请填写办理时限、提醒时间和两级督办时间");
            return problems;
        }
        long dueMinutes = due.workingMinutes(workingDayMinutes);
        if (due.isZero() || dueMinutes > MAX_DAYS * workingDayMinutes) {
            problems.add("办理时限须大于0且不超过 " + MAX_DAYS + " 个工作日");
        }
        if (remindBefore.workingMinutes(workingDayMinutes) >= Math.max(dueMinutes, 1)) {
            problems.add("到期前提醒的时间须小于办理时限");
        }
        long level1 = level1After.workingMinutes(workingDayMinutes);
        if (level1 > MAX_DAYS * workingDayMinutes) {
            problems.add("一级督办（逾期提醒）须在到期后 " + MAX_DAYS + " 个工作日以内");
        }
        long level2 = level2After.workingMinutes(workingDayMinutes);
        // Whole days count to the end of a day: level 2 must fall on a later day (or a later hour) than level 1.
        boolean later = level2After.wholeDays() && level1After.wholeDays() ? level2After.days() > level1After.days() : level2 > level1;
        if (!later || level2 > MAX_DAYS * workingDayMinutes) {
            problems.add("二级督办须晚于一级督办，且不超过到期后 " + MAX_DAYS + " 个工作日");
        }
        if (level0Recipients == null || level1Recipients == null || level2Recipients == null) {
            problems.add("请为每一级指定接收人");
        }
        return problems;
    }

    public RecipientRule recipients(int level) {
        return switch (level) {
            case 0 -> level0Recipients;
            case 1 -> level1Recipients;
            case 2 -> level2Recipients;
            default -> throw new IllegalArgumentException("escalation level " + level);
        };
    }

    public TaskSla withKey(String key) {
        return new TaskSla(key, due, remindBefore, level1After, level2After, level0Recipients, level1Recipients, level2Recipients);
    }
}
