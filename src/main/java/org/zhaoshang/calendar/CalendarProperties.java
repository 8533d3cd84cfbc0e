package org.zhaoshang.calendar;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.calendar}: when a working day ends (due time), when reminders go out, an extra folder of
 * holiday files ({@code <year>.yaml}, read at start-up; a file there replaces the shipped one of the same
 * year), how often a node looks for holiday years that administrators entered on another node, and how
 * many days before a year without data administrators are warned, and the working hours within a working day
 * (for time limits in half days and hours, see {@link WorkingPeriod}).
 */
@ConfigurationProperties("app.calendar")
public record CalendarProperties(
        @DefaultValue("18:00") LocalTime endOfWorkingDay,
        @DefaultValue("09:00") LocalTime reminderTime,
        @DefaultValue("config/holidays") Path holidayDir,
        @DefaultValue("PT30S") Duration refreshInterval,
        @DefaultValue("60") int warnDaysBefore,
        @DefaultValue(CalendarProperties.WORKING_HOURS) String workingHours) {

    /** A government office's day: morning and afternoon sessions; the last ends at {@code end-of-working-day}. */
    static final String WORKING_HOURS = "09:00-12:00,13:30-18:00";

    @ConstructorBinding
    public CalendarProperties {
    }

    public CalendarProperties(LocalTime endOfWorkingDay, LocalTime reminderTime, Path holidayDir) {
        this(endOfWorkingDay, reminderTime, holidayDir, Duration.ofSeconds(30), 60, WORKING_HOURS);
    }
}
