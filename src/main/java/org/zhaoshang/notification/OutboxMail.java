package org.zhaoshang.notification;

import java.time.OffsetDateTime;

/** A row of the outbox as the administrators' page shows it: one message to one recipient on one channel. */
public record OutboxMail(long id, String idempotencyKey, Channel channel, String recipientUserId, String recipientAddress,
        String subject, String body, String link, String taskId, String processInstanceId, String projectCode,
        Integer escalationLevel, OutboxStatus status, int attempts, String lastError, OffsetDateTime createdAt,
        OffsetDateTime nextAttemptAt, OffsetDateTime sentAt) {
}
