package org.zhaoshang.unitreport;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.Downloads;
import org.zhaoshang.system.Labelled;

/** 单位报送 (navigation): the reports a person may read, each as a page, an Excel workbook and a PDF. */
@Controller
class UnitReportPages {

    static final int LIST_LIMIT = 300;

    private final UnitReportService reports;
    private final UnitReportRecords records;
    private final UnitReportExport export;
    private final OrgDirectory directory;

    UnitReportPages(UnitReportService reports, UnitReportRecords records, UnitReportExport export, OrgDirectory directory) {
        this.reports = reports;
        this.records = records;
        this.export = export;
        this.directory = directory;
    }

    @GetMapping("/reports")
    String list(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) String kind, @RequestParam(required = false) String status,
            @RequestParam(required = false) String unit, Model model) {
        ReportKind k = Labelled.parse(ReportKind.class, kind).orElse(null);
        ReportStatus s = Labelled.parse(ReportStatus.class, status).orElse(null);
        List<ReportView> rows = reports.list(user, k, s, unit, LIST_LIMIT).stream().map(reports::row).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("kinds", ReportKind.values());
        model.addAttribute("statuses", ReportStatus.values());
        model.addAttribute("kind", k);
        model.addAttribute("status", s);
        model.addAttribute("unit", unit);
        model.addAttribute("units", user.seesWholeDistrict() || user.isAdmin() ? directory.projectUnits()
                : directory.projectUnits().stream().filter(u -> user.projectUnitIds().contains(u.code())).toList());
        model.addAttribute("limited", rows.size() == LIST_LIMIT);
        return "reports/list";
    }

    @GetMapping("/reports/{id}")
    String page(@AuthenticationPrincipal StaffUser user, @PathVariable long id, Model model) {
        ReportView view = reports.view(reports.get(id, user));
        model.addAttribute("view", view);
        model.addAttribute("events", records.events(id));
        model.addAttribute("approval", export.approval(view));
        return "reports/detail";
    }

    @GetMapping("/reports/{id}.xlsx")
    ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal StaffUser user, @PathVariable long id) throws Exception {
        ReportView view = reports.view(reports.get(id, user));
        return Downloads.attachment(export.xlsx(view), fileName(view, ".xlsx"), Downloads.XLSX);
    }

    @GetMapping("/reports/{id}.pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal StaffUser user, @PathVariable long id) throws Exception {
        ReportView view = reports.view(reports.get(id, user));
        return Downloads.attachment(export.pdf(view), fileName(view, ".pdf"), MediaType.APPLICATION_PDF);
    }

    private static String fileName(ReportView view, String suffix) {
        return view.title().replace(' ', '-') + suffix;
    }
}
