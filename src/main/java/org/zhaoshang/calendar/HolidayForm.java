package org.zhaoshang.calendar;

import java.util.ArrayList;
import java.util.List;

/**
 * The holiday page's form: text as typed, so a refused form comes back exactly as entered; blank rows are
 * not entries. Either the rows or the pasted YAML is submitted.
 */
public class HolidayForm {

    public static class RangeRow {
        private String name = "";
        private String from = "";
        private String to = "";

        public String getName() { return name; }
        public void setName(String name) { this.name = name == null ? "" : name; }
        public String getFrom() { return from; }
        public void setFrom(String from) { this.from = from == null ? "" : from; }
        public String getTo() { return to; }
        public void setTo(String to) { this.to = to == null ? "" : to; }
    }

    public static class DayRow {
        private String date = "";
        private String name = "";

        public String getDate() { return date; }
        public void setDate(String date) { this.date = date == null ? "" : date; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name == null ? "" : name; }
    }

    static final int RANGE_ROWS = 10;
    static final int DAY_ROWS = 8;

    private String source = "";
    private List<RangeRow> holidays = new ArrayList<>();
    private List<DayRow> workdays = new ArrayList<>();
    private String yaml = "";

    /** The form filled with a year's data (to correct it), or empty; with blank rows to add entries. */
    static HolidayForm of(HolidayInput input, String yaml) {
        HolidayForm form = new HolidayForm();
        form.source = input.source() == null ? "" : input.source();
        input.holidays().forEach(h -> {
            RangeRow row = new RangeRow();
            row.setName(h.name());
            row.setFrom(h.from());
            row.setTo(h.to());
            form.holidays.add(row);
        });
        input.workdays().forEach(w -> {
            DayRow row = new DayRow();
            row.setDate(w.date());
            row.setName(w.name());
            form.workdays.add(row);
        });
        form.yaml = yaml == null ? "" : yaml;
        form.padRows();
        return form;
    }

    /** Blank rows to add entries: at least two, and the form's usual length. */
    void padRows() {
        int rangeRows = Math.max(RANGE_ROWS, holidays.size() + 2);
        while (holidays.size() < rangeRows) {
            holidays.add(new RangeRow());
        }
        int dayRows = Math.max(DAY_ROWS, workdays.size() + 2);
        while (workdays.size() < dayRows) {
            workdays.add(new DayRow());
        }
    }

    HolidayInput toInput() {
        return new HolidayInput(source,
                holidays.stream().map(r -> new HolidayInput.Range(r.getName(), r.getFrom(), r.getTo())).toList(),
                workdays.stream().map(d -> new HolidayInput.Day(d.getDate(), d.getName())).toList());
    }

    public String getSource() { return source; }
    public void setSource(String source) { this.source = source == null ? "" : source; }
    public List<RangeRow> getHolidays() { return holidays; }
    public void setHolidays(List<RangeRow> holidays) { this.holidays = holidays == null ? new ArrayList<>() : holidays; }
    public List<DayRow> getWorkdays() { return workdays; }
    public void setWorkdays(List<DayRow> workdays) { this.workdays = workdays == null ? new ArrayList<>() : workdays; }
    public String getYaml() { return yaml; }
    public void setYaml(String yaml) { this.yaml = yaml == null ? "" : yaml; }
}
