package org.zhaoshang.unitreport;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.StaffProfile;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiException;

/**
 * The reports the units owe: opened for every unit that brings projects when a period begins, drafted by the unit's
 * officer (the ledger's facts filled in), approved by the unit's head (本单位主要负责人审定, policy 002) — or, where the unit
 * has no head on record, the officer's supervisor — and received by 合作交流办. Who may read one: its unit, and those who
 * see the whole district.
 */
@Service
public class UnitReportService {

    private final UnitReportRecords records;
    private final ReportContent content;
    private final OrgDirectory directory;
    private final WorkingDayCalendar calendar;

    UnitReportService(UnitReportRecords records, ReportContent content, OrgDirectory directory, WorkingDayCalendar calendar) {
        this.records = records;
        this.content = content;
        this.directory = directory;
        this.calendar = calendar;
    }

    /**
     * Opens, for every unit that brings projects (streets, parks, industry departments), each kind's current period (this
     * week; last month, quarter and year) that is not open yet and not already past its due day: a reporting day the
     * system missed (a node down on Monday) is caught up by the next firing, and a new installation is not handed
     * reports that were due before it existed. Returns the ids opened, for this instance's sub-processes.
     */
    @Transactional
    public List<Long> openDue(String processInstanceId) {
        LocalDate today = LocalDate.ofInstant(calendar.now(), calendar.zone());
        List<Long> opened = new java.util.ArrayList<>();
        for (ReportKind kind : ReportKind.values()) {
            ReportPeriod period = ReportPeriod.of(kind, today, calendar);
            if (period.due().isBefore(today)) {
                continue;
            }
            for (OrgUnit unit : directory.projectUnits()) {
                records.open(period, unit.code(), processInstanceId).ifPresent(opened::add);
            }
        }
        return opened;
    }

    /** The head who approves the unit's reports: the unit's head, else the drafting officer's supervisor. */
    Optional<String> approverFor(String unit, String officer) {
        Optional<String> head = directory.findUnit(unit).map(OrgUnit::headUserId).filter(h -> !h.equals(officer));
        return head.or(() -> directory.findProfile(officer).map(StaffProfile::supervisorId));
    }

    /** The officer's draft: every required field of the kind, the ledger's rows as they are now; then it waits for the head. */
    void draft(UnitReportRecords.Report report, Map<String, String> values, String officer) {
        String approver = approverFor(report.unit(), officer).orElseThrow(() -> new TaskInputRejected(
                "本单位未设置主要负责人，报送材料无人审定：请管理员在组织设置中指定" + directory.unitName(report.unit()) + "的负责人"));
        Map<String, String> kept = new LinkedHashMap<>();
        for (ReportContent.Field field : ReportContent.fields(report.kind())) {
            String value = values.get(field.key());
            if (field.required() && (value == null || value.isBlank())) {
                throw new TaskInputRejected("请填写" + field.label());
            }
            kept.put(field.key(), value == null ? "" : value.strip());
        }
        List<ReportContent.LedgerRow> ledger = report.kind() == ReportKind.MONTHLY
                ? content.ledger(report.unit(), report.periodStart(), report.periodEnd()) : List.of();
        records.drafted(report.id(), content.toJson(kept), content.toJson(ledger), approver, officer);
    }

    /** The report for a reader, or 404 when it does not exist or is not theirs to read. */
    public UnitReportRecords.Report get(long id, StaffUser user) {
        UnitReportRecords.Report report = records.find(id).orElseThrow(() -> ApiException.notFound("报送材料不存在：" + id));
        if (!mayRead(report, user)) {
            throw ApiException.notFound("报送材料不存在：" + id);
        }
        return report;
    }

    public boolean mayRead(UnitReportRecords.Report report, StaffUser user) {
        return user.seesWholeDistrict() || user.isAdmin() || user.projectUnitIds().contains(report.unit());
    }

    /** The report as people read it. */
    public ReportView view(UnitReportRecords.Report report) {
        return ReportView.of(report, content.contentOf(report), content.ledgerOf(report), directory.unitNames(), directory::personName,
                LocalDate.ofInstant(calendar.now(), calendar.zone()), calendar.zone());
    }

    /** A list's rows: without the content (the list shows names, dates and whether it came late). */
    public ReportView row(UnitReportRecords.Report report) {
        return ReportView.of(report, Map.of(), List.of(), directory.unitNames(), directory::personName,
                LocalDate.ofInstant(calendar.now(), calendar.zone()), calendar.zone());
    }

    /** The reports a person may read: all for the district's offices, their own units' for the others. */
    public List<UnitReportRecords.Report> list(StaffUser user, ReportKind kind, ReportStatus status, String unit, int limit) {
        List<String> units;
        if (user.seesWholeDistrict() || user.isAdmin()) {
            units = unit == null || unit.isBlank() ? List.of() : List.of(unit);
        } else {
            units = unit == null || unit.isBlank() ? user.projectUnitIds() : user.projectUnitIds().stream().filter(unit::equals).toList();
            if (units.isEmpty()) {
                return List.of();
            }
        }
        return records.list(units, kind, status, limit);
    }
}
