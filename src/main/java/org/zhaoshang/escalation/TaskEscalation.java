package org.zhaoshang.escalation;

import java.time.OffsetDateTime;

/** A reminder or escalation that fired for a task. */
public record TaskEscalation(String taskId, String taskKey, String processInstanceId, String projectCode, int level,
        String recipients, OffsetDateTime firedAt) {
}
