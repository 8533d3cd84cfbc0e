package org.zhaoshang.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The PRC calendar on the official 2025 and 2026 arrangements. */
class WorkingDayCalendarTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path holidayDir;

    WorkingDayCalendar calendar() {
        Clock clock = Clock.fixed(LocalDateTime.parse("2026-11-22T10:00").atZone(SHANGHAI).toInstant(), SHANGHAI);
        return new WorkingDayCalendar(new CalendarProperties(LocalTime.of(18, 0), LocalTime.of(9, 0), holidayDir), clock,
                new PathMatchingResourcePatternResolver());
    }

    @ParameterizedTest
    @CsvSource({"2025", "2026"})
    void eachPublishedYearHas248WorkingDays(int year) {
        WorkingDayCalendar calendar = calendar();
        long count = LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1)).filter(calendar::isWorkingDay).count();
        assertThat(count).isEqualTo(248);
    }

    @ParameterizedTest(name = "{0} working={1}")
    @CsvSource({
            "2026-01-01, false",  // 元旦
            "2026-01-04, true",   // Sunday, 元旦调休
            "2026-02-14, true",   // Saturday, 春节调休
            "2026-02-16, false",  // 春节 Monday
            "2026-02-28, true",   // Saturday, 春节调休
            "2026-03-07, false",  // ordinary Saturday
            "2026-10-08, true",   // after 国庆 (2026 ends on the 7th)
            "2025-10-08, false",  // 2025's 国庆/中秋 lasts until the 8th
            "2025-10-11, true"})  // Saturday, 国庆调休
    void knowsHolidaysAndAdjustedWorkingDays(LocalDate day, boolean working) {
        assertThat(calendar().isWorkingDay(day)).isEqualTo(working);
    }

    @Test
    void aTaskCreatedTheDayBeforeSpringFestivalIsDueAfterTheHoliday() {
        // 2025-01-27 (Mon), 1 working day: 01-28 … 02-04 are 春节 → due Wednesday 02-05 18:00.
        assertThat(due("2025-01-27T10:00", 1)).isEqualTo(at("2025-02-05T18:00"));
        // 2026-02-13 (Fri), 2 working days: Saturday 02-14 is 调休, then 02-15 … 02-23 off → 02-24.
        assertThat(due("2026-02-13T10:00", 2)).isEqualTo(at("2026-02-24T18:00"));
    }

    @Test
    void anAdjustedSaturdayCounts() {
        // 2026-05-08 (Fri), 1 working day → Saturday 05-09 is a working day.
        assertThat(due("2026-05-08T09:30", 1)).isEqualTo(at("2026-05-09T18:00"));
        assertThat(calendar().holidayName(LocalDate.of(2026, 5, 1))).contains("劳动节");
    }

    @Test
    void fiveWorkingDaysAcrossNationalDay() {
        // 2025-09-30 (Tue): 10-01 … 10-08 off; 10-09, 10-10, 10-11 (Sat 调休), 10-13, 10-14.
        assertThat(due("2025-09-30T15:00", 5)).isEqualTo(at("2025-10-14T18:00"));
        // 2026-09-30 (Wed): 10-01 … 10-07 off; 10-08, 10-09, 10-10 (Sat 调休), 10-12, 10-13.
        assertThat(due("2026-09-30T15:00", 5)).isEqualTo(at("2026-10-13T18:00"));
    }

    @Test
    void endOfYearAcrossTheYearBoundary() {
        // 2025-12-30 (Tue): 12-31, then 2026-01-01 … 01-03 off, 01-04 (Sun 调休), 01-05.
        assertThat(due("2025-12-30T11:00", 3)).isEqualTo(at("2026-01-05T18:00"));
    }

    @Test
    void aStartOnANonWorkingDayOrAfterHoursCountsFromTheNextWorkingDay() {
        // Saturday 2026-03-07 → counts from Monday 03-09; 1 working day → Tuesday.
        assertThat(due("2026-03-07T10:00", 1)).isEqualTo(at("2026-03-10T18:00"));
        // Monday after 18:00 → counts from Tuesday.
        assertThat(due("2026-03-09T19:30", 1)).isEqualTo(at("2026-03-11T18:00"));
        // 0 working days: the end of the same working day.
        assertThat(due("2026-03-09T09:00", 0)).isEqualTo(at("2026-03-09T18:00"));
    }

    @Test
    void countsWorkingDaysBetweenInstants() {
        WorkingDayCalendar calendar = calendar();
        // From Friday 2026-09-25 (中秋, off) to Thursday 10-08: 09-28, 09-29, 09-30, 10-08 → 4.
        assertThat(calendar.workingDaysBetween(at("2026-09-24T18:00").toInstant(), at("2026-10-08T10:00").toInstant())).isEqualTo(4);
        assertThat(calendar.workingDaysBetween(at("2026-03-10T10:00").toInstant(), at("2026-03-09T10:00").toInstant())).isZero();
        assertThat(calendar.minusWorkingDays(LocalDate.of(2026, 10, 8), 1)).isEqualTo(LocalDate.of(2026, 9, 30));
    }

    @Test
    void aMissingYearIsPlainMondayToFridayUntilItsFileIsAdded() throws Exception {
        WorkingDayCalendar withoutData = calendar();
        assertThat(withoutData.hasDataFor(2027)).isFalse();
        assertThat(withoutData.isWorkingDay(LocalDate.of(2027, 1, 1))).isTrue(); // a Friday; 元旦 unknown yet

        Files.writeString(holidayDir.resolve("2027.yaml"), """
                year: 2027
                holidays:
                  - { name: 元旦, from: 2027-01-01, to: 2027-01-03 }
                workdays: []
                """);
        WorkingDayCalendar withData = calendar();
        assertThat(withData.hasDataFor(2027)).isTrue();
        assertThat(withData.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
    }

    @Test
    void aContradictoryFileIsRefusedWithItsName() {
        String contradictory = """
                year: 2027
                holidays:
                  - { name: 春节, from: 2027-02-06, to: 2027-02-12 }
                workdays:
                  - { date: 2027-02-07, name: 调休 }
                """;
        assertThatThrownBy(() -> HolidayFileReader.read(new ByteArrayInputStream(contradictory.getBytes(StandardCharsets.UTF_8)), "2027.yaml"))
                .hasMessageContaining("2027.yaml").hasMessageContaining("2027-02-07");
        String wrongYear = "year: 2027\nholidays:\n  - { name: 元旦, from: 2026-01-01, to: 2026-01-01 }\n";
        assertThatThrownBy(() -> HolidayFileReader.read(new ByteArrayInputStream(wrongYear.getBytes(StandardCharsets.UTF_8)), "2027.yaml"))
                .hasMessageContaining("not in 2027");
    }

    @Test
    void anAdministratorsYearWinsOverTheDirectoryWhichWinsOverTheShippedFile() throws Exception {
        Files.writeString(holidayDir.resolve("2026.yaml"), """
                year: 2026
                source: 外部目录
                holidays:
                  - { name: 元旦, from: 2026-01-01, to: 2026-01-01 }
                workdays: []
                """);
        WorkingDayCalendar calendar = calendar();
        assertThat(calendar.loadedYears().get(2025).origin()).isEqualTo(HolidayOrigin.SHIPPED);
        assertThat(calendar.loadedYears().get(2026).origin()).isEqualTo(HolidayOrigin.DIRECTORY);
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).as("the directory's 2026 has no 春节").isTrue();

        HolidayYear entered = HolidayYear.of(2026, "管理员", java.util.List.of(new HolidayYear.Holiday("春节", LocalDate.of(2026, 2, 16),
                LocalDate.of(2026, 2, 16))), java.util.List.of());
        calendar.apply(1, java.util.Map.of(2026, entered));
        assertThat(calendar.loadedYears().get(2026).origin()).isEqualTo(HolidayOrigin.ADMINISTRATOR);
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 1))).as("the administrator's year replaces the file's, not merged").isTrue();
        assertThat(calendar.fileYears().get(2026).origin()).isEqualTo(HolidayOrigin.DIRECTORY);

        calendar.apply(2, java.util.Map.of());
        assertThat(calendar.loadedYears().get(2026).origin()).isEqualTo(HolidayOrigin.DIRECTORY);
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 1, 1))).isFalse();
    }

    @Test
    void withoutADatabaseThereIsNothingToRefresh() {
        assertThat(calendar().refreshIfChanged()).isFalse();
    }

    private ZonedDateTime due(String start, int workingDays) {
        return calendar().dueAfter(at(start).toInstant(), workingDays);
    }

    private static ZonedDateTime at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI);
    }
}
