package org.zhaoshang.calendar;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every {@code app.calendar.refresh-interval} (30 s) asks whether an administrator changed holiday data on
 * any node and reloads it if so ({@link WorkingDayCalendar#refreshIfChanged()}: one single-row query).
 * Its own thread rather than Spring's scheduler: that one has a single thread shared with the outbox's
 * delivery and nightly clean-ups, which could hold a refresh back far longer than the interval.
 */
@Component
class HolidayRefreshSchedule implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HolidayRefreshSchedule.class);

    private final WorkingDayCalendar calendar;
    private final ScheduledExecutorService executor;
    private volatile boolean failing;

    @Autowired
    HolidayRefreshSchedule(WorkingDayCalendar calendar, CalendarProperties properties) {
        this(calendar, properties.refreshInterval());
    }

    /** Also a second node's schedule in tests. */
    HolidayRefreshSchedule(WorkingDayCalendar calendar, Duration interval) {
        this.calendar = calendar;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "holiday-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, interval.toMillis());
        executor.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            calendar.refreshIfChanged();
            if (failing) {
                failing = false;
                log.info("Holiday data refresh works again");
            }
        } catch (RuntimeException e) {
            // The calendar keeps answering from the data it has; said once, not every interval.
            if (!failing) {
                failing = true;
                log.warn("Holiday data refresh failed, keeping the data loaded before: {}", e.toString());
            }
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
