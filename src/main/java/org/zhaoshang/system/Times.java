package org.zhaoshang.system;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * {@code @times} in pages: instants shown in the application's zone (Asia/Shanghai). PostgreSQL's
 * driver returns {@code timestamptz} values at UTC offset, and formatting keeps a value's own offset,
 * so every displayed time goes through here.
 */
@Component("times")
public class Times {

    public String format(OffsetDateTime value, String pattern) {
        return value == null ? "" : value.atZoneSameInstant(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern(pattern));
    }

    /** The local calendar day of an instant. */
    public static LocalDate localDate(OffsetDateTime value) {
        return value == null ? null : value.atZoneSameInstant(ZoneId.systemDefault()).toLocalDate();
    }
}
