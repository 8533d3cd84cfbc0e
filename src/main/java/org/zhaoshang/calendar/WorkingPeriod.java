package org.zhaoshang.calendar;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period of working time, as the policies state time limits: whole working days ("5": 5 个工作日), half days
 * ("0.5", "1.5": policy 003 "0.5个工作日") or working hours ("4h": 4 个工作小时).
 * <p>
 * Whole days keep the meaning they always had (a task due in N working days is due at the end of the N-th working day
 * after the day it starts). Half days and hours are working time: counted within the working hours of working days
 * ({@code app.calendar.working-hours}), half a day being half of a working day's working time.
 *
 * @param halfDays the period in half working days, when it is given in days (else null)
 * @param hours the period in working hours, when it is given in hours (else null)
 */
public record WorkingPeriod(Integer halfDays, Integer hours) {

    /** The longest period a time limit may have: about a working year. */
    public static final int MAX_DAYS = 250;

    private static final Pattern DAYS = Pattern.compile("(\\d{1,3}(?:\\.\\d+)?)\\s*(?:d|天|个?工作日)?");
    private static final Pattern HOURS = Pattern.compile("(\\d{1,4})\\s*(?:h|小时|个?工作小时)");

    public WorkingPeriod {
        if ((halfDays == null) == (hours == null)) {
            throw new IllegalArgumentException("a working period is given in days or in hours");
        }
    }

    public static WorkingPeriod days(int days) {
        return new WorkingPeriod(days * 2, null);
    }

    public static WorkingPeriod hours(int hours) {
        return new WorkingPeriod(null, hours);
    }

    /**
     * "5", "0.5", "1.5", "4h" (also "5天", "半天", "4小时"), or a number; refused with a Chinese message naming what is
     * accepted. Negative values, days that are not whole or half, and more than {@value #MAX_DAYS} days are refused.
     */
    public static WorkingPeriod parse(Object value) {
        String text = value == null ? "" : value.toString().strip().toLowerCase(Locale.ROOT);
        if (text.equals("半天") || text.equals("半个工作日")) {
            return new WorkingPeriod(1, null);
        }
        Matcher hours = HOURS.matcher(text);
        if (hours.matches()) {
            int h = Integer.parseInt(hours.group(1));
            if (h > MAX_DAYS * 24) {
                throw invalid(value);
            }
            return hours(h);
        }
        Matcher days = DAYS.matcher(text);
        if (days.matches()) {
            BigDecimal half = new BigDecimal(days.group(1)).multiply(BigDecimal.valueOf(2));
            if (half.stripTrailingZeros().scale() > 0 || half.compareTo(BigDecimal.valueOf(2L * MAX_DAYS)) > 0) {
                throw invalid(value);
            }
            return new WorkingPeriod(half.intValueExact(), null);
        }
        throw invalid(value);
    }

    private static IllegalArgumentException invalid(Object value) {
        return new IllegalArgumentException("「" + value + "」不是有效的时限：请填写工作日（如 5、0.5、1.5，最多 " + MAX_DAYS
                + " 个工作日）或工作小时（如 4h）");
    }

    /** Whole working days: the end-of-day meaning. */
    public boolean wholeDays() {
        return halfDays != null && halfDays % 2 == 0;
    }

    /** The number of whole working days (only for {@link #wholeDays()}). */
    public int days() {
        if (!wholeDays()) {
            throw new IllegalStateException(this + " is not a number of whole days");
        }
        return halfDays / 2;
    }

    /** The period in minutes of working time, a working day having {@code workingDayMinutes}. */
    public long workingMinutes(long workingDayMinutes) {
        return halfDays != null ? halfDays * workingDayMinutes / 2 : hours * 60L;
    }

    public boolean isZero() {
        return halfDays != null ? halfDays == 0 : hours == 0;
    }

    /** As written in configuration and the API: "5", "0.5", "4h". */
    public String text() {
        if (hours != null) {
            return hours + "h";
        }
        return halfDays % 2 == 0 ? Integer.toString(halfDays / 2) : halfDays / 2 + ".5";
    }

    /** As people read it: "5 个工作日", "0.5 个工作日", "4 个工作小时". */
    public String label() {
        return hours != null ? hours + " 个工作小时" : text() + " 个工作日";
    }

    @Override
    public String toString() {
        return text();
    }
}
