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
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Service;

/**
 * The PRC working-day calendar (工作日): Monday to Friday, minus public holidays, plus the adjusted
 * working days (调休). Holidays are data: {@code holidays/<year>.yaml} on the classpath, replaced or
 * extended by files in {@code app.calendar.holiday-dir} (read at start-up), both overridden by the years
 * administrators enter on {@code /admin/holidays} (table {@code holiday_year}). A year without data is
 * counted as plain Monday–Friday and said loudly (at start-up, on first use, on the administrators'
 * pages and by mail), never silently guessed.
 *
 * <p>Every node keeps all years in memory: the questions below never touch the database (they are asked
 * for every due date and timer). An administrator's change is applied on the node that saved it at once;
 * the other nodes notice it by {@link #refreshIfChanged()} (one single-row query, every
 * {@code app.calendar.refresh-interval}, see {@code HolidayRefreshSchedule}).
 *
 * <p>Due dates: a period of N working days that starts at an instant ends at the end of the working
 * day ({@code app.calendar.end-of-working-day}, 18:00) of the N-th working day after the start day. A
 * start on a non-working day, or after the end of a working day, counts from the next working day.
 */
@Service
public class WorkingDayCalendar {

    private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

    /** A year's data and where it comes from (a file name, or the table for administrators' entries). */
    record LoadedYear(HolidayYear data, HolidayOrigin origin, String location) {
    }

    /** What the calendar answers from: one immutable snapshot, replaced as a whole when data changes. */
    private record State(long revision, Map<Integer, LoadedYear> loaded, Map<Integer, HolidayYear> years) {
    }

    private final CalendarProperties properties;
    private final List<Session> sessions;
    private final long workingDayMinutes;
    private final Clock clock;
    private final Map<Integer, LoadedYear> fromFiles;
    private final HolidayRepository entered;
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();
    private volatile State state;

    /** The files only (shipped and {@code holiday-dir}): for tests and tools without a database. */
    public WorkingDayCalendar(CalendarProperties properties, Clock clock, ResourcePatternResolver resources) {
        this(properties, clock, resources, null);
    }

    @Autowired
    public WorkingDayCalendar(CalendarProperties properties, Clock clock, ResourcePatternResolver resources,
            HolidayRepository entered) {
        this.properties = properties;
        this.sessions = Session.parse(properties.workingHours(), properties.endOfWorkingDay());
        this.workingDayMinutes = sessions.stream().mapToLong(Session::minutes).sum();
        this.clock = clock;
        this.fromFiles = Collections.unmodifiableMap(load(resources, properties.holidayDir()));
        this.entered = entered;
        this.state = combine(-1, Map.of());
        if (entered != null) {
            // A stored year that cannot be read stops the start, like a broken file: due dates must not shift silently.
            refreshIfChanged();
        }
        int thisYear = LocalDate.now(clock).getYear();
        for (int year = thisYear; year <= thisYear + 1; year++) {
            warnIfMissing(year);
        }
        log.info("Working-day calendar: holiday data for {}", state.loaded().values().stream()
                .map(y -> y.data().year() + " (" + y.origin().name().toLowerCase(java.util.Locale.ROOT) + ")").sorted().toList());
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
        return state.years().containsKey(year);
    }

    /** The first working day after {@code day}. */
    public LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /**
     * A date a rule names (e.g. policy 002's 每月5日): that day when it is a working day, otherwise the next
     * working day (顺延), never a count of working days.
     */
    public LocalDate onOrNextWorkingDay(LocalDate day) {
        return isWorkingDay(day) ? day : nextWorkingDay(day);
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

    // --- working time (half days and hours) -------------------------------------------------------------

    /** A session of working hours within a working day (morning, afternoon). */
    record Session(LocalTime from, LocalTime to) {

        long minutes() {
            return java.time.Duration.between(from, to).toMinutes();
        }

        /** "09:00-12:00,13:30-18:00": ordered, not overlapping, the last ending when the working day ends. */
        static List<Session> parse(String text, LocalTime endOfWorkingDay) {
            List<Session> sessions = new java.util.ArrayList<>();
            try {
                for (String part : text.split(",")) {
                    String[] ends = part.strip().split("-");
                    sessions.add(new Session(LocalTime.parse(ends[0].strip()), LocalTime.parse(ends[1].strip())));
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("app.calendar.working-hours: '" + text + "' is not like 09:00-12:00,13:30-18:00", e);
            }
            for (int i = 0; i < sessions.size(); i++) {
                Session session = sessions.get(i);
                if (!session.from().isBefore(session.to()) || i > 0 && session.from().isBefore(sessions.get(i - 1).to())) {
                    throw new IllegalStateException("app.calendar.working-hours: '" + text + "': sessions must be ordered and not overlap");
                }
            }
            if (!sessions.get(sessions.size() - 1).to().equals(endOfWorkingDay)) {
                throw new IllegalStateException("app.calendar.working-hours: '" + text + "' must end when the working day ends ("
                        + endOfWorkingDay + ", app.calendar.end-of-working-day)");
            }
            return List.copyOf(sessions);
        }
    }

    /** Minutes of working time in a working day (7.5 hours by default): what half a day and a day of working time are. */
    public long workingDayMinutes() {
        return workingDayMinutes;
    }

    /** The due time of a task created at {@code start} with a time limit: whole days as {@link #dueAfter(Instant, int)}. */
    public ZonedDateTime dueAfter(Instant start, WorkingPeriod period) {
        return period.wholeDays() ? dueAfter(start, period.days())
                : plusWorkingTime(start, period.workingMinutes(workingDayMinutes));
    }

    /** A reminder {@code period} before a due time: whole days at the reminder time of the working day so many before. */
    public ZonedDateTime before(ZonedDateTime due, WorkingPeriod period) {
        return period.wholeDays() ? reminderTimeOf(minusWorkingDays(due.toLocalDate(), period.days()))
                : minusWorkingTime(due.toInstant(), period.workingMinutes(workingDayMinutes));
    }

    /** An escalation {@code period} after a due time: whole days at the end of the working day so many after. */
    public ZonedDateTime after(ZonedDateTime due, WorkingPeriod period) {
        return period.wholeDays() ? endOf(plusWorkingDays(due.toLocalDate(), period.days()))
                : plusWorkingTime(due.toInstant(), period.workingMinutes(workingDayMinutes));
    }

    /** {@code minutes} of working time after {@code start}, counted in the working hours of working days only. */
    public ZonedDateTime plusWorkingTime(Instant start, long minutes) {
        ZonedDateTime at = start.atZone(zone());
        if (minutes <= 0) {
            return at;
        }
        long left = minutes;
        LocalDate day = at.toLocalDate();
        for (int days = 0; days < 3660; days++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (Session session : sessions) {
                ZonedDateTime from = day.atTime(session.from()).atZone(zone());
                ZonedDateTime to = day.atTime(session.to()).atZone(zone());
                if (!to.isAfter(at)) {
                    continue;
                }
                ZonedDateTime begin = from.isAfter(at) ? from : at;
                long available = java.time.Duration.between(begin, to).toMinutes();
                if (left <= available) {
                    return begin.plusMinutes(left);
                }
                left -= available;
            }
        }
        throw new IllegalStateException("No working time within ten years after " + start);
    }

    /** Minutes of working time between two instants (0 when {@code to} is not later), e.g. how long a task is overdue. */
    public long workingMinutesBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        long minutes = 0;
        LocalDate last = to.atZone(zone()).toLocalDate();
        for (LocalDate day = from.atZone(zone()).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (Session session : sessions) {
                Instant begin = day.atTime(session.from()).atZone(zone()).toInstant();
                Instant end = day.atTime(session.to()).atZone(zone()).toInstant();
                Instant a = begin.isAfter(from) ? begin : from;
                Instant b = end.isBefore(to) ? end : to;
                if (b.isAfter(a)) {
                    minutes += java.time.Duration.between(a, b).toMinutes();
                }
            }
        }
        return minutes;
    }

    /** {@code minutes} of working time before {@code end}, counted in the working hours of working days only. */
    public ZonedDateTime minusWorkingTime(Instant end, long minutes) {
        ZonedDateTime at = end.atZone(zone());
        if (minutes <= 0) {
            return at;
        }
        long left = minutes;
        LocalDate day = at.toLocalDate();
        for (int days = 0; days < 3660; days++, day = day.minusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (int i = sessions.size() - 1; i >= 0; i--) {
                ZonedDateTime from = day.atTime(sessions.get(i).from()).atZone(zone());
                ZonedDateTime to = day.atTime(sessions.get(i).to()).atZone(zone());
                if (!from.isBefore(at)) {
                    continue;
                }
                ZonedDateTime finish = to.isBefore(at) ? to : at;
                long available = java.time.Duration.between(from, finish).toMinutes();
                if (left <= available) {
                    return finish.minusMinutes(left);
                }
                left -= available;
            }
        }
        throw new IllegalStateException("No working time within ten years before " + end);
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
        HolidayYear data = state.years().get(year);
        if (data == null) {
            warnIfMissing(year);
        }
        return data;
    }

    private void warnIfMissing(int year) {
        if (!hasDataFor(year) && warnedYears.add(year)) {
            log.warn("No holiday data for {}: its dates are counted Monday to Friday without public holidays. "
                    + "When the State Council publishes the {} arrangement, enter it on /admin/holidays (or put {}.yaml into {} and restart). "
                    + "缺少 {} 年节假日数据，暂按周一至周五计算工作日。", year, year, year,
                    properties.holidayDir().toAbsolutePath(), year);
        }
    }

    // --- administrators' years --------------------------------------------------------------------------

    /** The years the calendar answers from, each with its origin. */
    Map<Integer, LoadedYear> loadedYears() {
        return state.loaded();
    }

    /** The years of the files (shipped or in {@code holiday-dir}): what applies where no administrator entered a year. */
    Map<Integer, LoadedYear> fileYears() {
        return fromFiles;
    }

    /**
     * Reloads the administrators' years if any changed since the last load (on any node); returns whether it
     * did. Costs one single-row query when nothing changed. The revision is read before the years, so a change
     * committed in between is loaded again next time rather than missed.
     */
    synchronized boolean refreshIfChanged() {
        if (entered == null) {
            return false;
        }
        long revision = entered.revision();
        if (revision == state.revision()) {
            return false;
        }
        Map<Integer, HolidayYear> years = new TreeMap<>();
        entered.all().forEach(stored -> years.put(stored.year(), HolidayFileReader.read(stored.yaml(), "holiday_year " + stored.year())));
        apply(revision, years);
        return true;
    }

    /** Uses these administrators' years (over the files) from now on. */
    synchronized void apply(long revision, Map<Integer, HolidayYear> administratorYears) {
        State previous = state;
        state = combine(revision, administratorYears);
        if (previous.revision() >= 0) {
            log.info("Holiday data changed (revision {}): administrators' years {}", revision, administratorYears.keySet());
        }
    }

    private State combine(long revision, Map<Integer, HolidayYear> administratorYears) {
        Map<Integer, LoadedYear> loaded = new TreeMap<>(fromFiles);
        administratorYears.forEach((year, data) -> loaded.put(year, new LoadedYear(data, HolidayOrigin.ADMINISTRATOR, "holiday_year")));
        Map<Integer, HolidayYear> years = new HashMap<>();
        loaded.forEach((year, entry) -> years.put(year, entry.data()));
        return new State(revision, Collections.unmodifiableMap(loaded), Map.copyOf(years));
    }

    private static Map<Integer, LoadedYear> load(ResourcePatternResolver resources, Path externalDir) {
        Map<Integer, LoadedYear> years = new TreeMap<>();
        try {
            for (Resource resource : resources.getResources("classpath*:holidays/*.yaml")) {
                try (InputStream in = resource.getInputStream()) {
                    HolidayYear year = HolidayFileReader.read(in, resource.getFilename());
                    years.put(year.year(), new LoadedYear(year, HolidayOrigin.SHIPPED, "holidays/" + resource.getFilename()));
                }
            }
            if (externalDir != null && Files.isDirectory(externalDir)) {
                try (Stream<Path> files = Files.list(externalDir)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().matches("\\d{4}\\.ya?ml")).sorted().toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            HolidayYear year = HolidayFileReader.read(in, file.toString());
                            years.put(year.year(), new LoadedYear(year, HolidayOrigin.DIRECTORY, file.toAbsolutePath().toString()));
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
