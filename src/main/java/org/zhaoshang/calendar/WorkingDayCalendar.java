package org.zhaoshang.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Service;

/**
 * The PRC working-day calendar (工作日): Monday to Friday, minus public holidays, plus the adjusted
 * working days (调休). Holidays are data: {@code holidays/<year>.yaml} on the classpath, replaced or
 * extended by files in {@code app.calendar.holiday-dir}. A year without data is counted as plain
 * Monday–Friday and said loudly (at start-up and on first use), never silently guessed.
 *
 * <p>Due dates: a period of N working days that starts at an instant ends at the end of the working
 * day ({@code app.calendar.end-of-working-day}, 18:00) of the N-th working day after the start day. A
 * start on a non-working day, or after the end of a working day, counts from the next working day.
 */
@Service
public class WorkingDayCalendar {

    private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

    private final CalendarProperties properties;
    private final Clock clock;
    private final Map<Integer, HolidayYear> years;
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

    public WorkingDayCalendar(CalendarProperties properties, Clock clock, ResourcePatternResolver resources) {
        this.properties = properties;
        this.clock = clock;
        this.years = load(resources, properties.holidayDir());
        int thisYear = LocalDate.now(clock).getYear();
        for (int year = thisYear; year <= thisYear + 1; year++) {
            warnIfMissing(year);
        }
        log.info("Working-day calendar: holiday data for {}", years.keySet());
    }

    // --- questions about days -----------------------------------------------------------------------

    public boolean isWorkingDay(LocalDate day) {
        HolidayYear year = year(day.getYear());
        if (year != null) {
            if (year.adjustedWorkdays().containsKey(day)) {
                return true;
            }
            if (year.daysOff().containsKey(day)) {
                return false;
            }
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The holiday a day belongs to (e.g. "春节"), if it is a day off of a public holiday. */
    public Optional<String> holidayName(LocalDate day) {
        HolidayYear year = year(day.getYear());
        return year == null ? Optional.empty() : Optional.ofNullable(year.daysOff().get(day));
    }

    public boolean hasDataFor(int year) {
        return years.containsKey(year);
    }

    /** The first working day after {@code day}. */
    public LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** The last working day before {@code day}. */
    public LocalDate previousWorkingDay(LocalDate day) {
        LocalDate previous = day.minusDays(1);
        while (!isWorkingDay(previous)) {
            previous = previous.minusDays(1);
        }
        return previous;
    }

    /** The N-th working day after {@code day} (N = 0: {@code day} itself if working, else the next one). */
    public LocalDate plusWorkingDays(LocalDate day, int workingDays) {
        requireNotNegative(workingDays);
        LocalDate result = isWorkingDay(day) ? day : nextWorkingDay(day);
        for (int i = 0; i < workingDays; i++) {
            result = nextWorkingDay(result);
        }
        return result;
    }

    /** The N-th working day before {@code day} (N = 0: {@code day} itself if working, else the previous one). */
    public LocalDate minusWorkingDays(LocalDate day, int workingDays) {
        requireNotNegative(workingDays);
        LocalDate result = isWorkingDay(day) ? day : previousWorkingDay(day);
        for (int i = 0; i < workingDays; i++) {
            result = previousWorkingDay(result);
        }
        return result;
    }

    // --- instants -----------------------------------------------------------------------------------

    /** The working day a period starting at {@code start} counts from (see the class comment). */
    public LocalDate startDay(Instant start) {
        LocalDateTime local = LocalDateTime.ofInstant(start, zone());
        LocalDate day = local.toLocalDate();
        boolean countsToday = isWorkingDay(day) && local.toLocalTime().isBefore(properties.endOfWorkingDay());
        return countsToday ? day : nextWorkingDay(day);
    }

    /** End of the N-th working day after the start: the due time of a task created at {@code start}. */
    public ZonedDateTime dueAfter(Instant start, int workingDays) {
        return endOf(plusWorkingDays(startDay(start), workingDays));
    }

    /** The end of a working day (its due time). */
    public ZonedDateTime endOf(LocalDate day) {
        return day.atTime(properties.endOfWorkingDay()).atZone(zone());
    }

    /** The reminder time of a working day. */
    public ZonedDateTime reminderTimeOf(LocalDate day) {
        return day.atTime(properties.reminderTime()).atZone(zone());
    }

    /** Working days after {@code from}'s day up to and including {@code to}'s day; 0 if {@code to} is not later. */
    public int workingDaysBetween(Instant from, Instant to) {
        LocalDate start = LocalDate.ofInstant(from, zone());
        LocalDate end = LocalDate.ofInstant(to, zone());
        int count = 0;
        for (LocalDate day = start.plusDays(1); !day.isAfter(end); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    public Instant now() {
        return clock.instant();
    }

    public ZoneId zone() {
        return ZoneId.systemDefault();
    }

    // --- data -------------------------------------------------------------------------------------------

    private HolidayYear year(int year) {
        HolidayYear data = years.get(year);
        if (data == null) {
            warnIfMissing(year);
        }
        return data;
    }

    private void warnIfMissing(int year) {
        if (!years.containsKey(year) && warnedYears.add(year)) {
            log.warn("No holiday data for {}: its dates are counted Monday to Friday without public holidays. "
                    + "When the State Council publishes the {} arrangement, put {}.yaml into {} and restart. "
                    + "缺少 {} 年节假日数据，暂按周一至周五计算工作日。", year, year, year,
                    properties.holidayDir().toAbsolutePath(), year);
        }
    }

    private static Map<Integer, HolidayYear> load(ResourcePatternResolver resources, Path externalDir) {
        Map<Integer, HolidayYear> years = new TreeMap<>();
        try {
            for (Resource resource : resources.getResources("classpath*:holidays/*.yaml")) {
                try (InputStream in = resource.getInputStream()) {
                    HolidayYear year = HolidayFileReader.read(in, resource.getFilename());
                    years.put(year.year(), year);
                }
            }
            if (externalDir != null && Files.isDirectory(externalDir)) {
                try (Stream<Path> files = Files.list(externalDir)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().matches("\\d{4}\\.ya?ml")).sorted().toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            HolidayYear year = HolidayFileReader.read(in, file.toString());
                            years.put(year.year(), year);
                            log.info("Holiday data for {} from {}", year.year(), file.toAbsolutePath());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read holiday data", e);
        }
        return years;
    }

    private static void requireNotNegative(int workingDays) {
        if (workingDays < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + workingDays);
        }
    }
}
