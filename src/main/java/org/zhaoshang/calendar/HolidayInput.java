package org.zhaoshang.calendar;

import java.util.List;

/**
 * A year's arrangement as an administrator typed it (the API's JSON, the page's rows or pasted YAML):
 * text only, so that every mistake becomes a Chinese message on its field instead of an unreadable
 * request. {@link HolidayRules} turns it into a checked {@link HolidayYear}.
 */
record HolidayInput(String source, List<Range> holidays, List<Day> workdays) {

    /** Days off from {@code from} to {@code to} (yyyy-MM-dd, both included). */
    record Range(String name, String from, String to) {

        boolean blank() {
            return isBlank(name) && isBlank(from) && isBlank(to);
        }
    }

    /** An adjusted working day (调休上班, a Saturday or Sunday). */
    record Day(String date, String name) {

        boolean blank() {
            return isBlank(date) && isBlank(name);
        }
    }

    HolidayInput {
        // Rows left empty on the page's form are not entries.
        holidays = holidays == null ? List.of() : holidays.stream().filter(r -> r != null && !r.blank()).toList();
        workdays = workdays == null ? List.of() : workdays.stream().filter(d -> d != null && !d.blank()).toList();
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
