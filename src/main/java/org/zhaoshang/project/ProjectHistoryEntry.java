package org.zhaoshang.project;

import java.time.OffsetDateTime;

/** One entry of a project's timeline: who did what, when and why. */
public record ProjectHistoryEntry(
        long id,
        ProjectEventType type,
        ProjectStage fromStage,
        ProjectStage toStage,
        String actor,
        String reason,
        String processInstanceId,
        String taskId,
        OffsetDateTime occurredAt) {
}
