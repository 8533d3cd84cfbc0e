package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.Times;

/**
 * 后评价 across projects (policy 001: "从项目落地到运营五年的时间内，持续统计固投、就业、产值、税收等指标，定期
 * 出具分析报告"): the yearly cross-project report for the district's leaders — per project and in total, the agreement's plan against
 * the reported actual, shortfalls beyond {@code app.agreement.shortfall-threshold} flagged, reports still due.
 * A statistics year is the calendar year in which an evaluation year ends ({@code post_evaluation_report.report_year});
 * the tax each report gives for its statistics year counts in the rankings through {@code briefing.TaxFigures}.
 */
@Service
public class PostEvaluationQuery {

    /** One indicator of a report (固投、就业、产值、税收): the agreement's target (null: none), the actual, the gap. */
    public record Indicator(String name, String unit, BigDecimal target, BigDecimal actual, BigDecimal shortfallPercent, boolean flagged) {
    }

    public record ProjectRow(String projectCode, String projectName, String hostUnit, String industry, String department,
            String landedOn, int yearNo, String period, List<Indicator> indicators, boolean flagged, String note, String reportedBy,
            String reportedOn) {
    }

    /** A report the department still owes (its task is open). */
    public record PendingRow(String projectCode, String projectName, String department, int yearNo, String openedOn, String dueOn,
            boolean overdue) {
    }

    public record YearReport(int year, List<ProjectRow> rows, List<Indicator> totals, long flaggedProjects, List<PendingRow> pending,
            BigDecimal threshold, List<Integer> years) {
    }

    static final List<String> INDICATORS = List.of("固投", "就业", "产值", "税收");
    static final List<String> UNITS = List.of("万元", "人", "万元", "万元");

    private final JdbcClient jdbc;
    private final AgreementRecords records;
    private final ProjectService projects;
    private final OrgDirectory directory;
    private final TaskService taskService;
    private final AgreementProperties properties;
    private final java.time.Clock clock;

    PostEvaluationQuery(JdbcClient jdbc, AgreementRecords records, ProjectService projects, OrgDirectory directory, TaskService taskService,
            AgreementProperties properties, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.projects = projects;
        this.directory = directory;
        this.taskService = taskService;
        this.properties = properties;
        this.clock = clock;
    }

    /** The yearly report: every 后评价 of the statistics year with plan vs actual, the totals, and what is still due. */
    public YearReport yearReport(int year) {
        List<ProjectRow> rows = new ArrayList<>();
        BigDecimal[] targetSums = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        BigDecimal[] actualOfTargeted = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        BigDecimal[] actualSums = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        for (AgreementRecords.EvaluationReport r : records.evaluationsOfYear(year)) {
            InvestmentProject project = projects.find(r.projectCode()).orElse(null);
            AgreementRecords.Agreement agreement = records.agreement(r.agreementId()).orElseThrow();
            List<EvaluationComparison.Line> lines = EvaluationComparison.compare(records.milestones(r.agreementId()),
                    Times.localDate(r.reportedAt()), Map.of(MilestoneType.FIXED_ASSET_INVESTMENT, r.fixedAssetInvestment(),
                            MilestoneType.ANNUAL_JOBS, BigDecimal.valueOf(r.jobs()), MilestoneType.ANNUAL_OUTPUT, r.outputValue(),
                            MilestoneType.ANNUAL_TAX, r.tax()), properties.shortfallThreshold());
            List<Indicator> indicators = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                EvaluationComparison.Line line = lines.get(i);
                indicators.add(new Indicator(line.indicator(), UNITS.get(i), line.target(), line.actual(),
                        line.shortfall() == null ? null : line.shortfall().movePointRight(2).setScale(1, RoundingMode.HALF_UP), line.flagged()));
                actualSums[i] = actualSums[i].add(line.actual());
                if (line.target() != null) {
                    targetSums[i] = targetSums[i].add(line.target());
                    actualOfTargeted[i] = actualOfTargeted[i].add(line.actual());
                }
            }
            rows.add(new ProjectRow(r.projectCode(), project == null ? "" : project.name(),
                    project == null ? "" : directory.unitName(project.hostUnit()), project == null ? "" : project.industry().label(),
                    directory.findProfile(r.reportedBy()).map(p -> directory.unitName(p.unitCode())).orElse(""),
                    agreement.landedOn() == null ? "" : agreement.landedOn().toString(), r.yearNo(),
                    r.periodStart() == null ? Integer.toString(r.reportYear()) : r.periodStart() + " 至 " + r.periodEnd(), indicators,
                    r.shortfallFlagged(), r.note(), directory.personName(r.reportedBy()), Times.localDate(r.reportedAt()).toString()));
        }
        List<Indicator> totals = new ArrayList<>();
        for (int i = 0; i < INDICATORS.size(); i++) {
            BigDecimal shortfall = targetSums[i].signum() == 0 ? null
                    : targetSums[i].subtract(actualOfTargeted[i]).max(BigDecimal.ZERO).divide(targetSums[i], 4, RoundingMode.HALF_UP);
            totals.add(new Indicator(INDICATORS.get(i), UNITS.get(i), targetSums[i].signum() == 0 ? null : targetSums[i], actualSums[i],
                    shortfall == null ? null : shortfall.movePointRight(2).setScale(1, RoundingMode.HALF_UP),
                    shortfall != null && shortfall.compareTo(properties.shortfallThreshold()) > 0));
        }
        List<Integer> years = new ArrayList<>(records.evaluationYears());
        int current = LocalDate.now(clock).getYear();
        if (!years.contains(current)) {
            years.add(0, current);
        }
        return new YearReport(year, rows, totals, rows.stream().filter(ProjectRow::flagged).count(), pending(year),
                properties.shortfallThreshold(), years);
    }

    /** Open 报送后评价指标 tasks whose evaluation year ends in {@code year}. */
    private List<PendingRow> pending(int year) {
        List<PendingRow> pending = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        for (Task task : taskService.createTaskQuery().taskDefinitionKey(AgreementProcess.TASK_EVALUATE).orderByTaskCreateTime().asc()
                .unlimitedList()) {
            AgreementRecords.Agreement agreement = jdbc.sql("SELECT id FROM agreement WHERE process_instance_id = :pi")
                    .param("pi", task.getProcessInstanceId()).query(Long.class).optional().flatMap(records::agreement).orElse(null);
            if (agreement == null) {
                continue;
            }
            int yearNo = records.evaluations(agreement.id()).size() + 1;
            LocalDate opened = Times.localDate(task.getCreateTime().toInstant().atOffset(java.time.ZoneOffset.UTC));
            LocalDate periodEnd = agreement.landedOn() != null ? agreement.landedOn().plusYears(yearNo).minusDays(1) : opened.minusDays(1);
            if (periodEnd.getYear() != year) {
                continue;
            }
            LocalDate due = task.getDueDate() == null ? null : Times.localDate(task.getDueDate().toInstant().atOffset(java.time.ZoneOffset.UTC));
            String department = task.getAssignee() != null ? directory.findProfile(task.getAssignee()).map(p -> directory.unitName(p.unitCode())).orElse("")
                    : taskService.getIdentityLinksForTask(task.getId()).stream().filter(l -> l.getGroupId() != null)
                            .map(l -> directory.unitName(l.getGroupId())).findFirst().orElse("");
            pending.add(new PendingRow(agreement.projectCode(), projects.find(agreement.projectCode()).map(InvestmentProject::name).orElse(""),
                    department, yearNo, opened.toString(), due == null ? "" : due.toString(), due != null && due.isBefore(today)));
        }
        return pending;
    }
}
