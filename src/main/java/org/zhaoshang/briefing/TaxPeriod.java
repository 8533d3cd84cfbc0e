package org.zhaoshang.briefing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a tax figure (税收) is for: a year ({@code 2026}), a half-year ({@code 2026-H1}), a quarter
 * ({@code 2026-Q2}) or a month ({@code 2026-05}). Reports (履约节点, 后评价) are yearly; 合作交流办 may
 * record any of these while a year has no report yet.
 */
public record TaxPeriod(String label, LocalDate start, LocalDate end) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})(?:-(H[12]|Q[1-4]|\\d{2}))?");

    public static TaxPeriod year(int year) {
        return new TaxPeriod(Integer.toString(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    /** The period a label names, if it is one of the four forms (years 2000–2100, months 01–12). */
    public static Optional<TaxPeriod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim().toUpperCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 2000 || year > 2100) {
            return Optional.empty();
        }
        String part = m.group(2);
        if (part == null) {
            return Optional.of(year(year));
        }
        int firstMonth;
        int months;
        if (part.startsWith("H")) {
            firstMonth = part.charAt(1) == '1' ? 1 : 7;
            months = 6;
        } else if (part.startsWith("Q")) {
            firstMonth = (part.charAt(1) - '1') * 3 + 1;
            months = 3;
        } else {
            firstMonth = Integer.parseInt(part);
            months = 1;
            if (firstMonth < 1 || firstMonth > 12) {
                return Optional.empty();
            }
        }
        YearMonth first = YearMonth.of(year, firstMonth);
        return Optional.of(new TaxPeriod(year + "-" + part, first.atDay(1), first.plusMonths(months - 1L).atEndOfMonth()));
    }

    public int year() {
        return start.getYear();
    }

    public boolean overlaps(TaxPeriod other) {
        return !start.isAfter(other.end) && !other.start.isAfter(end);
    }

    /** e.g. 2026年、2026年上半年、2026年第二季度、2026年5月. */
    public String displayName() {
        String[] quarters = {"一", "二", "三", "四"};
        if (label.length() == 4) {
            return label + "年";
        }
        String part = label.substring(5);
        return year() + "年" + switch (part.charAt(0)) {
            case 'H' -> part.equals("H1") ? "上半年" : "下半年";
            case 'Q' -> "第" + quarters[part.charAt(1) - '1'] + "季度";
            default -> start.getMonthValue() + "月";
        };
    }
}
