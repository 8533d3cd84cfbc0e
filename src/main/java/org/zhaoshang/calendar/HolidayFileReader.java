package org.zhaoshang.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

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
        return fromLoaded(yaml(new LoaderOptions()).load(in), fileName);
    }

    /** A year as stored in the database by an administrator (the same format, see HolidayYaml). */
    static HolidayYear read(String text, String name) {
        return fromLoaded(yaml(new LoaderOptions()).load(text), name);
    }

    /**
     * A safe YAML loader that leaves dates as text: SnakeYAML's own timestamps are lenient and would turn a
     * typo such as 2027-02-30 into 2027-03-02 without a word; {@link LocalDate#parse} refuses it.
     */
    static Yaml yaml(LoaderOptions options) {
        Resolver datesAsText = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
                addImplicitResolver(Tag.INT, INT, "-+0123456789");
                addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
                addImplicitResolver(Tag.MERGE, MERGE, "<");
                addImplicitResolver(Tag.NULL, NULL, "~nN\0");
                addImplicitResolver(Tag.NULL, EMPTY, null);
            }
        };
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, datesAsText);
    }

    private static HolidayYear fromLoaded(Object loaded, String fileName) {
        if (!(loaded instanceof Map<?, ?> root)) {
            throw invalid(fileName, "not a YAML mapping");
        }
        int year = integer(root.get("year"), fileName, "year");
        List<HolidayYear.Holiday> holidays = new ArrayList<>();
        Map<LocalDate, String> off = new HashMap<>();
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
            holidays.add(new HolidayYear.Holiday(name, from, to));
        }
        List<HolidayYear.Workday> workdays = new ArrayList<>();
        for (Map<?, ?> workday : entries(root.get("workdays"), fileName, "workdays")) {
            String name = workday.get("name") == null ? "调休上班" : workday.get("name").toString();
            LocalDate day = date(workday.get("date"), fileName, name);
            requireYear(day, year, fileName, name);
            if (off.containsKey(day)) {
                throw invalid(fileName, day + " is both a day off (" + off.get(day) + ") and a working day");
            }
            workdays.add(new HolidayYear.Workday(day, name));
        }
        Object source = root.get("source");
        return HolidayYear.of(year, source == null ? "" : source.toString(), holidays, workdays);
    }

    private static List<Map<?, ?>> entries(Object value, String file, String key) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(file, key + " must be a list");
        }
        List<Map<?, ?>> entries = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw invalid(file, key + " entries must be mappings");
            }
            entries.add(map);
        }
        return entries;
    }

    private static LocalDate date(Object value, String file, String entry) {
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
