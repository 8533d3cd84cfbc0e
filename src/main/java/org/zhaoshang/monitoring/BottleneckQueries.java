package org.zhaoshang.monitoring;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zhaoshang.project.EffectiveChain;

/**
 * The dashboard's SQL over {@code task_fact} (portable: H2 and PostgreSQL). Durations are those of the
 * tasks completed in the period; waiting and overdue are the tasks open now; escalations those fired in
 * the period.
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

    BottleneckQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Three queries merged by group, each served by an index: durations of the tasks completed in the
     * period (a range on (process, ended_at); the wide index lets PostgreSQL answer from the index alone),
     * the open tasks (ended_at IS NULL), and the escalations fired in the period.
     */
    List<Row> bottlenecks(DashboardFilter filter, Scope scope, String groupBy, OffsetDateTime now) {
        String group = GROUPS.get(groupBy);
        Map<String, Row> rows = new java.util.TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));

        // Durations: the raw values of the period come from one index range (index-only on PostgreSQL) and the
        // statistics are computed here — cheaper than six ordered-set aggregates per group in the database.
        StringBuilder done = new StringBuilder("SELECT %1$s AS grp, f.total_seconds, f.wait_seconds, f.work_seconds FROM task_fact f"
                .formatted(group));
        Map<String, Object> params = new java.util.HashMap<>();
        where(done, params, filter, scope);
        done.append(" AND f.ended_at >= :from AND f.ended_at < :to AND f.end_state = 'COMPLETED'");
        Map<String, Samples> samples = new java.util.HashMap<>();
        jdbc.sql(done.toString()).params(params).query(rs -> {
            samples.computeIfAbsent(rs.getString(1), g -> new Samples()).add(rs.getLong(2), rs.getLong(3), rs.getLong(4));
        });
        samples.forEach((key, sample) -> {
            Stats total = Stats.of(sample.total, sample.size);
            Stats wait = Stats.of(sample.wait, sample.size);
            Stats work = Stats.of(sample.work, sample.size);
            rows.put(key, new Row(key, null, 0, 0, 0, 0, sample.size, total.mean(), total.median(), total.p90(), wait.mean(), wait.median(),
                    wait.p90(), work.mean(), work.median(), work.p90()));
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

    /** The durations of one group, growing as rows arrive. */
    static final class Samples {
        long[] total = new long[64];
        long[] wait = new long[64];
        long[] work = new long[64];
        int size;

        void add(long t, long w, long k) {
            if (size == total.length) {
                total = java.util.Arrays.copyOf(total, size * 2);
                wait = java.util.Arrays.copyOf(wait, size * 2);
                work = java.util.Arrays.copyOf(work, size * 2);
            }
            total[size] = t;
            wait[size] = w;
            work[size] = k;
            size++;
        }
    }

    /** Mean, median and 90th percentile with SQL's PERCENTILE_CONT rule (linear between the two nearest values). */
    record Stats(Double mean, Double median, Double p90) {

        static Stats of(long[] values, int size) {
            if (size == 0) {
                return new Stats(null, null, null);
            }
            long[] sorted = java.util.Arrays.copyOf(values, size);
            java.util.Arrays.sort(sorted);
            double sum = 0;
            for (long value : sorted) {
                sum += value;
            }
            return new Stats(sum / size, percentile(sorted, 0.5), percentile(sorted, 0.9));
        }

        static double percentile(long[] sorted, double p) {
            double position = p * (sorted.length - 1);
            int lower = (int) Math.floor(position);
            int upper = Math.min(lower + 1, sorted.length - 1);
            return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
        }
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
        if (filter.chain() != null) {
            sql.append(" AND ").append(EffectiveChain.containsCode("f.project_code", "f.industry", "chain"));
            params.put("chain", filter.chain());
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
}
