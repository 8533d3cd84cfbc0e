package org.zhaoshang.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zhaoshang.system.ApiError.FieldError;
import org.zhaoshang.system.ApiException;

/** What an administrator may enter as a year's holidays, and the file format pasted or written. */
class HolidayRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    static HolidayInput.Range range(String name, String from, String to) {
        return new HolidayInput.Range(name, from, to);
    }

    static HolidayInput.Day day(String date, String name) {
        return new HolidayInput.Day(date, name);
    }

    /** A plausible (invented) 2028 arrangement: only the shape matters here, not the dates. */
    static HolidayInput valid() {
        return new HolidayInput("测试用安排（非官方）",
                List.of(range("元旦", "2028-01-01", "2028-01-03"), range("春节", "2028-01-26", "2028-02-02")),
                List.of(day("2028-01-22", "春节调休"), day("2028-02-05", null)));
    }

    @Test
    void aSoundYearBecomesTheCalendarsLookups() {
        HolidayYear year = HolidayRules.check(2028, valid(), TODAY);
        assertThat(year.daysOff()).hasSize(3 + 8).containsEntry(LocalDate.of(2028, 1, 30), "春节");
        assertThat(year.adjustedWorkdays()).containsEntry(LocalDate.of(2028, 1, 22), "春节调休")
                .containsEntry(LocalDate.of(2028, 2, 5), "调休上班");
        assertThat(year.source()).isEqualTo("测试用安排（非官方）");
    }

    @Test
    void blankRowsOfThePageAreNotEntries() {
        HolidayInput withBlanks = new HolidayInput(" 通知 ", List.of(range("元旦", "2028-01-01", "2028-01-01"), range("", " ", null)),
                List.of(day("", "")));
        HolidayYear year = HolidayRules.check(2028, withBlanks, TODAY);
        assertThat(year.holidays()).hasSize(1);
        assertThat(year.workdays()).isEmpty();
        assertThat(year.source()).isEqualTo("通知");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2024 | false", "2025 | true", "2026 | true", "2028 | true", "2029 | false"})
    void onlyLastYearToTwoYearsAheadMayBeEntered(int year, boolean editable) {
        assertThat(HolidayRules.editable(year, TODAY)).isEqualTo(editable);
    }

    @Test
    void aYearOutsideTheWindowIsRefused() {
        assertThat(problems(2030, valid())).containsExactly(new FieldError("year",
                "只能录入或修改2025 年至 2028 年的节假日安排（当前年份的前一年至后两年），2030 年不在此范围内"));
    }

    @Test
    void whatTheFileReaderChecksIsCheckedInChinese() {
        HolidayInput input = new HolidayInput("通知",
                List.of(range("元旦", "2027-12-31", "2028-01-01"), range("春节", "2028-02-02", "2028-01-26"),
                        range("清明节", "2028-04-01", "2028-04-03")),
                List.of(day("2028-04-02", "清明调休")));
        assertThat(problems(2028, input)).containsExactly(
                new FieldError("holidays[0].from", "第1个节假日（元旦）的开始日期 2027-12-31 不在 2028 年内（跨年的日期请录入到所在年份）"),
                new FieldError("holidays[1].to", "第2个节假日（春节）：结束日期 2028-01-26 早于开始日期 2028-02-02"),
                new FieldError("workdays[0].date", "第1个调休上班日：2028-04-02 在节假日（清明节）的放假日期内，不能同时是调休上班日"));
    }

    @Test
    void typosAreCaught() {
        HolidayInput input = new HolidayInput("",
                List.of(range("", "2028-01-01", "2028-01-03"),
                        range("春节", "2028-01-26", "2028-02-26"),          // a month: a typo in the month
                        range("清明节", "2028-04-31", "2028-04-04"),         // no 31 April
                        range("劳动节", "2028-05-01", "2028-05-05"),
                        range("五一", "2028-05-05", "2028-05-06")),          // overlaps 劳动节
                List.of(day("2028-02-09", "春节调休"),                       // a Wednesday
                        day("2028-05-03", "劳动节调休"),                     // inside 劳动节
                        day("2028-04-29", "劳动节调休"),
                        day("2028-04-29", "重复"),
                        day("28-4-30", "格式")));
        List<FieldError> problems = problems(2028, input);
        assertThat(problems).extracting(FieldError::field).containsExactly("source", "holidays[0].name", "holidays[1].to",
                "holidays[2].from", "holidays[4].from", "workdays[0].date", "workdays[1].date", "workdays[1].date", "workdays[3].date",
                "workdays[4].date");
        assertThat(problems).extracting(FieldError::message).containsExactly(
                "请填写依据（如：国务院办公厅关于2028年部分节假日安排的通知）",
                "第1个节假日：请填写名称（如 春节）",
                "第2个节假日（春节）：放假区间不能超过15天（现为32天），请检查日期",
                "第3个节假日（清明节）的开始日期“2028-04-31”不是有效日期（格式 yyyy-MM-dd，如 2028-01-01）",
                "第5个节假日（五一）：放假日期与第4个节假日（劳动节，2028-05-01 至 2028-05-05）重叠",
                "第1个调休上班日：2028-02-09 是星期三，本来就是工作日；调休上班日须为周六或周日",
                "第2个调休上班日：2028-05-03 是星期三，本来就是工作日；调休上班日须为周六或周日",
                "第2个调休上班日：2028-05-03 在节假日（劳动节）的放假日期内，不能同时是调休上班日",
                "第4个调休上班日：2028-04-29 与第3个调休上班日重复",
                "第5个调休上班日的日期“28-4-30”不是有效日期（格式 yyyy-MM-dd，如 2028-01-01）");
    }

    @Test
    void namesAreBoundedAndPrintable() {
        HolidayInput input = new HolidayInput("通知\n第二行",
                List.of(range("春节\u202e", "2028-01-26", "2028-02-02"), range("很".repeat(21), "2028-05-01", "2028-05-01")),
                List.of(day("2028-01-22", "调休\u0007")));
        assertThat(problems(2028, input)).extracting(FieldError::message).containsExactly(
                "依据不能包含控制字符或换行",
                "第1个节假日的名称不能包含控制字符或换行",
                "第2个节假日的名称不能超过20个字（现为21个）",
                "第1个调休上班日的名称不能包含控制字符或换行");
    }

    @Test
    void sizesAreBounded() {
        List<HolidayInput.Range> many = java.util.stream.IntStream.rangeClosed(1, 13)
                .mapToObj(i -> range("节" + i, "2028-03-%02d".formatted(i), "2028-03-%02d".formatted(i))).toList();
        HolidayInput input = new HolidayInput("通知", many, List.of());
        assertThat(problems(2028, input)).containsExactly(new FieldError("holidays", "节假日不能超过12个（现为13个）"));
        assertThat(problems(2028, new HolidayInput("通知", List.of(), null)))
                .containsExactly(new FieldError("holidays", "请至少填写一个节假日（名称和放假日期）"));
    }

    @Test
    void theRefusalCarriesEveryFieldAndAJoinedMessage() {
        ApiException refusal = (ApiException) catchThrowable(() -> HolidayRules.check(2028, new HolidayInput(null, null, null), TODAY));
        assertThat(refusal.status().value()).isEqualTo(400);
        assertThat(refusal.fieldErrors()).hasSize(2);
        assertThat(refusal.getMessage()).isEqualTo("请填写依据（如：国务院办公厅关于2028年部分节假日安排的通知）；请至少填写一个节假日（名称和放假日期）");
    }

    // --- the file format ---------------------------------------------------------------------------------

    @Test
    void theShippedFileReadsBackThroughTheAdministratorsPathUnchanged() throws IOException {
        String shipped = shipped(2026);
        HolidayYear fromFile = HolidayFileReader.read(shipped, "2026.yaml");
        HolidayYear pasted = HolidayRules.check(2026, HolidayYaml.read(shipped, 2026), TODAY);
        assertThat(pasted).isEqualTo(fromFile);
        // What the database stores reads back the same through the file reader.
        assertThat(HolidayFileReader.read(HolidayYaml.write(pasted), "holiday_year 2026")).isEqualTo(fromFile);
    }

    @Test
    void writtenNamesSurviveQuotesAndBackslashes() {
        HolidayYear year = HolidayYear.of(2028, "“通知”: \"第1号\" \\ 附件", List.of(new HolidayYear.Holiday("春节: {特别}, \"长\"",
                LocalDate.of(2028, 1, 26), LocalDate.of(2028, 2, 2))), List.of(new HolidayYear.Workday(LocalDate.of(2028, 1, 22), "- 调休 #1")));
        assertThat(HolidayFileReader.read(HolidayYaml.write(year), "round trip")).isEqualTo(year);
    }

    @Test
    void pastedTextIsRefusedInChineseWhenItIsNotTheFileFormat() {
        assertRefused(() -> HolidayYaml.read("", 2028), m -> assertThat(m).startsWith("请粘贴节假日安排"));
        assertRefused(() -> HolidayYaml.read("year: 2028\nholidays:\n  - { name: 元旦, from: 2028-01-01\n", 2028),
                m -> assertThat(m).startsWith("粘贴的内容不是有效的 YAML"));
        assertRefused(() -> HolidayYaml.read("year: 2027\nholidays: []\n", 2028), m -> assertThat(m).isEqualTo("粘贴内容的年份（2027）与所选年份（2028）不一致"));
        assertRefused(() -> HolidayYaml.read("year: 2028\nholiday: []\n", 2028),
                m -> assertThat(m).isEqualTo("有无法识别的项：holiday（可用：holidays、source、workdays、year）"));
        assertRefused(() -> HolidayYaml.read("year: 2028\nholidays:\n  - 元旦\n", 2028), m -> assertThat(m).startsWith("每个节假日须写成 { … } 形式"));
        assertRefused(() -> HolidayYaml.read("year: 2028\nholidays:\n  - { name: [元旦], from: 2028-01-01, to: 2028-01-01 }\n", 2028),
                m -> assertThat(m).isEqualTo("节假日名称须为文字或日期，不能是列表或嵌套内容"));
        assertRefused(() -> HolidayYaml.read("just text", 2028), m -> assertThat(m).startsWith("粘贴的内容须包含 year、source"));
        assertRefused(() -> HolidayYaml.read("a: 1\na: 2\n", 2028), m -> assertThat(m).startsWith("粘贴的内容不是有效的 YAML"));
        assertRefused(() -> HolidayYaml.read("x".repeat(HolidayYaml.MAX_LENGTH + 1), 2028), m -> assertThat(m).contains("过长"));
    }

    @Test
    void theSkeletonOfAYearWithoutDataReadsButCannotBeSavedAsItIs() {
        HolidayInput skeleton = HolidayYaml.read(HolidayYaml.skeleton(2028), 2028);
        assertThat(skeleton.source()).isEqualTo("国务院办公厅关于2028年部分节假日安排的通知");
        assertThat(problems(2028, skeleton)).containsExactly(new FieldError("holidays", "请至少填写一个节假日（名称和放假日期）"));
    }

    @Test
    void anImpossibleDateIsRefusedNotRolledOver() {
        // SnakeYAML's own timestamps would read 2028-02-30 as 2028-03-01.
        HolidayInput pasted = HolidayYaml.read("source: 通知\nholidays:\n  - { name: 春节, from: 2028-01-26, to: 2028-02-30 }\n", 2028);
        assertThat(pasted.holidays().get(0).to()).isEqualTo("2028-02-30");
        assertThat(problems(2028, pasted)).extracting(FieldError::field).containsExactly("holidays[0].to");
        assertThatThrownBy(() -> HolidayFileReader.read("year: 2028\nholidays:\n  - { name: 春节, from: 2028-01-26, to: 2028-02-30 }\n", "2028.yaml"))
                .hasMessageContaining("2028.yaml").hasMessageContaining("is not a date");
    }

    private static List<FieldError> problems(int year, HolidayInput input) {
        Throwable thrown = catchThrowable(() -> HolidayRules.check(year, input, TODAY));
        assertThat(thrown).isInstanceOf(ApiException.class);
        return ((ApiException) thrown).fieldErrors();
    }

    private static Throwable catchThrowable(Runnable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call::run);
    }

    private static void assertRefused(Runnable call, Consumer<String> message) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(ApiException.class);
        assertThat(((ApiException) thrown).field()).isEqualTo(HolidayYaml.FIELD);
        message.accept(thrown.getMessage());
    }

    static String shipped(int year) throws IOException {
        try (InputStream in = HolidayRulesTest.class.getResourceAsStream("/holidays/" + year + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
