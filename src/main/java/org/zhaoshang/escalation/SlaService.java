package org.zhaoshang.escalation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.calendar.WorkingPeriod;
import org.zhaoshang.system.ApiException;

/**
 * The SLA of a user task type: an administrator's setting (table {@code task_sla}) if there is one,
 * else the task's entry in {@code app.sla.tasks}, else {@code app.sla.defaults}.
 */
@Service
public class SlaService {

    public enum Source { ADMIN, CONFIGURATION, DEFAULT }

    public record EffectiveSla(TaskSla sla, Source source, String updatedBy, OffsetDateTime updatedAt) {
    }

    private static final TaskSla BUILT_IN = TaskSla.inDays("*", 5, 1, 0, 3, RecipientRule.ASSIGNEE_OR_CANDIDATES,
            RecipientRule.SUPERVISOR, RecipientRule.LEAD_OFFICIAL_OR_DUCHA);

    private final JdbcClient jdbc;
    private final RepositoryService repositoryService;
    private final Clock clock;
    private final TaskSla defaults;
    private final SlaProperties properties;
    /** Minutes of working time in a working day: to compare periods given in days with periods given in hours. */
    private final long workingDayMinutes;

    SlaService(JdbcClient jdbc, RepositoryService repositoryService, Clock clock, SlaProperties properties, WorkingDayCalendar calendar) {
        this.jdbc = jdbc;
        this.workingDayMinutes = calendar.workingDayMinutes();
        this.repositoryService = repositoryService;
        this.clock = clock;
        this.properties = properties;
        this.defaults = properties.defaults() == null ? BUILT_IN : configured(properties.defaults(), BUILT_IN, "*", "app.sla.defaults");
        // A broken configuration stops the start, instead of producing nonsense due dates later.
        requireSound(defaults, "app.sla.defaults");
        properties.tasks().forEach((key, entry) -> requireSound(configured(entry, defaults, key, "app.sla.tasks." + key),
                "app.sla.tasks." + key));
    }

    private static final Object MEMO = new Object();

    /**
     * The SLA in force. A task's creation asks four times (due date and three timers): within one
     * transaction the answer is read once; a change by an administrator applies to tasks created afterwards.
     */
    @SuppressWarnings("unchecked")
    public TaskSla effective(String taskKey) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return describe(taskKey).sla();
        }
        Map<String, TaskSla> memo = (Map<String, TaskSla>) TransactionSynchronizationManager.getResource(MEMO);
        if (memo == null) {
            memo = new java.util.HashMap<>();
            TransactionSynchronizationManager.bindResource(MEMO, memo);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(MEMO);
                }
            });
        }
        return memo.computeIfAbsent(taskKey, key -> describe(key).sla());
    }

    private static void forgetMemo() {
        Object memo = TransactionSynchronizationManager.getResource(MEMO);
        if (memo instanceof Map<?, ?> map) {
            map.clear();
        }
    }

    public EffectiveSla describe(String taskKey) {
        Optional<EffectiveSla> admin = jdbc.sql("SELECT * FROM task_sla WHERE task_key = :key").param("key", taskKey)
                .query((rs, n) -> new EffectiveSla(new TaskSla(rs.getString("task_key"), WorkingPeriod.parse(rs.getString("due_period")),
                        WorkingPeriod.parse(rs.getString("remind_before_period")), WorkingPeriod.parse(rs.getString("level1_after_period")),
                        WorkingPeriod.parse(rs.getString("level2_after_period")),
                        RecipientRule.valueOf(rs.getString("level0_recipients")),
                        RecipientRule.valueOf(rs.getString("level1_recipients")),
                        RecipientRule.valueOf(rs.getString("level2_recipients"))),
                        Source.ADMIN, rs.getString("updated_by"), rs.getObject("updated_at", OffsetDateTime.class)))
                .optional();
        if (admin.isPresent()) {
            return admin.get();
        }
        SlaProperties.Entry configured = properties.tasks().get(taskKey);
        return configured != null
                ? new EffectiveSla(configured.over(defaults, taskKey), Source.CONFIGURATION, null, null)
                : new EffectiveSla(defaults.withKey(taskKey), Source.DEFAULT, null, null);
    }

    /** Every user task type of the deployed processes (latest versions) plus any configured one. */
    public List<EffectiveSla> all() {
        Map<String, EffectiveSla> result = new TreeMap<>();
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().unlimitedList()) {
            for (UserTask task : repositoryService.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class)) {
                result.computeIfAbsent(task.getId(), this::describe);
            }
        }
        properties.tasks().keySet().forEach(key -> result.computeIfAbsent(key, this::describe));
        jdbc.sql("SELECT task_key FROM task_sla").query(String.class).list()
                .forEach(key -> result.computeIfAbsent(key, this::describe));
        return List.copyOf(result.values());
    }

    /** Stores an administrator's SLA for a task type; refused with Chinese messages when unsound. */
    @Transactional
    public EffectiveSla save(TaskSla sla, String user) {
        forgetMemo();
        List<String> problems = sla.problems(workingDayMinutes);
        if (!problems.isEmpty()) {
            throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, String.join("；", problems));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.sql("""
                UPDATE task_sla SET due_period = :due, remind_before_period = :remind, level1_after_period = :l1,
                    level2_after_period = :l2, level0_recipients = :r0, level1_recipients = :r1, level2_recipients = :r2,
                    updated_by = :user, updated_at = :now
                WHERE task_key = :key""")
                .params(params(sla, user, now)).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO task_sla (task_key, due_period, remind_before_period, level1_after_period, level2_after_period,
                        level0_recipients, level1_recipients, level2_recipients, updated_by, updated_at)
                    VALUES (:key, :due, :remind, :l1, :l2, :r0, :r1, :r2, :user, :now)""")
                    .params(params(sla, user, now)).update();
        }
        return describe(sla.taskKey());
    }

    /** Removes an administrator's SLA: the configured one applies again. */
    @Transactional
    public EffectiveSla reset(String taskKey) {
        forgetMemo();
        jdbc.sql("DELETE FROM task_sla WHERE task_key = :key").param("key", taskKey).update();
        return describe(taskKey);
    }

    private static Map<String, Object> params(TaskSla sla, String user, OffsetDateTime now) {
        return Map.of("key", sla.taskKey(), "due", sla.due().text(), "remind", sla.remindBefore().text(),
                "l1", sla.level1After().text(), "l2", sla.level2After().text(), "r0", sla.level0Recipients().name(),
                "r1", sla.level1Recipients().name(), "r2", sla.level2Recipients().name(), "user", user, "now", now);
    }

    /** A configured entry over its base; a time that does not parse stops the start, naming the key. */
    private static TaskSla configured(SlaProperties.Entry entry, TaskSla base, String key, String where) {
        try {
            return entry.over(base, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid SLA in " + where + ": " + e.getMessage(), e);
        }
    }

    private void requireSound(TaskSla sla, String where) {
        List<String> problems = sla.problems(workingDayMinutes);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid SLA in " + where + ": " + String.join("; ", problems));
        }
    }
}
