package org.zhaoshang.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a holiday file ({@code <year>.yaml}): {@code year}, {@code source}, {@code holidays} (name,
 * from, to, inclusive) and {@code workdays} (date, name). A file that contradicts itself (a date
 * outside its year, a range backwards, a day both off and working) is refused with a message naming
 * the file and the entry, so an administrator's typo stops the start instead of shifting due dates.
 */
final class HolidayFileReader {

    private HolidayFileReader() {
    }

    static HolidayYear read(InputStream in, String fileName) throws IOException {
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (!(loaded instanceof Map<?, ?> root)) {
            throw invalid(fileName, "not a YAML mapping");
        }
        int year = integer(root.get("year"), fileName, "year");
        Map<LocalDate, String> off = new LinkedHashMap<>();
        for (Map<?, ?> holiday : entries(root.get("holidays"), fileName, "holidays")) {
            String name = text(holiday.get("name"), fileName, "holidays.name");
            LocalDate from = date(holiday.get("from"), fileName, name);
            LocalDate to = date(holiday.get("to"), fileName, name);
            if (to.isBefore(from)) {
                throw invalid(fileName, name + ": 'to' " + to + " is before 'from' " + from);
            }
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                requireYear(day, year, fileName, name);
                off.put(day, name);
            }
        }
        Map<LocalDate, String> working = new LinkedHashMap<>();
        for (Map<?, ?> workday : entries(root.get("workdays"), fileName, "workdays")) {
            String name = workday.get("name") == null ? "调休上班" : workday.get("name").toString();
            LocalDate day = date(workday.get("date"), fileName, name);
            requireYear(day, year, fileName, name);
            if (off.containsKey(day)) {
                throw invalid(fileName, day + " is both a day off (" + off.get(day) + ") and a working day");
            }
            working.put(day, name);
        }
        Object source = root.get("source");
        return new HolidayYear(year, source == null ? "" : source.toString(), off, working);
    }

    private static List<Map<?, ?>> entries(Object value, String file, String key) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(file, key + " must be a list");
        }
        List<Map<?, ?>> entries = new java.util.ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw invalid(file, key + " entries must be mappings");
            }
            entries.add(map);
        }
        return entries;
    }

    private static LocalDate date(Object value, String file, String entry) {
        if (value instanceof java.util.Date date) {
            // SnakeYAML reads an unquoted 2026-01-01 as a timestamp at UTC midnight.
            return date.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
        try {
            return LocalDate.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw invalid(file, entry + ": '" + value + "' is not a date (yyyy-MM-dd)");
        }
    }

    private static int integer(Object value, String file, String key) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        throw invalid(file, key + " must be a number");
    }

    private static String text(Object value, String file, String key) {
        if (value == null || value.toString().isBlank()) {
            throw invalid(file, key + " is missing");
        }
        return value.toString();
    }

    private static void requireYear(LocalDate day, int year, String file, String entry) {
        if (day.getYear() != year) {
            throw invalid(file, entry + ": " + day + " is not in " + year);
        }
    }

    private static IllegalStateException invalid(String file, String message) {
        return new IllegalStateException("Invalid holiday file " + file + ": " + message);
    }
}
