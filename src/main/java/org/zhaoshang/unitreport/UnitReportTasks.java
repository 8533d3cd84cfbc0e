package org.zhaoshang.unitreport;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.CompletingTask;
import org.zhaoshang.engine.ProcessTasks;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskOwner;
import org.zhaoshang.engine.TaskRules;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.unitreport.UnitReportProcess.ApprovalDecision;
import org.zhaoshang.unitreport.UnitReportProcess.ReceiptDecision;

/**
 * The user tasks of 单位报送: the unit's officer drafts (the ledger's facts filled in, the last return's reason shown), the
 * head named on the report approves or sends it back with a reason, 合作交流办 signs for it or sends it back for 补正.
 */
@Component
class UnitReportTasks implements ProcessTasks {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");
    /** Every field of every kind: each task keeps its own copy (one sub-process per unit runs in parallel). */
    private static final List<String> ALL_FIELDS = ReportContent.FIELDS.values().stream().flatMap(List::stream).map(ReportContent.Field::key)
            .distinct().toList();

    private final UnitReportService reports;
    private final UnitReportRecords records;
    private final ReportContent content;
    private final OrgDirectory directory;

    UnitReportTasks(UnitReportService reports, UnitReportRecords records, ReportContent content, OrgDirectory directory) {
        this.reports = reports;
        this.records = records;
        this.content = content;
        this.directory = directory;
    }

    @Override
    public String processKey() {
        return UnitReportProcess.PROCESS_KEY;
    }

    @Override
    public void define(TaskRules rules) {
        rules.task(UnitReportProcess.TASK_DRAFT).onCreate(this::prepareDraft).completes(this::draft);
        rules.task(UnitReportProcess.TASK_APPROVE)
                .belongsTo(TaskOwner.person(task -> (String) task.getVariable(UnitReportProcess.REPORT_APPROVER),
                        (name, task) -> "报送材料须经本单位主要负责人（" + name + "）审定"))
                .onCreate(this::summarise).completes(this::approve);
        rules.task(UnitReportProcess.TASK_RECEIVE).onCreate(this::summarise).completes(this::receive);
    }

    /** The form opens with the last draft (after a return) or the ledger's facts, and says why it came back. */
    private void prepareDraft(DelegateTask task) {
        UnitReportRecords.Report report = report(task);
        List<ReportContent.LedgerRow> ledger = report.kind() == ReportKind.MONTHLY
                ? content.ledger(report.unit(), report.periodStart(), report.periodEnd()) : List.of();
        Map<String, String> values = new LinkedHashMap<>();
        ALL_FIELDS.forEach(key -> values.put(key, ""));
        if (report.content() != null) {
            values.putAll(content.contentOf(report));
        } else {
            // The period's figures open the quarterly and annual reports only.
            boolean summary = report.kind() == ReportKind.QUARTERLY || report.kind() == ReportKind.ANNUAL;
            values.putAll(content.prefill(report.kind(), ledger, summary ? content.figures(report.unit(), report.periodStart(), report.periodEnd())
                    : null, report.title()));
        }
        // On the task's own execution (a scope, for its timers), where Tasklist's submission writes them back: a variable
        // local to the task would shadow what the officer submits, a process variable would be shared by every unit.
        values.forEach(task.getExecution()::setVariableLocal);
        task.setVariableLocal(UnitReportProcess.REPORT_KIND, report.kind().name());
        task.setVariableLocal(UnitReportProcess.REPORT_HEADING, heading(report));
        task.setVariableLocal(UnitReportProcess.RETURN_NOTE, records.lastReturn(report.id())
                .map(e -> "**" + e.label() + "**（" + directory.personName(e.actor()) + "）：" + e.note()).orElse(""));
        task.setVariableLocal(UnitReportProcess.REPORT_SUMMARY, ledgerSummary(report, ledger));
    }

    private void summarise(DelegateTask task) {
        UnitReportRecords.Report report = report(task);
        task.setVariableLocal(UnitReportProcess.REPORT_HEADING, heading(report));
        Map<String, String> values = content.contentOf(report);
        String text = ReportContent.fields(report.kind()).stream()
                .map(f -> "**" + f.label() + "**  \n" + values.getOrDefault(f.key(), "").replace("\n", "  \n"))
                .collect(Collectors.joining("\n\n"));
        task.setVariableLocal(UnitReportProcess.REPORT_SUMMARY, text + "\n\n起草：" + directory.personName(report.draftedBy())
                + "　[查看完整材料与下载](/reports/" + report.id() + ")");
    }

    private String heading(UnitReportRecords.Report report) {
        return "%s %s %s（报送截止 %s）".formatted(directory.unitName(report.unit()), report.title(), report.kind().label(),
                DAY.format(report.dueDate()));
    }

    private static String ledgerSummary(UnitReportRecords.Report report, List<ReportContent.LedgerRow> rows) {
        if (report.kind() != ReportKind.MONTHLY) {
            return "";
        }
        if (rows.isEmpty()) {
            return "台账中本单位本月没有在推进的项目，《重点招商项目情况表》为空表。";
        }
        return "《重点招商项目情况表》由台账生成（提交时按台账最新数据定稿）：  \n" + rows.stream()
                .map(r -> "- %s %s｜%s｜%s万元%s".formatted(r.code(), r.name(), r.stage(), r.totalInvestment().stripTrailingZeros().toPlainString(),
                        r.progress().isEmpty() ? "" : "｜本月：" + r.progress()))
                .collect(Collectors.joining("  \n"));
    }

    private void draft(CompletingTask task) {
        UnitReportRecords.Report report = report(task.task());
        Map<String, String> values = new LinkedHashMap<>();
        for (ReportContent.Field field : ReportContent.fields(report.kind())) {
            values.put(field.key(), task.form().text(field.key()));
        }
        reports.draft(report, values, task.actor());
    }

    private void approve(CompletingTask task) {
        UnitReportRecords.Report report = report(task.task());
        ApprovalDecision decision = task.form().choice(UnitReportProcess.APPROVAL_DECISION, ApprovalDecision.class, "请选择审定同意或退回修改");
        String note = task.form().text(UnitReportProcess.APPROVAL_NOTE);
        if (decision == ApprovalDecision.RETURN) {
            if (note == null) {
                throw new TaskInputRejected("退回修改须写明原因");
            }
            records.returnedByHead(report.id(), task.actor(), note);
        } else {
            records.approved(report.id(), task.actor(), note);
        }
    }

    private void receive(CompletingTask task) {
        UnitReportRecords.Report report = report(task.task());
        ReceiptDecision decision = task.form().choice(UnitReportProcess.RECEIPT_DECISION, ReceiptDecision.class, "请选择签收或退回补正");
        String note = task.form().text(UnitReportProcess.RECEIPT_NOTE);
        if (decision == ReceiptDecision.RETURN) {
            if (note == null) {
                throw new TaskInputRejected("退回补正须写明需要补正的内容");
            }
            records.returnedByOffice(report.id(), task.actor(), note);
        } else {
            records.received(report.id(), task.actor(), note);
        }
    }

    private UnitReportRecords.Report report(DelegateTask task) {
        long id = ((Number) task.getVariable(UnitReportProcess.REPORT_ID)).longValue();
        return records.find(id).orElseThrow(() -> new IllegalStateException("no report " + id));
    }
}
