package org.zhaoshang.unitreport;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/** The units' reports as JSON: the list a person may read, and one report with its content, approval and steps. */
@RestController
@RequestMapping("/api/reports")
class UnitReportController {

    private final UnitReportService reports;
    private final UnitReportRecords records;

    UnitReportController(UnitReportService reports, UnitReportRecords records) {
        this.reports = reports;
        this.records = records;
    }

    @GetMapping
    List<Map<String, Object>> list(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String status, @RequestParam(required = false) String unit) {
        ReportKind k = kind == null || kind.isBlank() ? null : Labelled.parse(ReportKind.class, kind)
                .orElseThrow(() -> ApiException.badField("kind", "报送类型须为 WEEKLY、MONTHLY、QUARTERLY 或 ANNUAL"));
        ReportStatus s = status == null || status.isBlank() ? null : Labelled.parse(ReportStatus.class, status)
                .orElseThrow(() -> ApiException.badField("status", "状态须为 OPEN、AWAITING_APPROVAL、RETURNED、SUBMITTED 或 RECEIVED"));
        return reports.list(user, k, s, unit, UnitReportPages.LIST_LIMIT).stream().map(r -> summary(reports.row(r))).toList();
    }

    @GetMapping("/{id}")
    Map<String, Object> one(@AuthenticationPrincipal StaffUser user, @PathVariable long id) {
        ReportView view = reports.view(reports.get(id, user));
        Map<String, Object> body = new java.util.LinkedHashMap<>(summary(view));
        body.put("sections", view.sections());
        body.put("ledger", view.ledger());
        body.put("events", records.events(id));
        return body;
    }

    private static Map<String, Object> summary(ReportView view) {
        UnitReportRecords.Report r = view.report();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", r.id());
        m.put("kind", r.kind().name());
        m.put("kindLabel", r.kind().label());
        m.put("period", r.periodLabel());
        m.put("title", view.title());
        m.put("unit", r.unit());
        m.put("unitName", view.unitName());
        m.put("dueDate", r.dueDate());
        m.put("status", r.status().name());
        m.put("statusLabel", r.status().label());
        m.put("approvedBy", r.approvedBy());
        m.put("approvedByName", view.approvedByName());
        m.put("approvedAt", r.approvedAt());
        m.put("receivedAt", r.receivedAt());
        m.put("late", view.late());
        m.put("overdue", view.overdue());
        return m;
    }
}
