package org.zhaoshang.monitoring;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code task_fact} from growing forever: finished tasks older than
 * {@code app.monitoring.retention-years} (default 6: the dashboard's longest period is 5 years) are
 * deleted every night. Camunda's own history is cleaned by its history cleanup (time-to-live per
 * process); the dashboard does not read it, so the two can differ.
 */
@Component
class TaskFactRetention {

    private static final Logger log = LoggerFactory.getLogger(TaskFactRetention.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int years;

    TaskFactRetention(JdbcClient jdbc, Clock clock, @Value("${app.monitoring.retention-years:6}") int years) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.years = years;
    }

    @Scheduled(cron = "${app.monitoring.retention-cron:0 30 2 * * *}")
    void purge() {
        int deleted = purgeBefore(OffsetDateTime.now(clock.withZone(ZoneId.systemDefault())).minusYears(years));
        if (deleted > 0) {
            log.info("Deleted {} task facts finished more than {} years ago", deleted, years);
        }
    }

    int purgeBefore(OffsetDateTime cutoff) {
        return jdbc.sql("DELETE FROM task_fact WHERE ended_at < :cutoff").param("cutoff", cutoff).update();
    }
}
