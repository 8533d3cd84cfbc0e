package org.zhaoshang.unitreport;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import org.springframework.stereotype.Component;
import org.zhaoshang.calendar.WorkingDayCalendar;

/**
 * {@code ${unitReportSchedule.nextRun()}}: reports open at 08:00 every Monday (the week's 招商动态) and on the 1st of every
 * month (last month's three forms; in January, April, July and October last quarter's report; in January last year's
 * summary). The start timer's cycle is this expression, evaluated again each time it fires.
 */
@Component("unitReportSchedule")
public class UnitReportSchedule {

    static final int OPENING_HOUR = 8;

    private final WorkingDayCalendar calendar;

    UnitReportSchedule(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    /** A cron for the next reporting day after now, e.g. "0 0 8 7 12 ?" (the next match within the year is that day). */
    public String nextRun() {
        ZonedDateTime next = next(calendar.now());
        return "0 0 %d %d %d ?".formatted(OPENING_HOUR, next.getDayOfMonth(), next.getMonthValue());
    }

    /** The first opening after {@code now}: the next Monday or 1st of a month at 08:00. */
    public ZonedDateTime next(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, calendar.zone());
        while (true) {
            if (day.getDayOfWeek() == DayOfWeek.MONDAY || day.getDayOfMonth() == 1) {
                ZonedDateTime opening = day.atTime(OPENING_HOUR, 0).atZone(calendar.zone());
                if (opening.toInstant().isAfter(now)) {
                    return opening;
                }
            }
            day = day.plusDays(1);
        }
    }
}
