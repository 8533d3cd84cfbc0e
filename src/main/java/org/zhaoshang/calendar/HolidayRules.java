package org.zhaoshang.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.zhaoshang.system.ApiError.FieldError;
import org.zhaoshang.system.ApiException;

/**
 * What an administrator may enter as a year's holidays: everything {@link HolidayFileReader} checks (dates
 * in the year, ranges not backwards, no day both off and working) plus what a typo would do — a 调休 day
 * on a weekday, a range of a month, overlapping ranges, a year far from today, a name with control
 * characters. All mistakes are reported at once, each on its field, in Chinese.
 */
final class HolidayRules {

    static final int MAX_RANGE_DAYS = 15;
    static final int MAX_HOLIDAYS = 12;
    static final int MAX_WORKDAYS = 12;
    static final int MAX_NAME = 20;
    static final int MAX_SOURCE = 200;
    static final int YEARS_BACK = 1;
    static final int YEARS_AHEAD = 2;

    /** Control, format (bidi, zero-width) and line/paragraph separator characters: never part of a name. */
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cntrl}\\p{Cf}\\u2028\\u2029]");
    private static final String[] WEEKDAYS = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

    private HolidayRules() {
    }

    /** The years an administrator may enter or replace when today is {@code today}: last year to two years ahead. */
    static boolean editable(int year, LocalDate today) {
        return year >= today.getYear() - YEARS_BACK && year <= today.getYear() + YEARS_AHEAD;
    }

    static String editableRange(LocalDate today) {
        return (today.getYear() - YEARS_BACK) + " 年至 " + (today.getYear() + YEARS_AHEAD) + " 年";
    }

    /** The checked year, or an {@link ApiException} listing every problem. */
    static HolidayYear check(int year, HolidayInput input, LocalDate today) {
        List<FieldError> problems = new ArrayList<>();
        if (!editable(year, today)) {
            problems.add(new FieldError("year", "只能录入或修改" + editableRange(today) + "的节假日安排（当前年份的前一年至后两年），" + year + " 年不在此范围内"));
            throw ApiException.invalid(problems);
        }
        String source = text(input.source(), "source", "依据", MAX_SOURCE, problems);
        if ("".equals(source)) {
            problems.add(new FieldError("source", "请填写依据（如：国务院办公厅关于" + year + "年部分节假日安排的通知）"));
        }
        List<HolidayYear.Holiday> holidays = holidays(year, input.holidays(), problems);
        List<HolidayYear.Workday> workdays = workdays(year, input.workdays(), holidays, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return HolidayYear.of(year, source, holidays, workdays);
    }

    private static List<HolidayYear.Holiday> holidays(int year, List<HolidayInput.Range> ranges, List<FieldError> problems) {
        if (ranges.isEmpty()) {
            problems.add(new FieldError("holidays", "请至少填写一个节假日（名称和放假日期）"));
        } else if (ranges.size() > MAX_HOLIDAYS) {
            problems.add(new FieldError("holidays", "节假日不能超过" + MAX_HOLIDAYS + "个（现为" + ranges.size() + "个）"));
        }
        List<HolidayYear.Holiday> holidays = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            HolidayInput.Range range = ranges.get(i);
            String field = "holidays[" + i + "]";
            String which = "第" + (i + 1) + "个节假日";
            String name = text(range.name(), field + ".name", which + "的名称", MAX_NAME, problems);
            if ("".equals(name)) {
                problems.add(new FieldError(field + ".name", which + "：请填写名称（如 春节）"));
            } else if (name != null) {
                which += "（" + name + "）";
            }
            LocalDate from = date(range.from(), year, field + ".from", which + "的开始日期", problems);
            LocalDate to = date(range.to(), year, field + ".to", which + "的结束日期", problems);
            if (from == null || to == null) {
                continue;
            }
            if (to.isBefore(from)) {
                problems.add(new FieldError(field + ".to", which + "：结束日期 " + to + " 早于开始日期 " + from));
                continue;
            }
            HolidayYear.Holiday holiday = new HolidayYear.Holiday(name == null ? "" : name, from, to);
            if (holiday.days() > MAX_RANGE_DAYS) {
                problems.add(new FieldError(field + ".to", which + "：放假区间不能超过" + MAX_RANGE_DAYS + "天（现为" + holiday.days() + "天），请检查日期"));
                continue;
            }
            for (int j = 0; j < holidays.size(); j++) {
                HolidayYear.Holiday other = holidays.get(j);
                if (!from.isAfter(other.to()) && !to.isBefore(other.from())) {
                    problems.add(new FieldError(field + ".from", which + "：放假日期与第" + (rows.get(j) + 1) + "个节假日（"
                            + other.name() + "，" + other.from() + " 至 " + other.to() + "）重叠"));
                }
            }
            holidays.add(holiday);
            rows.add(i);
        }
        return holidays;
    }

    private static List<HolidayYear.Workday> workdays(int year, List<HolidayInput.Day> days, List<HolidayYear.Holiday> holidays,
            List<FieldError> problems) {
        if (days.size() > MAX_WORKDAYS) {
            problems.add(new FieldError("workdays", "调休上班日不能超过" + MAX_WORKDAYS + "个（现为" + days.size() + "个）"));
        }
        Map<LocalDate, Integer> seen = new HashMap<>();
        List<HolidayYear.Workday> workdays = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            HolidayInput.Day day = days.get(i);
            String field = "workdays[" + i + "]";
            String which = "第" + (i + 1) + "个调休上班日";
            String name = text(day.name(), field + ".name", which + "的名称", MAX_NAME, problems);
            LocalDate date = date(day.date(), year, field + ".date", which + "的日期", problems);
            if (date == null) {
                continue;
            }
            DayOfWeek weekday = date.getDayOfWeek();
            if (weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY) {
                problems.add(new FieldError(field + ".date", which + "：" + date + " 是" + WEEKDAYS[weekday.ordinal()]
                        + "，本来就是工作日；调休上班日须为周六或周日"));
            }
            holidays.stream().filter(h -> !date.isBefore(h.from()) && !date.isAfter(h.to())).findFirst()
                    .ifPresent(h -> problems.add(new FieldError(field + ".date", which + "：" + date + " 在节假日（" + h.name()
                            + "）的放假日期内，不能同时是调休上班日")));
            Integer earlier = seen.putIfAbsent(date, i);
            if (earlier != null) {
                problems.add(new FieldError(field + ".date", which + "：" + date + " 与第" + (earlier + 1) + "个调休上班日重复"));
            }
            workdays.add(new HolidayYear.Workday(date, name == null || name.isEmpty() ? "调休上班" : name));
        }
        return workdays;
    }

    /** Trimmed text, "" when missing; null (and a problem) when too long or unprintable. */
    private static String text(String value, String field, String what, int max, List<FieldError> problems) {
        String text = value == null ? "" : value.strip();
        if (UNPRINTABLE.matcher(text).find()) {
            problems.add(new FieldError(field, what + "不能包含控制字符或换行"));
            return null;
        }
        if (text.length() > max) {
            problems.add(new FieldError(field, what + "不能超过" + max + "个字（现为" + text.length() + "个）"));
            return null;
        }
        return text;
    }

    private static LocalDate date(String value, int year, String field, String what, List<FieldError> problems) {
        if (HolidayInput.isBlank(value)) {
            problems.add(new FieldError(field, "请填写" + what));
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(new FieldError(field, what + "“" + abbreviate(value) + "”不是有效日期（格式 yyyy-MM-dd，如 " + year + "-01-01）"));
            return null;
        }
        if (date.getYear() != year) {
            problems.add(new FieldError(field, what + " " + date + " 不在 " + year + " 年内（跨年的日期请录入到所在年份）"));
            return null;
        }
        return date;
    }

    private static String abbreviate(String value) {
        String clean = UNPRINTABLE.matcher(value).replaceAll("?");
        return clean.length() > 20 ? clean.substring(0, 20) + "…" : clean;
    }
}
