package org.zhaoshang.escalation;

import java.util.Map;

import org.zhaoshang.calendar.WorkingPeriod;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code app.sla}: the default SLA and per-task SLAs (by user task definition key) from configuration.
 * Administrators override them at run time through {@code /api/admin/slas} (table {@code task_sla});
 * a change applies to tasks created afterwards.
 */
@ConfigurationProperties("app.sla")
record SlaProperties(Entry defaults, Map<String, Entry> tasks) {

    SlaProperties {
        tasks = tasks == null ? Map.of() : Map.copyOf(tasks);
    }

    /**
     * Fields left empty in a task's entry come from the defaults. The times take whole working days ({@code 5}), half
     * days ({@code 0.5}) or working hours ({@code 4h}): {@link WorkingPeriod}; the keys keep their old names.
     */
    record Entry(String dueDays, String remindBeforeDays, String level1AfterDays, String level2AfterDays,
            RecipientRule level0, RecipientRule level1, RecipientRule level2) {

        TaskSla over(TaskSla base, String key) {
            return new TaskSla(key,
                    dueDays != null ? WorkingPeriod.parse(dueDays) : base.due(),
                    remindBeforeDays != null ? WorkingPeriod.parse(remindBeforeDays) : base.remindBefore(),
                    level1AfterDays != null ? WorkingPeriod.parse(level1AfterDays) : base.level1After(),
                    level2AfterDays != null ? WorkingPeriod.parse(level2AfterDays) : base.level2After(),
                    level0 != null ? level0 : base.level0Recipients(),
                    level1 != null ? level1 : base.level1Recipients(),
                    level2 != null ? level2 : base.level2Recipients());
        }
    }
}
