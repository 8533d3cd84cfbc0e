package org.zhaoshang.briefing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;

import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.ReportingDay;
import org.zhaoshang.calendar.WorkingDayCalendar;

/**
 * {@code ${briefings.nextRun()}}: the briefing is assembled at 09:00 on the 5th of each month, or on the
 * next working day when the 5th is a weekend or a public holiday (policy 002: 每月5日报送; a date, not the
 * 5th working day). The start timer's cycle is this expression; the engine re-evaluates it each time it
 * fires (reevaluateTimeCycleWhenDue), so every month gets its own date.
 */
@Component("briefings")
public class BriefingSchedule {

    private final WorkingDayCalendar calendar;

    BriefingSchedule(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    /**
     * A cron for the next briefing day after now, e.g. "0 0 9 7 12 ?" (Camunda's cron has no year field:
     * the next match of a day within the coming three months is that day).
     */
    public String nextRun() {
        ZonedDateTime next = next(calendar.now());
        return "%d %d %d %d %d ?".formatted(next.getSecond(), next.getMinute(), next.getHour(), next.getDayOfMonth(), next.getMonthValue());
    }

    /** The first briefing run after {@code now}. */
    public ZonedDateTime next(Instant now) {
        YearMonth month = YearMonth.from(now.atZone(calendar.zone()));
        for (int i = 0; i < 3; i++) {
            ZonedDateTime run = calendar.reminderTimeOf(day(month.plusMonths(i)));
            if (run.toInstant().isAfter(now)) {
                return run;
            }
        }
        throw new IllegalStateException("no briefing day found after " + now);
    }

    /** The briefing day of the month: the 5th, or the next working day. */
    LocalDate day(YearMonth month) {
        return ReportingDay.of(month, calendar);
    }
}
