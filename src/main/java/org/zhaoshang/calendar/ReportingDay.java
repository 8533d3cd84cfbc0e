package org.zhaoshang.calendar;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Policy 002: "每月5日以书面形式报送上月《重点招商项目情况表》…". The 5th is a date, not the 5th working
 * day: when it falls on a weekend or a public holiday, the report is due on the next working day (调休
 * Saturdays count as working days).
 */
public final class ReportingDay {

    /** 每月5日. */
    public static final int DAY_OF_MONTH = 5;

    private ReportingDay() {
    }

    /** The monthly reporting day of {@code month}: the 5th, or the next working day when the 5th is a day off. */
    public static LocalDate of(YearMonth month, WorkingDayCalendar calendar) {
        return calendar.onOrNextWorkingDay(month.atDay(DAY_OF_MONTH));
    }
}
