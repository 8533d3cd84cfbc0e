package org.zhaoshang.unitreport;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

import org.zhaoshang.calendar.ReportingDay;
import org.zhaoshang.calendar.WorkingDayCalendar;

/**
 * The period a report covers and the day it is due, for reports opened on {@code day}:
 * <ul>
 * <li>每周招商动态: the week of {@code day} (Monday to Sunday), due on its last working day (a 调休 Saturday counts; a week
 * without working days, like the National Day week, is due on the next working day);</li>
 * <li>月度三表: the previous month, due on the 5th (policy 002: 每月5日), or the next working day when the 5th is a day off;</li>
 * <li>季度报告: the previous quarter, due on the 15th of the quarter's first month (每季度第一个月15日前), or the next working day;</li>
 * <li>年度总结: the previous year, due on 31 January (每年1月底以前), or the next working day.</li>
 * </ul>
 * "By the 15th" is read as "on the 15th at the latest"; a date that falls on a weekend or holiday moves to the next
 * working day, as the district moves every reporting date (遇节假日顺延).
 */
public record ReportPeriod(ReportKind kind, String label, LocalDate first, LocalDate last, LocalDate due) {

    public static ReportPeriod of(ReportKind kind, LocalDate day, WorkingDayCalendar calendar) {
        return switch (kind) {
            case WEEKLY -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                LocalDate sunday = monday.plusDays(6);
                LocalDate due = sunday;
                while (!due.isBefore(monday) && !calendar.isWorkingDay(due)) {
                    due = due.minusDays(1);
                }
                if (due.isBefore(monday)) {
                    due = calendar.onOrNextWorkingDay(sunday.plusDays(1));
                }
                String label = "%d-W%02d".formatted(monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                yield new ReportPeriod(kind, label, monday, sunday, due);
            }
            case MONTHLY -> {
                YearMonth month = YearMonth.from(day).minusMonths(1);
                yield new ReportPeriod(kind, month.toString(), month.atDay(1), month.atEndOfMonth(), ReportingDay.of(month.plusMonths(1), calendar));
            }
            case QUARTERLY -> {
                LocalDate quarterStart = day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
                LocalDate first = quarterStart.minusMonths(3);
                String label = "%d-Q%d".formatted(first.getYear(), (first.getMonthValue() - 1) / 3 + 1);
                yield new ReportPeriod(kind, label, first, quarterStart.minusDays(1), calendar.onOrNextWorkingDay(quarterStart.withDayOfMonth(15)));
            }
            case ANNUAL -> {
                int year = day.getYear() - 1;
                yield new ReportPeriod(kind, Integer.toString(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31),
                        calendar.onOrNextWorkingDay(LocalDate.of(year + 1, 1, 31)));
            }
        };
    }

    /** e.g. "2026年第49周（12月1日—12月7日）", "2026年11月", "2026年第3季度", "2026年度". */
    public String title() {
        return title(kind, label, first, last);
    }

    static String title(ReportKind kind, String label, LocalDate first, LocalDate last) {
        return switch (kind) {
            case WEEKLY -> "%d年第%d周（%d月%d日—%d月%d日）".formatted(first.get(IsoFields.WEEK_BASED_YEAR), first.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
                    first.getMonthValue(), first.getDayOfMonth(), last.getMonthValue(), last.getDayOfMonth());
            case MONTHLY -> "%d年%d月".formatted(first.getYear(), first.getMonthValue());
            case QUARTERLY -> "%d年第%d季度".formatted(first.getYear(), (first.getMonthValue() - 1) / 3 + 1);
            case ANNUAL -> "%d年度".formatted(first.getYear());
        };
    }
}
