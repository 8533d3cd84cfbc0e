package org.zhaoshang.chain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;

import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.WorkingDayCalendar;

/**
 * {@code ${chainReviewSchedule.nextRun()}}: the chains' monthly reviews open at 09:00 on the first working day of each month
 * (after 元旦 or 国庆 the first day back). The start timer's cycle is this expression, evaluated again each time it fires.
 */
@Component("chainReviewSchedule")
public class ChainReviewSchedule {

    private final WorkingDayCalendar calendar;

    ChainReviewSchedule(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    /** A cron for the next opening, e.g. "0 0 9 4 1 ?" (Camunda's cron has no year: the next match is that day). */
    public String nextRun() {
        ZonedDateTime next = next(calendar.now());
        return "0 0 %d %d %d ?".formatted(next.getHour(), next.getDayOfMonth(), next.getMonthValue());
    }

    /** The first opening after {@code now}. */
    public ZonedDateTime next(Instant now) {
        YearMonth month = YearMonth.from(now.atZone(calendar.zone()));
        for (int i = 0; i < 3; i++) {
            LocalDate first = calendar.onOrNextWorkingDay(month.plusMonths(i).atDay(1));
            ZonedDateTime opening = calendar.reminderTimeOf(first);
            if (opening.toInstant().isAfter(now)) {
                return opening;
            }
        }
        throw new IllegalStateException("no chain review day found after " + now);
    }
}
