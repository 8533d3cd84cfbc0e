package org.zhaoshang.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.system.ApiException;

/**
 * The outbox (通知发件箱) of every channel: e-mail, SMS, the units' 企业微信 and 钉钉 groups. {@link #enqueue} joins
 * the caller's transaction (a process step's), so a message exists exactly when the step that caused it committed;
 * {@link OutboxDispatcher} delivers it after commit. The unique idempotency key keeps one row per cause and channel,
 * also when a job is retried.
 */
@Service
public class MailOutbox {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PersonChannels people;
    private final UnitRobots robots;
    private final String baseUrl;

    MailOutbox(JdbcClient jdbc, Clock clock, PersonChannels people, UnitRobots robots, @Value("${app.base-url}") String baseUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.people = people;
        this.robots = robots;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * Adds the notice on each of the person's channels (e-mail to the given address, SMS to their mobile), unless
     * a row with the same key and channel exists; returns whether any row was added. The e-mail row keeps the
     * cause's key as it is, the other channels append "#CHANNEL".
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(OutgoingMail mail) {
        PersonChannels.Settings person = mail.recipientUserId() == null ? null : people.of(mail.recipientUserId());
        boolean added = false;
        if ((person == null || person.wants(Preference.EMAIL)) && mail.recipientAddress() != null && !mail.recipientAddress().isBlank()) {
            added |= insert(mail, Channel.EMAIL, mail.idempotencyKey(), mail.recipientAddress(), mail.recipientUserId());
        }
        if (person != null && person.wants(Preference.SMS) && person.mobile() != null) {
            added |= insert(mail, Channel.SMS, mail.idempotencyKey() + "#" + Channel.SMS, person.mobile(), mail.recipientUserId());
        }
        return added;
    }

    /**
     * Posts the notice into the unit's group on each robot the unit has; {@code mention} is the person to @ there
     * (when they chose so), or null. Returns whether any row was added.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueueForUnit(OutgoingMail notice, String unitCode, String mention) {
        boolean added = false;
        for (Channel channel : robots.channelsOf(unitCode)) {
            added |= insert(notice, channel, unitKey(notice.idempotencyKey(), unitCode, channel), unitCode, mention);
        }
        return added;
    }

    private static String unitKey(String cause, String unitCode, Channel channel) {
        return cause + "#" + unitCode + "#" + channel;
    }

    private boolean insert(OutgoingMail mail, Channel channel, String key, String address, String recipientUserId) {
        // Look first instead of relying on the unique violation: on PostgreSQL a failed statement would
        // abort the whole process-step transaction. A concurrent twin still hits the constraint, its
        // job rolls back and retries, and the retry finds the row.
        if (exists(key)) {
            return false;
        }
        OffsetDateTime now = now();
        jdbc.sql("""
                INSERT INTO mail_outbox (idempotency_key, channel, recipient_user_id, recipient_address, subject, body, link, task_id,
                    process_instance_id, project_code, escalation_level, status, attempts, created_at, next_attempt_at)
                VALUES (:key, :channel, :user, :address, :subject, :body, :link, :task, :pi, :project, :level, 'PENDING', 0, :now, :now)""")
                .param("key", key)
                .param("channel", channel.name())
                .param("user", recipientUserId)
                .param("address", address)
                .param("subject", mail.subject())
                .param("body", mail.body())
                .param("link", linkOf(mail))
                .param("task", mail.taskId())
                .param("pi", mail.processInstanceId())
                .param("project", mail.projectCode())
                .param("level", mail.escalationLevel())
                .param("now", now)
                .update();
        return true;
    }

    private String linkOf(OutgoingMail mail) {
        if (mail.link() != null) {
            return mail.link();
        }
        return mail.projectCode() == null ? baseUrl + "/" : baseUrl + "/projects/" + mail.projectCode();
    }

    public boolean exists(String idempotencyKey) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE idempotency_key = :key").param("key", idempotencyKey)
                .query(Long.class).single() > 0;
    }

    public List<OutboxMail> list(OutboxStatus status, String taskId, int limit) {
        return list(status, null, taskId, limit);
    }

    public List<OutboxMail> list(OutboxStatus status, Channel channel, String taskId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM mail_outbox WHERE 1 = 1");
        var statement = new java.util.HashMap<String, Object>();
        if (channel != null) {
            sql.append(" AND channel = :channel");
            statement.put("channel", channel.name());
        }
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

    /** The rows {@link #enqueueForUnit} wrote for a cause: one per robot the unit has (by their unique keys). */
    public List<OutboxMail> ofUnitNotice(String idempotencyKey, String unitCode) {
        return robots.channelsOf(unitCode).stream()
                .flatMap(channel -> jdbc.sql("SELECT * FROM mail_outbox WHERE idempotency_key = :key")
                        .param("key", unitKey(idempotencyKey, unitCode, channel)).query(MailOutbox::map).optional().stream())
                .toList();
    }

    public Optional<OutboxMail> find(long id) {
        return jdbc.sql("SELECT * FROM mail_outbox WHERE id = :id").param("id", id).query(MailOutbox::map).optional();
    }

    /** An administrator sends a FAILED or HELD mail again: back to PENDING with fresh attempts. */
    @Transactional
    public OutboxMail resend(long id) {
        OutboxMail mail = find(id).orElseThrow(() -> ApiException.notFound("通知不存在：" + id));
        if (mail.status() != OutboxStatus.FAILED && mail.status() != OutboxStatus.HELD) {
            throw new ApiException(HttpStatus.CONFLICT, "只有发送失败或未发送的通知可以重新发送（当前状态：" + mail.status().label() + "）");
        }
        jdbc.sql("UPDATE mail_outbox SET status = 'PENDING', attempts = 0, last_error = NULL, next_attempt_at = :now WHERE id = :id")
                .param("now", now()).param("id", id).update();
        return find(id).orElseThrow();
    }

    // --- used by the dispatcher, each in its own short transaction --------------------------------------

    List<Long> dueIds(int limit) {
        return jdbc.sql("SELECT id FROM mail_outbox WHERE channel = 'EMAIL' AND status = 'PENDING' AND next_attempt_at <= :now ORDER BY id LIMIT :limit")
                .param("now", now()).param("limit", limit).query(Long.class).list();
    }

    /** The targets (unit, mobile) of a channel with due rows, oldest first. */
    List<String> dueTargets(Channel channel, int limit) {
        return jdbc.sql("""
                SELECT recipient_address FROM mail_outbox WHERE channel = :channel AND status = 'PENDING' AND next_attempt_at <= :now
                GROUP BY recipient_address ORDER BY MIN(id) LIMIT :limit""")
                .param("channel", channel.name()).param("now", now()).param("limit", limit).query(String.class).list();
    }

    List<Long> dueIds(Channel channel, String target, int limit) {
        return jdbc.sql("""
                SELECT id FROM mail_outbox WHERE channel = :channel AND recipient_address = :target AND status = 'PENDING'
                    AND next_attempt_at <= :now ORDER BY id LIMIT :limit""")
                .param("channel", channel.name()).param("target", target).param("now", now()).param("limit", limit)
                .query(Long.class).list();
    }

    /** A claimed row that did not fit into the message goes back, due at once. */
    void unclaim(long id) {
        jdbc.sql("UPDATE mail_outbox SET status = 'PENDING', claimed_at = NULL WHERE id = :id AND status = 'SENDING'").param("id", id).update();
    }

    /** The target's allowance is spent: its due rows wait for the next window instead of being asked for again and again. */
    void defer(Channel channel, String target, OffsetDateTime until) {
        jdbc.sql("""
                UPDATE mail_outbox SET next_attempt_at = :until WHERE channel = :channel AND recipient_address = :target
                    AND status = 'PENDING' AND next_attempt_at < :until""")
                .param("until", until).param("channel", channel.name()).param("target", target).update();
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

    void markHeld(long id, String reason) {
        jdbc.sql("UPDATE mail_outbox SET status = 'HELD', last_error = :reason WHERE id = :id").param("reason", reason).param("id", id).update();
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
        return new OutboxMail(rs.getLong("id"), rs.getString("idempotency_key"), Channel.valueOf(rs.getString("channel")),
                rs.getString("recipient_user_id"), rs.getString("recipient_address"), rs.getString("subject"), rs.getString("body"),
                rs.getString("link"), rs.getString("task_id"),
                rs.getString("process_instance_id"), rs.getString("project_code"), escalationLevel,
                OutboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("next_attempt_at", OffsetDateTime.class),
                rs.getObject("sent_at", OffsetDateTime.class));
    }
}
