package org.zhaoshang.notification;

/**
 * A mail to put into the outbox. {@code idempotencyKey} identifies the cause (e.g. task, level and
 * recipient): the outbox keeps one mail per key, however often the cause is replayed.
 */
public record OutgoingMail(String idempotencyKey, String recipientUserId, String recipientAddress, String subject,
        String body, String taskId, String processInstanceId, String projectCode, Integer escalationLevel) {
}
