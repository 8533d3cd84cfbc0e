package org.zhaoshang.directory;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What administrators see of the directory mirror (/admin/directory, /api/admin/directory). */
@Component
class DirectoryStatus {

    record Event(OffsetDateTime occurredAt, String kind, String kindLabel, String subject, String detail) {
    }

    record View(boolean enabled, String serverUrl, String refreshInterval, boolean localAccounts, OffsetDateTime lastAttemptAt,
            OffsetDateTime lastSuccessAt, String lastError, Integer people, Integer groups, List<Event> events) {
    }

    private final JdbcClient jdbc;
    private final DirectoryProperties properties;
    private final ObjectProvider<DirectorySync> sync;

    DirectoryStatus(JdbcClient jdbc, DirectoryProperties properties, ObjectProvider<DirectorySync> sync) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.sync = sync;
    }

    View view() {
        List<Event> events = jdbc.sql("SELECT * FROM directory_event ORDER BY occurred_at DESC, id DESC FETCH FIRST 200 ROWS ONLY")
                .query((rs, n) -> new Event(rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("kind"),
                        label(rs.getString("kind")), rs.getString("subject"), rs.getString("detail")))
                .list();
        return jdbc.sql("SELECT * FROM directory_sync WHERE id = 1")
                .query((rs, n) -> new View(properties.ldap().enabled(), properties.ldap().serverUrl(),
                        properties.refreshInterval().toString(), properties.localAccounts(),
                        rs.getObject("last_attempt_at", OffsetDateTime.class), rs.getObject("last_success_at", OffsetDateTime.class),
                        rs.getString("last_error"), (Integer) rs.getObject("person_count"), (Integer) rs.getObject("group_count"), events))
                .single();
    }

    /** Runs a refresh now; empty when directory mode is off. */
    java.util.Optional<DirectorySync.Result> refresh(boolean force) {
        DirectorySync mirror = sync.getIfAvailable();
        return mirror == null ? java.util.Optional.empty() : java.util.Optional.of(mirror.refresh(force));
    }

    static String label(String kind) {
        return switch (kind) {
            case "PERSON_ADDED" -> "新增人员";
            case "PERSON_REMOVED" -> "人员移除";
            case "TASK_RETURNED" -> "任务退回候选组";
            case "TASK_UNASSIGNED_HOLDER" -> "任务待转交";
            case "REFUSED" -> "同步被拒绝";
            default -> kind;
        };
    }
}
