package org.zhaoshang.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.zhaoshang.calendar.WorkingDayCalendar.LoadedYear;
import org.zhaoshang.system.ApiException;

/**
 * 节假日安排 for administrators: which years have data and from where, a year's holidays and 调休 days,
 * entering or replacing a year (checked by {@link HolidayRules}), removing an entry (the file's data
 * applies again), and the history of every change. A change is in force on this node when the call
 * returns and on the other nodes within {@code app.calendar.refresh-interval}; it applies to due dates
 * computed from then on (due dates and timers already set stay as they are).
 */
@Service
public class HolidayAdminService {

    static final String SAVE = "SAVE";
    static final String REMOVE = "REMOVE";
    /** The years one may look at (a path like /2147483647 must not reach date arithmetic). */
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

    private static final Logger log = LoggerFactory.getLogger(HolidayAdminService.class);

    /** A year as the calendar of this node uses it. {@code fallback}: what applies without the administrator's entry. */
    record YearView(int year, HolidayOrigin origin, String originLabel, String location, String source,
            List<HolidayYear.Holiday> holidays, List<HolidayYear.Workday> workdays, int workingDays, HolidayOrigin fallback,
            String fallbackLabel, String updatedBy, OffsetDateTime updatedAt, boolean editable, String yaml) {

        public boolean hasData() {
            return origin != HolidayOrigin.NONE;
        }

        /** The year as input, e.g. to fill the form for a correction. */
        HolidayInput input() {
            return new HolidayInput(source, holidays.stream().map(h -> new HolidayInput.Range(h.name(), h.from().toString(), h.to().toString())).toList(),
                    workdays.stream().map(w -> new HolidayInput.Day(w.date().toString(), w.name())).toList());
        }
    }

    record ChangeView(long id, int year, String action, String actionLabel, String changedBy, OffsetDateTime changedAt,
            HolidayOrigin before, String beforeLabel, String beforeYaml, HolidayOrigin after, String afterLabel, String afterYaml) {
    }

    /** The year after a save; {@code changed} is false when the entry was already exactly this. */
    record Saved(YearView year, boolean changed) {
    }

    private final WorkingDayCalendar calendar;
    private final HolidayRepository repository;
    private final Clock clock;
    private final TransactionTemplate transaction;

    HolidayAdminService(WorkingDayCalendar calendar, HolidayRepository repository, Clock clock, PlatformTransactionManager transactions) {
        this.calendar = calendar;
        this.repository = repository;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Every year with data, and every year an administrator may enter (last year to two years ahead) even without. */
    public List<YearView> years() {
        calendar.refreshIfChanged();
        Map<Integer, HolidayRepository.StoredYear> stored = repository.all().stream()
                .collect(Collectors.toMap(HolidayRepository.StoredYear::year, Function.identity()));
        LocalDate today = today();
        TreeSet<Integer> years = new TreeSet<>(calendar.loadedYears().keySet());
        for (int year = today.getYear() - HolidayRules.YEARS_BACK; year <= today.getYear() + HolidayRules.YEARS_AHEAD; year++) {
            years.add(year);
        }
        return years.descendingSet().stream().map(year -> view(year, Optional.ofNullable(stored.get(year)), false)).toList();
    }

    public YearView year(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw ApiException.notFound("只能查询 " + FIRST_YEAR + " 年至 " + LAST_YEAR + " 年的节假日安排");
        }
        calendar.refreshIfChanged();
        return view(year, repository.find(year), true);
    }

    /** The year's changes, newest first. */
    public List<ChangeView> changes(int year) {
        return repository.changes(year).stream().map(c -> new ChangeView(c.id(), c.year(), c.action(), actionLabel(c.action(), c.beforeOrigin()),
                c.changedBy(), c.changedAt(), c.beforeOrigin(), c.beforeOrigin().label(), c.beforeYaml(), c.afterOrigin(),
                c.afterOrigin().label(), c.afterYaml())).toList();
    }

    /** Enters or replaces a year; refused as a whole (nothing written) when anything is wrong. */
    public Saved save(int year, HolidayInput input, String user) {
        HolidayYear checked = HolidayRules.check(year, input, today());
        String yaml = HolidayYaml.write(checked);
        boolean changed = Boolean.TRUE.equals(transaction.execute(status -> {
            repository.countChange();
            Optional<HolidayRepository.StoredYear> stored = repository.find(year);
            if (stored.isPresent() && stored.get().yaml().equals(yaml)) {
                status.setRollbackOnly();
                return false;
            }
            OffsetDateTime now = now();
            repository.save(year, yaml, user, now);
            if (stored.isPresent()) {
                repository.recordChange(year, SAVE, user, now, HolidayOrigin.ADMINISTRATOR, stored.get().yaml(), HolidayOrigin.ADMINISTRATOR, yaml);
            } else {
                LoadedYear file = calendar.fileYears().get(year);
                repository.recordChange(year, SAVE, user, now, origin(file), yaml(file), HolidayOrigin.ADMINISTRATOR, yaml);
            }
            return true;
        }));
        if (changed) {
            log.info("Holiday data for {} entered by {}", year, user);
            applyHere();
        }
        return new Saved(year(year), changed);
    }

    /** Removes an administrator's entry: the external or shipped file of the year applies again (or none). */
    public YearView remove(int year, String user) {
        transaction.executeWithoutResult(status -> {
            repository.countChange();
            HolidayRepository.StoredYear stored = repository.find(year)
                    .orElseThrow(() -> ApiException.notFound(year + " 年没有管理员录入的节假日安排，无需撤销"));
            repository.delete(year);
            LoadedYear file = calendar.fileYears().get(year);
            repository.recordChange(year, REMOVE, user, now(), HolidayOrigin.ADMINISTRATOR, stored.yaml(), origin(file), yaml(file));
        });
        log.info("Holiday data for {} entered by an administrator removed by {}", year, user);
        applyHere();
        return year(year);
    }

    private void applyHere() {
        try {
            calendar.refreshIfChanged();
        } catch (RuntimeException e) {
            // Committed; the periodic refresh picks it up as soon as the database answers again.
            log.warn("Holiday data saved but not reloaded on this node yet: {}", e.toString());
        }
    }

    private YearView view(int year, Optional<HolidayRepository.StoredYear> stored, boolean withYaml) {
        LoadedYear effective = calendar.loadedYears().get(year);
        LoadedYear file = calendar.fileYears().get(year);
        HolidayOrigin origin = origin(effective);
        HolidayOrigin fallback = origin == HolidayOrigin.ADMINISTRATOR ? origin(file) : null;
        HolidayYear data = effective == null ? null : effective.data();
        int workingDays = (int) LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1)).filter(calendar::isWorkingDay).count();
        boolean admin = origin == HolidayOrigin.ADMINISTRATOR && stored.isPresent();
        return new YearView(year, origin, origin.label(), effective == null ? null : effective.location(),
                data == null ? null : data.source(), data == null ? List.of() : data.holidays(), data == null ? List.of() : data.workdays(),
                workingDays, fallback, fallback == null ? null : fallback.label(), admin ? stored.get().updatedBy() : null,
                admin ? stored.get().updatedAt() : null, HolidayRules.editable(year, today()), withYaml && data != null ? HolidayYaml.write(data) : null);
    }

    private static HolidayOrigin origin(LoadedYear year) {
        return year == null ? HolidayOrigin.NONE : year.origin();
    }

    private static String yaml(LoadedYear year) {
        return year == null ? null : HolidayYaml.write(year.data());
    }

    private static String actionLabel(String action, HolidayOrigin before) {
        if (REMOVE.equals(action)) {
            return "撤销管理员录入";
        }
        return before == HolidayOrigin.ADMINISTRATOR ? "修改" : "录入";
    }

    /** e.g. "2025 年至 2028 年": the years an administrator may enter now. */
    public String editableRange() {
        return HolidayRules.editableRange(today());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
