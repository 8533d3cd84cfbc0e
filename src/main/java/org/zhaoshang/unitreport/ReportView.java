package org.zhaoshang.unitreport;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A report as people read it: names instead of ids, the officer's fields by label, the ledger's rows, and whether it came
 * late ({@link #late}: sent after its due day) or is overdue now ({@link #overdue}: not sent and its due day has passed).
 */
public record ReportView(UnitReportRecords.Report report, String unitName, String draftedByName, String approverName, String approvedByName,
        String receivedByName, List<Section> sections, List<ReportContent.LedgerRow> ledger, boolean late, boolean overdue) {

    /** A field of the officer's and its text. */
    public record Section(String label, String text) {

        /** One entry per line, for the tables of the 跟踪反馈单 and 服务清单. */
        public List<String> lines() {
            return text == null || text.isBlank() ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }

    static ReportView of(UnitReportRecords.Report report, Map<String, String> content, List<ReportContent.LedgerRow> ledger,
            java.util.function.Function<String, String> unitNames, java.util.function.Function<String, String> personNames, LocalDate today,
            ZoneId zone) {
        List<Section> sections = ReportContent.fields(report.kind()).stream()
                .map(f -> new Section(f.label(), content.getOrDefault(f.key(), ""))).toList();
        return new ReportView(report, unitNames.apply(report.unit()), personNames.apply(report.draftedBy()), personNames.apply(report.approver()),
                personNames.apply(report.approvedBy()), personNames.apply(report.receivedBy()), sections, ledger,
                late(report.approvedAt(), report.dueDate(), zone), report.approvedAt() == null && today.isAfter(report.dueDate()));
    }

    static boolean late(OffsetDateTime sent, LocalDate due, ZoneId zone) {
        return sent != null && sent.atZoneSameInstant(zone).toLocalDate().isAfter(due);
    }

    /** e.g. "金钟街道 2026年9月 月度报表（情况表、跟踪反馈单、服务清单）". */
    public String title() {
        return unitName + " " + report.title() + " " + report.kind().label();
    }

    public String statusLabel() {
        return report.status().label();
    }
}
