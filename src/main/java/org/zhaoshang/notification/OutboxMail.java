package org.zhaoshang.notification;

import java.time.OffsetDateTime;

/** A row of the outbox as the administrators' page shows it. */
public record OutboxMail(long id, String idempotencyKey, String recipientUserId, String recipientAddress, String subject,
        String body, String taskId, String processInstanceId, String projectCode, Integer escalationLevel,
        OutboxStatus status, int attempts, String lastError, OffsetDateTime createdAt, OffsetDateTime nextAttemptAt,
        OffsetDateTime sentAt) {
}
