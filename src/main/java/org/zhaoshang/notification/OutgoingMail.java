package org.zhaoshang.notification;

/**
 * A notice to put into the outbox for one person. {@code idempotencyKey} identifies the cause (e.g. task, level and
 * recipient): the outbox keeps one row per key and channel, however often the cause is replayed. The person's
 * channels decide where it goes (e-mail to {@code recipientAddress}, SMS to their mobile); {@code link} is what
 * short messages carry instead of the body (null: the project's page).
 */
public record OutgoingMail(String idempotencyKey, String recipientUserId, String recipientAddress, String subject,
        String body, String taskId, String processInstanceId, String projectCode, Integer escalationLevel, String link) {

    public OutgoingMail(String idempotencyKey, String recipientUserId, String recipientAddress, String subject, String body,
            String taskId, String processInstanceId, String projectCode, Integer escalationLevel) {
        this(idempotencyKey, recipientUserId, recipientAddress, subject, body, taskId, processInstanceId, projectCode,
                escalationLevel, null);
    }
}
