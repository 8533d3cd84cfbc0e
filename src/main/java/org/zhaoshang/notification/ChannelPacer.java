package org.zhaoshang.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each target (a unit's robot, a mobile number) within its provider's rate: at most {@code limit} messages
 * per fixed window, counted in the database so that every node draws from the same allowance. Each grant is one
 * conditional UPDATE, atomic on PostgreSQL and H2 alike; a denied sender waits for {@link #windowEnd}.
 */
@Component
class ChannelPacer {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;

    ChannelPacer(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Takes one message from the target's allowance; false when the window's allowance is spent. */
    boolean acquire(String target, int limit, Duration window) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            OffsetDateTime now = now();
            // A window that has ended starts anew with this message.
            if (jdbc.sql("UPDATE channel_pace SET window_start = :now, used = 1 WHERE target = :target AND window_start <= :expired")
                    .param("now", now).param("target", target).param("expired", now.minus(window)).update() == 1) {
                return true;
            }
            if (jdbc.sql("UPDATE channel_pace SET used = used + 1 WHERE target = :target AND window_start > :expired AND used < :limit")
                    .param("target", target).param("expired", now.minus(window)).param("limit", limit).update() == 1) {
                return true;
            }
            if (jdbc.sql("SELECT COUNT(*) FROM channel_pace WHERE target = :target").param("target", target).query(Long.class).single() > 0) {
                return false;
            }
            try {
                jdbc.sql("INSERT INTO channel_pace (target, window_start, used) VALUES (:target, :now, 1)")
                        .param("target", target).param("now", now).update();
                return true;
            } catch (DuplicateKeyException otherNode) {
                // Another node started the target's first window this instant; try again in the next round. The
                // failed statement spoils the transaction on PostgreSQL: roll it back rather than commit.
                status.setRollbackOnly();
                return false;
            }
        }));
    }

    /** When the target's current window ends (now when it has none). */
    OffsetDateTime windowEnd(String target, Duration window) {
        return jdbc.sql("SELECT window_start FROM channel_pace WHERE target = :target").param("target", target)
                .query(OffsetDateTime.class).optional().map(start -> start.plus(window)).orElseGet(this::now);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
