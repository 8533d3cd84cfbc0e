package org.zhaoshang.calendar;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One year of the PRC holiday arrangement as published: the holidays as ranges (name, first and last day
 * off) and the adjusted working days (调休, weekend days that are worked), plus the per-day lookups the
 * calendar asks on every call.
 */
record HolidayYear(int year, String source, List<Holiday> holidays, List<Workday> workdays,
        Map<LocalDate, String> daysOff, Map<LocalDate, String> adjustedWorkdays) {

    /** Days off from {@code from} to {@code to}, both included. */
    record Holiday(String name, LocalDate from, LocalDate to) {

        public int days() {
            return (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        }
    }

    record Workday(LocalDate date, String name) {
    }

    HolidayYear {
        holidays = List.copyOf(holidays);
        workdays = List.copyOf(workdays);
        daysOff = Map.copyOf(daysOff);
        adjustedWorkdays = Map.copyOf(adjustedWorkdays);
    }

    /** The lookups of checked ranges and working days (the callers check; see HolidayFileReader and HolidayRules). */
    static HolidayYear of(int year, String source, List<Holiday> holidays, List<Workday> workdays) {
        Map<LocalDate, String> off = new LinkedHashMap<>();
        for (Holiday holiday : holidays) {
            for (LocalDate day = holiday.from(); !day.isAfter(holiday.to()); day = day.plusDays(1)) {
                off.put(day, holiday.name());
            }
        }
        Map<LocalDate, String> working = new LinkedHashMap<>();
        workdays.forEach(workday -> working.put(workday.date(), workday.name()));
        return new HolidayYear(year, source == null ? "" : source, holidays, workdays, off, working);
    }
}
