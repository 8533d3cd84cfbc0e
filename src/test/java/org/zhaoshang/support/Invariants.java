package org.zhaoshang.support;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold in the database after any fault, checked with SQL after each fault scenario: no case is
 * stuck with nothing to wait for, no job has given up silently, every escalation reached the outbox once.
 */
public final class Invariants {

    private Invariants() {
    }

    /** The broken invariants, one line each with the rows that break it; empty when all hold. */
    public static List<String> violations(NodeDatabase db) throws SQLException {
        List<String> broken = new ArrayList<>();
        check(broken, db, "a running case waits for nothing (no task, job or event subscription)", """
                SELECT e.PROC_INST_ID_ FROM ACT_RU_EXECUTION e WHERE e.ID_ = e.PROC_INST_ID_
                AND NOT EXISTS (SELECT 1 FROM ACT_RU_TASK t WHERE t.PROC_INST_ID_ = e.PROC_INST_ID_)
                AND NOT EXISTS (SELECT 1 FROM ACT_RU_JOB j WHERE j.PROCESS_INSTANCE_ID_ = e.PROC_INST_ID_)
                AND NOT EXISTS (SELECT 1 FROM ACT_RU_EVENT_SUBSCR s WHERE s.PROC_INST_ID_ = e.PROC_INST_ID_)
                AND NOT EXISTS (SELECT 1 FROM ACT_RU_EXT_TASK x WHERE x.PROC_INST_ID_ = e.PROC_INST_ID_)""");
        check(broken, db, "a job without retries has no incident", """
                SELECT j.ID_ FROM ACT_RU_JOB j WHERE j.RETRIES_ = 0
                AND NOT EXISTS (SELECT 1 FROM ACT_RU_INCIDENT i WHERE i.CONFIGURATION_ = j.ID_)""");
        check(broken, db, "an escalation has no outbox row", """
                SELECT e.task_id || '/' || e.escalation_level FROM task_escalation e WHERE NOT EXISTS
                (SELECT 1 FROM mail_outbox m WHERE m.task_id = e.task_id AND m.escalation_level = e.escalation_level)""");
        check(broken, db, "a mail of an escalation is in the outbox twice", """
                SELECT task_id || '/' || escalation_level || '/' || recipient_address FROM mail_outbox
                WHERE task_id IS NOT NULL AND escalation_level IS NOT NULL
                GROUP BY task_id, escalation_level, recipient_address HAVING COUNT(*) > 1""");
        return broken;
    }

    private static void check(List<String> broken, NodeDatabase db, String invariant, String sql) throws SQLException {
        List<String> rows = db.strings(sql);
        if (!rows.isEmpty()) {
            broken.add(invariant + ": " + rows);
        }
    }
}
