package org.zhaoshang.support;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold in the database after any fault, checked with SQL after each fault scenario: no case is
 * stuck with nothing to wait for, no job has given up silently, every escalation reached the outbox once.
 * Over the whole database (a node test's own database), or over given cases (the shared test database,
 * where other tests' cases are none of this test's business).
 */
public final class Invariants {

    /** Runs a query with {@code ?} parameters and returns its first column as text. */
    @FunctionalInterface
    public interface Sql {
        List<String> strings(String sql, String... parameters) throws SQLException;
    }

    private Invariants() {
    }

    /** The shared test database through the application's JdbcClient. */
    public static Sql sql(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        return (sql, parameters) -> jdbc.sql(sql).params((Object[]) parameters).query(String.class).list();
    }

    /** The broken invariants over the whole database, one line each with the rows that break it; empty when all hold. */
    public static List<String> violations(NodeDatabase db) throws SQLException {
        return violations(db::strings);
    }

    /** The same over the given process instances only (all of them when none are given). */
    public static List<String> violations(Sql db, String... processInstances) throws SQLException {
        List<String> broken = new ArrayList<>();
        for (String scope : processInstances.length == 0 ? new String[] {null} : processInstances) {
            check(broken, db, scope, "a running case waits for nothing (no task, job or event subscription)", """
                    SELECT e.PROC_INST_ID_ FROM ACT_RU_EXECUTION e WHERE e.ID_ = e.PROC_INST_ID_ %s
                    AND NOT EXISTS (SELECT 1 FROM ACT_RU_TASK t WHERE t.PROC_INST_ID_ = e.PROC_INST_ID_)
                    AND NOT EXISTS (SELECT 1 FROM ACT_RU_JOB j WHERE j.PROCESS_INSTANCE_ID_ = e.PROC_INST_ID_)
                    AND NOT EXISTS (SELECT 1 FROM ACT_RU_EVENT_SUBSCR s WHERE s.PROC_INST_ID_ = e.PROC_INST_ID_)
                    AND NOT EXISTS (SELECT 1 FROM ACT_RU_EXT_TASK x WHERE x.PROC_INST_ID_ = e.PROC_INST_ID_)""", "e.PROC_INST_ID_");
            check(broken, db, scope, "a job without retries has no incident", """
                    SELECT j.ID_ FROM ACT_RU_JOB j WHERE j.RETRIES_ = 0 %s
                    AND NOT EXISTS (SELECT 1 FROM ACT_RU_INCIDENT i WHERE i.CONFIGURATION_ = j.ID_)""", "j.PROCESS_INSTANCE_ID_");
            check(broken, db, scope, "an escalation has no outbox row", """
                    SELECT e.task_id || '/' || e.escalation_level FROM task_escalation e WHERE NOT EXISTS
                    (SELECT 1 FROM mail_outbox m WHERE m.task_id = e.task_id AND m.escalation_level = e.escalation_level) %s""",
                    "e.process_instance_id");
            check(broken, db, scope, "a mail of an escalation is in the outbox twice", """
                    SELECT task_id || '/' || escalation_level || '/' || recipient_address FROM mail_outbox
                    WHERE task_id IS NOT NULL AND escalation_level IS NOT NULL %s
                    GROUP BY task_id, escalation_level, recipient_address HAVING COUNT(*) > 1""", "process_instance_id");
        }
        return broken;
    }

    private static void check(List<String> broken, Sql db, String scope, String invariant, String sql, String column)
            throws SQLException {
        List<String> rows = scope == null ? db.strings(sql.formatted("")) : db.strings(sql.formatted("AND " + column + " = ?"), scope);
        if (!rows.isEmpty()) {
            broken.add(invariant + (scope == null ? "" : " (case " + scope + ")") + ": " + rows);
        }
    }
}
