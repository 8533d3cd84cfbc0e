package org.zhaoshang.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.zhaoshang.calendar.CalendarProperties;
import org.zhaoshang.calendar.WorkingDayCalendar;

/**
 * Policy 002: "每月5日以书面形式报送上月《重点招商项目情况表》、《重点招商信息跟踪反馈单》和《重点招商项目服务清单》".
 * The 5th is a date: the briefing runs on it, or on the next working day when it is a weekend or a public
 * holiday of the PRC calendar — not on the 5th working day.
 */
class BriefingScheduleTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path holidayDir;

    BriefingSchedule schedule(String now) {
        Clock clock = Clock.fixed(LocalDateTime.parse(now).atZone(SHANGHAI).toInstant(), SHANGHAI);
        return new BriefingSchedule(new WorkingDayCalendar(new CalendarProperties(LocalTime.of(18, 0), LocalTime.of(9, 0), holidayDir), clock,
                new PathMatchingResourcePatternResolver()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @DisplayName("002 \"每月5日…报送\": the 5th, or the next working day when the 5th is a day off")
    @CsvSource({
            "2026-01, 2026-01-05", // Monday the 5th is a working day (元旦 was 1–3): the 5th itself, not the 8th (5th working day)
            "2025-02, 2025-02-05", // 春节 ends on the 4th: Wednesday the 5th, not the 10th
            "2026-03, 2026-03-05", // an ordinary Thursday
            "2025-10, 2025-10-09", // 国庆、中秋 1–8 off (the 5th is a holiday Sunday): Thursday the 9th, not the 14th
            "2025-05, 2025-05-06", // 劳动节 1–5 off: Tuesday the 6th
            "2026-04, 2026-04-07", // 清明 4–6 off: Tuesday the 7th
            "2026-05, 2026-05-06", // 劳动节 1–5 off: Wednesday the 6th, not Monday the 11th
            "2026-07, 2026-07-06", // the 5th is a Sunday: Monday the 6th
            "2026-12, 2026-12-07"  // the 5th is a Saturday: Monday the 7th
    })
    void theFifthOrTheNextWorkingDay(String month, String day) {
        assertThat(schedule("2026-11-22T10:00").day(YearMonth.parse(month))).isEqualTo(LocalDate.parse(day));
    }

    @Test
    @DisplayName("002 \"每月5日\": the start timer's next run is this month's 5th until 09:00 of that day, then next month's")
    void theNextRunIsThisMonthsBriefingDayUntilItHasPassed() {
        assertThat(schedule("2025-12-01T10:00").nextRun()).isEqualTo("0 0 9 5 12 ?");
        assertThat(schedule("2025-12-05T08:59").nextRun()).isEqualTo("0 0 9 5 12 ?");
        // Once fired (09:00 on Friday the 5th), the engine re-evaluates the cycle: Monday 5 January 2026.
        assertThat(schedule("2025-12-05T09:00").nextRun()).isEqualTo("0 0 9 5 1 ?");
        // A holiday 5th: after 1 October 2025 the briefing waits for Thursday the 9th.
        assertThat(schedule("2025-10-01T10:00").nextRun()).isEqualTo("0 0 9 9 10 ?");
    }
}
