package org.zhaoshang.calendar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.zhaoshang.system.ApiException;

/**
 * The holiday file format as text: written for a year (what the database stores, what the page offers to
 * copy into a file) and read from what an administrator pastes, with Chinese messages for every mistake.
 */
final class HolidayYaml {

    static final String FIELD = "yaml";
    static final int MAX_LENGTH = 20_000;

    private static final Set<String> ROOT_KEYS = Set.of("year", "source", "holidays", "workdays");
    private static final Set<String> HOLIDAY_KEYS = Set.of("name", "from", "to");
    private static final Set<String> WORKDAY_KEYS = Set.of("date", "name");

    private HolidayYaml() {
    }

    /** The year in the format of the shipped files ({@code holidays/2026.yaml}); names always quoted. */
    static String write(HolidayYear year) {
        StringBuilder text = new StringBuilder();
        text.append("# ").append(year.year()).append(" 年部分节假日安排。holidays: 放假日期（含首尾）；workdays: 调休上班的周末。\n");
        text.append("year: ").append(year.year()).append('\n');
        text.append("source: ").append(quote(year.source())).append('\n');
        text.append(year.holidays().isEmpty() ? "holidays: []\n" : "holidays:\n");
        year.holidays().forEach(h -> text.append("  - { name: ").append(quote(h.name())).append(", from: ").append(h.from())
                .append(", to: ").append(h.to()).append(" }\n"));
        text.append(year.workdays().isEmpty() ? "workdays: []\n" : "workdays:\n");
        year.workdays().forEach(w -> text.append("  - { date: ").append(w.date()).append(", name: ").append(quote(w.name())).append(" }\n"));
        return text.toString();
    }

    /** A year without entries, with the entries' format in comments: a start for pasting, never guessed dates. */
    static String skeleton(int year) {
        return "# " + year + " 年部分节假日安排：按国务院办公厅通知逐项填写后保存。\n"
                + "# holidays 每项：  - { name: 春节, from: " + year + "-MM-DD, to: " + year + "-MM-DD }（放假日期，含首尾）\n"
                + "# workdays 每项：  - { date: " + year + "-MM-DD, name: 春节调休 }（调休上班的周六或周日）\n"
                + "year: " + year + "\n"
                + "source: " + quote("国务院办公厅关于" + year + "年部分节假日安排的通知") + "\n"
                + "holidays: []\n"
                + "workdays: []\n";
    }

    /** What an administrator pasted for {@code year}: refused with a Chinese message unless it has the file's shape. */
    static HolidayInput read(String text, int year) {
        if (HolidayInput.isBlank(text)) {
            throw ApiException.badField(FIELD, "请粘贴节假日安排（格式同内置文件 holidays/2026.yaml）");
        }
        if (text.length() > MAX_LENGTH) {
            throw ApiException.badField(FIELD, "粘贴的内容过长（不能超过" + MAX_LENGTH + "个字符）");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(10);
        Object loaded;
        try {
            loaded = HolidayFileReader.yaml(options).load(text);
        } catch (YAMLException e) {
            String reason = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw ApiException.badField(FIELD, "粘贴的内容不是有效的 YAML（" + reason + "），请对照内置文件的格式检查缩进、冒号和括号");
        }
        if (!(loaded instanceof Map<?, ?> root)) {
            throw ApiException.badField(FIELD, "粘贴的内容须包含 year、source、holidays、workdays 几项（格式同内置文件）");
        }
        requireKeys(root, ROOT_KEYS, "");
        Object pastedYear = root.get("year");
        if (pastedYear != null && !String.valueOf(pastedYear).trim().equals(Integer.toString(year))) {
            throw ApiException.badField(FIELD, "粘贴内容的年份（" + pastedYear + "）与所选年份（" + year + "）不一致");
        }
        List<HolidayInput.Range> holidays = new ArrayList<>();
        for (Map<?, ?> entry : entries(root.get("holidays"), "holidays", "节假日")) {
            requireKeys(entry, HOLIDAY_KEYS, "节假日中");
            holidays.add(new HolidayInput.Range(scalar(entry.get("name"), "节假日名称"), scalar(entry.get("from"), "节假日开始日期"),
                    scalar(entry.get("to"), "节假日结束日期")));
        }
        List<HolidayInput.Day> workdays = new ArrayList<>();
        for (Map<?, ?> entry : entries(root.get("workdays"), "workdays", "调休上班日")) {
            requireKeys(entry, WORKDAY_KEYS, "调休上班日中");
            workdays.add(new HolidayInput.Day(scalar(entry.get("date"), "调休上班日日期"), scalar(entry.get("name"), "调休上班日名称")));
        }
        return new HolidayInput(scalar(root.get("source"), "依据"), holidays, workdays);
    }

    private static List<Map<?, ?>> entries(Object value, String key, String what) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw ApiException.badField(FIELD, key + " 须为列表（每项以“- ”开头）");
        }
        List<Map<?, ?>> entries = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw ApiException.badField(FIELD, "每个" + what + "须写成 { … } 形式（格式同内置文件）：" + item);
            }
            entries.add(map);
        }
        return entries;
    }

    private static void requireKeys(Map<?, ?> map, Set<String> allowed, String where) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw ApiException.badField(FIELD, where + "有无法识别的项：" + key + "（可用：" + String.join("、", allowed.stream().sorted().toList()) + "）");
            }
        }
    }

    private static String scalar(Object value, String what) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw ApiException.badField(FIELD, what + "须为文字或日期，不能是列表或嵌套内容");
        }
        return value.toString();
    }

    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : (value == null ? "" : value).toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
