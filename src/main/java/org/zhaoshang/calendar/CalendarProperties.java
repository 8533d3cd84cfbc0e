package org.zhaoshang.calendar;

import java.nio.file.Path;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.calendar}: when a working day ends (due time), when reminders go out, and an extra folder
 * of holiday files ({@code <year>.yaml}) that administrators fill without a rebuild; a file there
 * replaces the shipped one of the same year.
 */
@ConfigurationProperties("app.calendar")
public record CalendarProperties(
        @DefaultValue("18:00") LocalTime endOfWorkingDay,
        @DefaultValue("09:00") LocalTime reminderTime,
        @DefaultValue("config/holidays") Path holidayDir) {
}
