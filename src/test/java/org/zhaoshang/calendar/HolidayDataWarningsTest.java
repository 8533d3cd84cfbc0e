package org.zhaoshang.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which years administrators are warned of: next year from 60 days before it starts, this year always. */
class HolidayDataWarningsTest {

    @ParameterizedTest(name = "{0} with data for [{1}] → {2}")
    @CsvSource(delimiter = '|', value = {
            "2026-11-01 | 2025 2026 |           ",  // 61 days before 2027: not yet
            "2026-11-02 | 2025 2026 | 2027:60   ",  // 60 days before: warn
            "2026-12-04 | 2025 2026 | 2027:28   ",
            "2026-12-31 | 2025 2026 | 2027:1    ",
            "2027-01-01 | 2025 2026 | 2027:0    ",  // the year has started without data
            "2027-06-01 | 2025 2026 | 2027:-151 ",
            "2027-11-02 | 2025 2026 | 2027:-305 2028:60",
            "2026-12-04 | 2026 2027 |           ",  // entered in time: nothing to say
            "2026-06-01 |           | 2026:-151 "})
    void warnsOfThisYearAndOfNextYearWithin60Days(LocalDate today, String withData, String expected) {
        Set<String> data = Set.of((withData == null ? "" : withData).split(" "));
        var missing = HolidayDataWarnings.missing(today, year -> data.contains(Integer.toString(year)), 60);
        assertThat(missing.stream().map(m -> m.year() + ":" + m.daysLeft()).toList())
                .containsExactlyElementsOf(expected == null ? java.util.List.of() : java.util.List.of(expected.split(" ")));
        assertThat(missing).allMatch(m -> m.started() == (m.year() <= today.getYear()));
    }
}
