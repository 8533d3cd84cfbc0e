package org.zhaoshang.monitoring;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's SQL over {@code task_fact} (portable: H2 and PostgreSQL both know
 * {@code PERCENTILE_CONT … WITHIN GROUP}). A task belongs to the period when it was open at some time
 * in it; durations are those of the tasks completed in the period.
 */
@Repository
class BottleneckQueries {

    /** Grouping columns the API may ask for (never user text in SQL). */
    static final Map<String, String> GROUPS = Map.of("task", "f.task_key", "department", "f.department", "hostUnit", "f.host_unit",
            "industry", "f.industry");

    record Row(String group, String name, long waiting, long overdue, long escalated1, long escalated2, long completed,
            Double meanTotal, Double medianTotal, Double p90Total, Double meanWait, Double medianWait, Double p90Wait,
            Double meanWork, Double medianWork, Double p90Work) {
    }

    record OverdueTask(String taskId, String taskName, String projectCode, String assignee, String department, OffsetDateTime dueAt,
            OffsetDateTime createdAt, String processInstanceId) {
    }

    record Completion(OffsetDateTime endedAt, long totalSeconds) {
    }

    private final JdbcClient jdbc;
    private final boolean postgres;

    BottleneckQueries(JdbcClient jdbc, javax.sql.DataSource dataSource) throws java.sql.SQLException {
        this.jdbc = jdbc;
        try (java.sql.Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        }
    }

    /**
     * Three queries merged by group, each served by an index: durations of the tasks completed in the
     * period (a range on (process, ended_at); the wide index lets PostgreSQL answer from the index alone),
     * the open tasks (ended_at IS NULL), and the escalations fired in the period. On PostgreSQL the
     * sorts of the percentiles get enough memory not to spill to disk (work_mem, this transaction only).
     */
    List<Row> bottlenecks(DashboardFilter filter, Scope scope, String groupBy, OffsetDateTime now) {
        String group = GROUPS.get(groupBy);
        Map<String, Row> rows = new java.util.TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));

        StringBuilder done = new StringBuilder("""
                SELECT %1$s AS grp, COUNT(*) AS completed,
                  AVG(f.total_seconds) AS mean_total,
                  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY f.total_seconds) AS median_total,
                  PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY f.total_seconds) AS p90_total,
                  AVG(f.wait_seconds) AS mean_wait,
                  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY f.wait_seconds) AS median_wait,
                  PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY f.wait_seconds) AS p90_wait,
                  AVG(f.work_seconds) AS mean_work,
                  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY f.work_seconds) AS median_work,
                  PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY f.work_seconds) AS p90_work
                FROM task_fact f""".formatted(group));
        Map<String, Object> params = new java.util.HashMap<>();
        if (postgres) {
            jdbc.sql("SET LOCAL work_mem = '64MB'").update();
        }
        where(done, params, filter, scope);
        done.append(" AND f.ended_at >= :from AND f.ended_at < :to AND f.end_state = 'COMPLETED' GROUP BY ").append(group);
        jdbc.sql(done.toString()).params(params).query(rs -> {
            rows.put(rs.getString("grp"), new Row(rs.getString("grp"), null, 0, 0, 0, 0, rs.getLong("completed"),
                    number(rs.getObject("mean_total")), number(rs.getObject("median_total")), number(rs.getObject("p90_total")),
                    number(rs.getObject("mean_wait")), number(rs.getObject("median_wait")), number(rs.getObject("p90_wait")),
                    number(rs.getObject("mean_work")), number(rs.getObject("median_work")), number(rs.getObject("p90_work"))));
        });

        StringBuilder open = new StringBuilder("""
                SELECT %1$s AS grp, COUNT(*) AS waiting,
                  SUM(CASE WHEN f.due_at < :now THEN 1 ELSE 0 END) AS overdue
                FROM task_fact f""".formatted(group));
        params = new java.util.HashMap<>();
        where(open, params, filter, scope);
        open.append(" AND f.ended_at IS NULL AND f.created_at < :to GROUP BY ").append(group);
        params.put("now", now);
        jdbc.sql(open.toString()).params(params).query(rs -> {
            Row row = rows.getOrDefault(rs.getString("grp"), empty(rs.getString("grp")));
            rows.put(row.group(), new Row(row.group(), row.name(), rs.getLong("waiting"), rs.getLong("overdue"), row.escalated1(),
                    row.escalated2(), row.completed(), row.meanTotal(), row.medianTotal(), row.p90Total(), row.meanWait(), row.medianWait(),
                    row.p90Wait(), row.meanWork(), row.medianWork(), row.p90Work()));
        });

        StringBuilder escalated = new StringBuilder("""
                SELECT %1$s AS grp,
                  COUNT(DISTINCT CASE WHEN e.escalation_level >= 1 THEN f.task_id END) AS escalated1,
                  COUNT(DISTINCT CASE WHEN e.escalation_level >= 2 THEN f.task_id END) AS escalated2
                FROM task_escalation e JOIN task_fact f ON f.task_id = e.task_id""".formatted(group));
        params = new java.util.HashMap<>();
        where(escalated, params, filter, scope);
        // Escalations that fired in the period (index on fired_at), of tasks not cancelled.
        escalated.append(" AND e.escalation_level >= 1 AND e.fired_at >= :from AND e.fired_at < :to"
                + " AND (f.end_state IS NULL OR f.end_state = 'COMPLETED') GROUP BY ").append(group);
        jdbc.sql(escalated.toString()).params(params).query(rs -> {
            Row row = rows.getOrDefault(rs.getString("grp"), empty(rs.getString("grp")));
            rows.put(row.group(), new Row(row.group(), row.name(), row.waiting(), row.overdue(), rs.getLong("escalated1"),
                    rs.getLong("escalated2"), row.completed(), row.meanTotal(), row.medianTotal(), row.p90Total(), row.meanWait(),
                    row.medianWait(), row.p90Wait(), row.meanWork(), row.medianWork(), row.p90Work()));
        });
        return new ArrayList<>(rows.values());
    }

    private static Row empty(String group) {
        return new Row(group, null, 0, 0, 0, 0, 0, null, null, null, null, null, null, null, null, null);
    }

    List<OverdueTask> overdue(DashboardFilter filter, Scope scope, String taskKey, OffsetDateTime now) {
        StringBuilder sql = new StringBuilder("SELECT f.* FROM task_fact f");
        Map<String, Object> params = new java.util.HashMap<>();
        where(sql, params, filter, scope);
        sql.append(" AND f.ended_at IS NULL AND f.due_at < :now AND f.task_key = :taskKey ORDER BY f.due_at LIMIT 200");
        params.put("now", now);
        params.put("taskKey", taskKey);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new OverdueTask(rs.getString("task_id"), rs.getString("task_name"), rs.getString("project_code"),
                        rs.getString("assignee"), rs.getString("department"), rs.getObject("due_at", OffsetDateTime.class),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getString("process_instance_id")))
                .list();
    }

    List<Completion> completions(DashboardFilter filter, Scope scope, String taskKey) {
        StringBuilder sql = new StringBuilder("SELECT f.ended_at, f.total_seconds FROM task_fact f");
        Map<String, Object> params = new java.util.HashMap<>();
        where(sql, params, filter, scope);
        sql.append(" AND f.end_state = 'COMPLETED' AND f.ended_at >= :from AND f.ended_at < :to AND f.task_key = :taskKey");
        params.put("taskKey", taskKey);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Completion(rs.getObject(1, OffsetDateTime.class), rs.getLong(2))).list();
    }

    List<Integer> versions(String process) {
        return jdbc.sql("SELECT DISTINCT process_version FROM task_fact WHERE process_definition_key = :p ORDER BY process_version")
                .param("p", process).query(Integer.class).list();
    }

    private static void where(StringBuilder sql, Map<String, Object> params, DashboardFilter filter, Scope scope) {
        ZoneId zone = ZoneId.systemDefault();
        sql.append(" WHERE f.process_definition_key = :process");
        params.put("process", filter.process());
        params.put("from", filter.from().atStartOfDay(zone).toOffsetDateTime());
        params.put("to", filter.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        if (filter.version() != null) {
            sql.append(" AND f.process_version = :version");
            params.put("version", filter.version());
        }
        if (filter.industry() != null) {
            sql.append(" AND f.industry = :industry");
            params.put("industry", filter.industry());
        }
        if (filter.unit() != null) {
            sql.append(" AND f.host_unit = :unit");
            params.put("unit", filter.unit());
        }
        if (filter.keyOnly()) {
            sql.append(" AND f.key_project = TRUE");
        }
        if (!scope.all()) {
            List<String> clauses = new ArrayList<>();
            if (!scope.hostUnits().isEmpty()) {
                clauses.add("f.host_unit IN (:scopeUnits)");
                params.put("scopeUnits", scope.hostUnits());
            }
            if (!scope.departments().isEmpty()) {
                clauses.add("f.department IN (:scopeDepartments)");
                params.put("scopeDepartments", scope.departments());
            }
            sql.append(clauses.isEmpty() ? " AND 1 = 0" : " AND (" + String.join(" OR ", clauses) + ")");
        }
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
