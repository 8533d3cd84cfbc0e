package org.zhaoshang.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.zhaoshang.calendar.CalendarProperties;
import org.zhaoshang.calendar.WorkingDayCalendar;

/** 每月5日报送, counted as the 5th working day of the PRC calendar (holidays and 调休 included). */
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
    @CsvSource({
            "2025-10, 2025-10-14", // 国庆 1–8 off, Saturday the 11th works: 9, 10, 11, 13, 14
            "2026-01, 2026-01-08", // 元旦 1–3 off, Sunday the 4th works: 4, 5, 6, 7, 8
            "2026-05, 2026-05-11", // 劳动节 1–5 off, Saturday the 9th works: 6, 7, 8, 9, 11
            "2026-10, 2026-10-13", // 国庆 1–7 off, Saturday the 10th works: 8, 9, 10, 12, 13
            "2026-12, 2026-12-07"  // an ordinary month: Tuesday the 1st … Monday the 7th
    })
    void fifthWorkingDay(String month, String day) {
        assertThat(schedule("2026-11-22T10:00").day(YearMonth.parse(month))).isEqualTo(LocalDate.parse(day));
    }

    @Test
    void theNextRunIsThisMonthsBriefingDayUntilItHasPassed() {
        assertThat(schedule("2025-12-01T10:00").nextRun()).isEqualTo("0 0 9 5 12 ?");
        assertThat(schedule("2025-12-05T08:59").nextRun()).isEqualTo("0 0 9 5 12 ?");
        // Once fired (09:00 on the 5th), the engine re-evaluates the cycle: January's 5th working day after 元旦.
        assertThat(schedule("2025-12-05T09:00").nextRun()).isEqualTo("0 0 9 8 1 ?");
    }
}
