package org.zhaoshang.calendar;

import java.time.LocalDate;
import java.util.Map;

/** One year of the PRC holiday arrangement: days off (with the holiday's name) and adjusted working days (调休). */
record HolidayYear(int year, String source, Map<LocalDate, String> daysOff, Map<LocalDate, String> adjustedWorkdays) {

    HolidayYear {
        daysOff = Map.copyOf(daysOff);
        adjustedWorkdays = Map.copyOf(adjustedWorkdays);
    }
}
