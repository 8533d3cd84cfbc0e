package org.zhaoshang.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Time limits in half working days and working hours, policy 003 (二十二): "一般社会工程项目审批时限压至0.5个工作日完成".
 * Whole days keep their end-of-day meaning; half days and hours count working time (09:00–12:00, 13:30–18:00 by
 * default, so a working day has 7.5 hours and half a day 3 h 45 min), skipping weekends and holidays.
 */
class WorkingPeriodTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path holidayDir;

    WorkingDayCalendar calendar() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), SHANGHAI);
        return new WorkingDayCalendar(new CalendarProperties(LocalTime.of(18, 0), LocalTime.of(9, 0), holidayDir), clock,
                new PathMatchingResourcePatternResolver());
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource({"5, 5, 5 个工作日", "0.5, 0.5, 0.5 个工作日", "1.5, 1.5, 1.5 个工作日", "半天, 0.5, 0.5 个工作日", "4h, 4h, 4 个工作小时",
            "4小时, 4h, 4 个工作小时", "3天, 3, 3 个工作日", "0, 0, 0 个工作日", "0h, 0h, 0 个工作小时", "2.0, 2, 2 个工作日"})
    void readsDaysHalfDaysAndHours(String text, String written, String label) {
        WorkingPeriod period = WorkingPeriod.parse(text);
        assertThat(period.text()).isEqualTo(written);
        assertThat(period.label()).isEqualTo(label);
    }

    @ParameterizedTest
    @CsvSource({"0.3", "-1", "251", "abc", "''", "4.5h", "1.25"})
    void refusesWhatIsNoTimeLimitInChinese(String text) {
        assertThatThrownBy(() -> WorkingPeriod.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("不是有效的时限");
    }

    @Test
    @DisplayName("0.5个工作日 from a Monday morning: due in the afternoon, the lunch break not counted")
    void halfAWorkingDayCountsWorkingTime() {
        WorkingDayCalendar calendar = calendar();
        assertThat(calendar.workingDayMinutes()).isEqualTo(450);
        // Monday 2026-12-07 09:30: 150 minutes until 12:00, the other 75 from 13:30.
        assertThat(calendar.dueAfter(at("2026-12-07T09:30"), WorkingPeriod.parse("0.5"))).isEqualTo(zoned("2026-12-07T14:45"));
        // Friday afternoon: over the weekend to Monday morning.
        assertThat(calendar.dueAfter(at("2026-12-04T16:00"), WorkingPeriod.parse("0.5"))).isEqualTo(zoned("2026-12-07T10:45"));
        // Started at night or in the lunch break: counted from the next session.
        assertThat(calendar.dueAfter(at("2026-12-07T20:00"), WorkingPeriod.hours(2))).isEqualTo(zoned("2026-12-08T11:00"));
        assertThat(calendar.dueAfter(at("2026-12-07T12:30"), WorkingPeriod.hours(1))).isEqualTo(zoned("2026-12-07T14:30"));
        // Over a public holiday (元旦 2026-01-01 to 01-03, 01-04 a Sunday worked): Dec 31 17:00 + 2 h → Jan 4 10:00.
        assertThat(calendar.dueAfter(at("2025-12-31T17:00"), WorkingPeriod.hours(2))).isEqualTo(zoned("2026-01-04T10:00"));
        // 1.5 days = 11 h 15 min of working time.
        assertThat(calendar.dueAfter(at("2026-12-07T09:00"), WorkingPeriod.parse("1.5"))).isEqualTo(zoned("2026-12-08T14:15"));
    }

    @Test
    void wholeDaysKeepTheirEndOfDayMeaning() {
        WorkingDayCalendar calendar = calendar();
        assertThat(calendar.dueAfter(at("2026-12-07T09:30"), WorkingPeriod.days(1))).isEqualTo(zoned("2026-12-08T18:00"));
        assertThat(calendar.before(zoned("2026-12-08T18:00"), WorkingPeriod.days(1))).isEqualTo(zoned("2026-12-07T09:00"));
        assertThat(calendar.after(zoned("2026-12-08T18:00"), WorkingPeriod.days(2))).isEqualTo(zoned("2026-12-10T18:00"));
    }

    @Test
    void remindersAndEscalationsInHoursCountWorkingTimeBackAndForth() {
        WorkingDayCalendar calendar = calendar();
        ZonedDateTime due = zoned("2026-12-07T14:45");
        assertThat(calendar.before(due, WorkingPeriod.hours(1))).isEqualTo(zoned("2026-12-07T13:45"));
        assertThat(calendar.before(due, WorkingPeriod.hours(2))).isEqualTo(zoned("2026-12-07T11:15"));
        assertThat(calendar.after(due, WorkingPeriod.hours(0))).isEqualTo(due);
        assertThat(calendar.after(due, WorkingPeriod.hours(4))).isEqualTo(zoned("2026-12-08T09:45"));
        // Monday 10:00 minus 2 h: back over the weekend to Friday 17:00.
        assertThat(calendar.minusWorkingTime(at("2026-12-07T10:00"), 120)).isEqualTo(zoned("2026-12-04T17:00"));
        assertThat(calendar.workingMinutesBetween(at("2026-12-04T17:00"), at("2026-12-07T10:00"))).isEqualTo(120);
        assertThat(calendar.workingMinutesBetween(at("2026-12-07T11:00"), at("2026-12-07T14:00"))).isEqualTo(90);
    }

    @Test
    void workingHoursMustBeOrderedAndEndWithTheWorkingDay() {
        assertThatThrownBy(() -> WorkingDayCalendar.Session.parse("09:00-12:00,11:00-18:00", LocalTime.of(18, 0)))
                .hasMessageContaining("ordered");
        assertThatThrownBy(() -> WorkingDayCalendar.Session.parse("09:00-12:00,13:30-17:30", LocalTime.of(18, 0)))
                .hasMessageContaining("must end when the working day ends");
        assertThatThrownBy(() -> WorkingDayCalendar.Session.parse("nine to five", LocalTime.of(18, 0))).hasMessageContaining("09:00-12:00");
        assertThat(WorkingDayCalendar.Session.parse("08:30-12:00,13:00-17:30", LocalTime.of(17, 30))).hasSize(2);
    }

    private static Instant at(String local) {
        return zoned(local).toInstant();
    }

    private static ZonedDateTime zoned(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI);
    }
}
