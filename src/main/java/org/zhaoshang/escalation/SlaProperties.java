package org.zhaoshang.escalation;

import java.util.Map;

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

    /** Fields left empty in a task's entry come from the defaults. */
    record Entry(Integer dueDays, Integer remindBeforeDays, Integer level1AfterDays, Integer level2AfterDays,
            RecipientRule level0, RecipientRule level1, RecipientRule level2) {

        TaskSla over(TaskSla base, String key) {
            return new TaskSla(key,
                    dueDays != null ? dueDays : base.dueDays(),
                    remindBeforeDays != null ? remindBeforeDays : base.remindBeforeDays(),
                    level1AfterDays != null ? level1AfterDays : base.level1AfterDays(),
                    level2AfterDays != null ? level2AfterDays : base.level2AfterDays(),
                    level0 != null ? level0 : base.level0Recipients(),
                    level1 != null ? level1 : base.level1Recipients(),
                    level2 != null ? level2 : base.level2Recipients());
        }
    }
}
