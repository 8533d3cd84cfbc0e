package org.zhaoshang.unitreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.zhaoshang.calendar.CalendarProperties;
import org.zhaoshang.calendar.WorkingDayCalendar;

/** The period and due day of each kind of report on the official 2025 and 2026 calendars (遇节假日顺延). */
class ReportPeriodTest {

    @TempDir
    Path holidayDir;

    @ParameterizedTest(name = "{0} opened {1}: {2} {3}–{4}, due {5}")
    @CsvSource({
        // Weeks end on their last working day: a normal Friday, the 调休 Saturday after 国庆, Wednesday before 国庆, and the
        // 春节 week of 2026 (15–23 Feb off) is due on the next working day.
        "WEEKLY, 2026-11-30, 2026-W49, 2026-11-30, 2026-12-06, 2026-12-04",
        "WEEKLY, 2026-10-05, 2026-W41, 2026-10-05, 2026-10-11, 2026-10-10",
        "WEEKLY, 2026-09-28, 2026-W40, 2026-09-28, 2026-10-04, 2026-09-30",
        "WEEKLY, 2026-02-16, 2026-W08, 2026-02-16, 2026-02-22, 2026-02-24",
        // The 5th, or the next working day (2026-10-05 国庆; 2026-04-05 清明; 2026-12-05 a Saturday).
        "MONTHLY, 2026-11-01, 2026-10, 2026-10-01, 2026-10-31, 2026-11-05",
        "MONTHLY, 2026-10-01, 2026-09, 2026-09-01, 2026-09-30, 2026-10-08",
        "MONTHLY, 2026-04-01, 2026-03, 2026-03-01, 2026-03-31, 2026-04-07",
        "MONTHLY, 2026-12-01, 2026-11, 2026-11-01, 2026-11-30, 2026-12-07",
        "MONTHLY, 2026-01-01, 2025-12, 2025-12-01, 2025-12-31, 2026-01-05",
        // The 15th of the quarter's first month.
        "QUARTERLY, 2026-10-01, 2026-Q3, 2026-07-01, 2026-09-30, 2026-10-15",
        "QUARTERLY, 2026-01-01, 2025-Q4, 2025-10-01, 2025-12-31, 2026-01-15",
        "QUARTERLY, 2025-07-01, 2025-Q2, 2025-04-01, 2025-06-30, 2025-07-15",
        // 31 January: 2026 a Saturday → Monday 2 February; 2025's (a 春节 day off, 28 Jan–4 Feb) → 5 February.
        "ANNUAL, 2026-01-01, 2025, 2025-01-01, 2025-12-31, 2026-02-02",
        "ANNUAL, 2025-01-01, 2024, 2024-01-01, 2024-12-31, 2025-02-05",
    })
    void periodAndDueDay(ReportKind kind, LocalDate opened, String label, LocalDate first, LocalDate last, LocalDate due) {
        WorkingDayCalendar calendar = new WorkingDayCalendar(new CalendarProperties(LocalTime.of(18, 0), LocalTime.of(9, 0), holidayDir),
                Clock.system(ZoneId.of("Asia/Shanghai")), new PathMatchingResourcePatternResolver());
        ReportPeriod period = ReportPeriod.of(kind, opened, calendar);
        assertThat(period.label()).isEqualTo(label);
        assertThat(period.first()).isEqualTo(first);
        assertThat(period.last()).isEqualTo(last);
        assertThat(period.due()).isEqualTo(due);
    }
}
