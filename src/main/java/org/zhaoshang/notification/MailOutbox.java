package org.zhaoshang.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.system.ApiException;

/**
 * The mail outbox (通知发件箱). {@link #enqueue} joins the caller's transaction (a process step's), so a
 * mail exists exactly when the step that caused it committed; {@link OutboxDispatcher} delivers it after
 * commit. The unique idempotency key keeps one mail per cause, also when a job is retried.
 */
@Service
public class MailOutbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    MailOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Adds the mail unless one with the same key exists; returns whether it was added. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(OutgoingMail mail) {
        // Look first instead of relying on the unique violation: on PostgreSQL a failed statement would
        // abort the whole process-step transaction. A concurrent twin still hits the constraint, its
        // job rolls back and retries, and the retry finds the row.
        if (exists(mail.idempotencyKey())) {
            return false;
        }
        OffsetDateTime now = now();
        jdbc.sql("""
                INSERT INTO mail_outbox (idempotency_key, recipient_user_id, recipient_address, subject, body, task_id,
                    process_instance_id, project_code, escalation_level, status, attempts, created_at, next_attempt_at)
                VALUES (:key, :user, :address, :subject, :body, :task, :pi, :project, :level, 'PENDING', 0, :now, :now)""")
                .param("key", mail.idempotencyKey())
                .param("user", mail.recipientUserId())
                .param("address", mail.recipientAddress())
                .param("subject", mail.subject())
                .param("body", mail.body())
                .param("task", mail.taskId())
                .param("pi", mail.processInstanceId())
                .param("project", mail.projectCode())
                .param("level", mail.escalationLevel())
                .param("now", now)
                .update();
        return true;
    }

    public boolean exists(String idempotencyKey) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE idempotency_key = :key").param("key", idempotencyKey)
                .query(Long.class).single() > 0;
    }

    public List<OutboxMail> list(OutboxStatus status, String taskId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM mail_outbox WHERE 1 = 1");
        var statement = new java.util.HashMap<String, Object>();
        if (status != null) {
            sql.append(" AND status = :status");
            statement.put("status", status.name());
        }
        if (taskId != null) {
            sql.append(" AND task_id = :task");
            statement.put("task", taskId);
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        statement.put("limit", Math.max(1, Math.min(limit, 1000)));
        return jdbc.sql(sql.toString()).params(statement).query(MailOutbox::map).list();
    }

    public Optional<OutboxMail> find(long id) {
        return jdbc.sql("SELECT * FROM mail_outbox WHERE id = :id").param("id", id).query(MailOutbox::map).optional();
    }

    /** An administrator sends a FAILED or HELD mail again: back to PENDING with fresh attempts. */
    @Transactional
    public OutboxMail resend(long id) {
        OutboxMail mail = find(id).orElseThrow(() -> ApiException.notFound("邮件不存在：" + id));
        if (mail.status() != OutboxStatus.FAILED && mail.status() != OutboxStatus.HELD) {
            throw new ApiException(HttpStatus.CONFLICT, "只有发送失败或未发送的邮件可以重新发送（当前状态：" + mail.status().label() + "）");
        }
        jdbc.sql("UPDATE mail_outbox SET status = 'PENDING', attempts = 0, last_error = NULL, next_attempt_at = :now WHERE id = :id")
                .param("now", now()).param("id", id).update();
        return find(id).orElseThrow();
    }

    // --- used by the dispatcher, each in its own short transaction --------------------------------------

    List<Long> dueIds(int limit) {
        return jdbc.sql("SELECT id FROM mail_outbox WHERE status = 'PENDING' AND next_attempt_at <= :now ORDER BY id LIMIT :limit")
                .param("now", now()).param("limit", limit).query(Long.class).list();
    }

    /** Takes the mail for this node; false when another node was faster. */
    boolean claim(long id) {
        return jdbc.sql("UPDATE mail_outbox SET status = 'SENDING', claimed_at = :now WHERE id = :id AND status = 'PENDING'")
                .param("now", now()).param("id", id).update() == 1;
    }

    /** Mails a crashed node left in SENDING go back to PENDING (they may be sent twice: the only such case). */
    int releaseStale(Duration timeout) {
        return jdbc.sql("UPDATE mail_outbox SET status = 'PENDING' WHERE status = 'SENDING' AND claimed_at < :limit")
                .param("limit", now().minus(timeout)).update();
    }

    void markSent(long id) {
        jdbc.sql("UPDATE mail_outbox SET status = 'SENT', sent_at = :now, attempts = attempts + 1, last_error = NULL WHERE id = :id")
                .param("now", now()).param("id", id).update();
    }

    void markHeld(long id) {
        jdbc.sql("UPDATE mail_outbox SET status = 'HELD' WHERE id = :id").param("id", id).update();
    }

    void markFailedAttempt(long id, String error, int maxAttempts, Duration wait) {
        jdbc.sql("""
                UPDATE mail_outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next,
                    status = CASE WHEN attempts + 1 >= :max THEN 'FAILED' ELSE 'PENDING' END
                WHERE id = :id""")
                .param("error", error.length() > 2000 ? error.substring(0, 2000) : error)
                .param("next", now().plus(wait))
                .param("max", maxAttempts)
                .param("id", id)
                .update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static OutboxMail map(ResultSet rs, int rowNum) throws SQLException {
        int level = rs.getInt("escalation_level");
        Integer escalationLevel = rs.wasNull() ? null : level;
        return new OutboxMail(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("recipient_user_id"),
                rs.getString("recipient_address"), rs.getString("subject"), rs.getString("body"), rs.getString("task_id"),
                rs.getString("process_instance_id"), rs.getString("project_code"), escalationLevel,
                OutboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("next_attempt_at", OffsetDateTime.class),
                rs.getObject("sent_at", OffsetDateTime.class));
    }
}
