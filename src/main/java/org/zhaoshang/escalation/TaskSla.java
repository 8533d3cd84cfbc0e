package org.zhaoshang.escalation;

import java.util.ArrayList;
import java.util.List;

/**
 * The service level of one user task type: working days until due, a reminder some working days
 * before, level 1 and level 2 some working days after the due date, and who receives each level.
 */
public record TaskSla(String taskKey, int dueDays, int remindBeforeDays, int level1AfterDays, int level2AfterDays,
        RecipientRule level0Recipients, RecipientRule level1Recipients, RecipientRule level2Recipients) {

    public static final int MAX_DAYS = 250;

    /** Chinese messages for every rule this SLA breaks; empty when it is sound. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (dueDays < 1 || dueDays > MAX_DAYS) {
            problems.add("办理时限须在 1 到 " + MAX_DAYS + " 个工作日之间");
        }
        if (remindBeforeDays < 0 || remindBeforeDays >= Math.max(dueDays, 1)) {
            problems.add("到期前提醒的天数须不小于0且小于办理时限");
        }
        if (level1AfterDays < 0 || level1AfterDays > MAX_DAYS) {
            problems.add("一级督办（逾期提醒）须在到期后 0 到 " + MAX_DAYS + " 个工作日之间");
        }
        if (level2AfterDays <= level1AfterDays || level2AfterDays > MAX_DAYS) {
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
        return new TaskSla(key, dueDays, remindBeforeDays, level1AfterDays, level2AfterDays, level0Recipients,
                level1Recipients, level2Recipients);
    }
}
