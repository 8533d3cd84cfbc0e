package org.zhaoshang.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StreamUtils;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.Industry;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/**
 * 瓶颈分析: where projects get stuck, per process and step — waiting now, overdue now, escalated,
 * completed in the period and how long it took (mean, median, 90th percentile; waiting to be claimed
 * vs being worked on), also per department, host unit and industry; the overdue tasks of a step; a
 * step's weekly medians. Every figure is limited to what the person may see ({@link Scope}).
 */
@Service
public class DashboardService {

    public record Stats(Double mean, Double median, Double p90) {
    }

    public record Figures(String group, String label, long waiting, long overdue, long escalatedLevel1, long escalatedLevel2,
            long completed, Stats totalHours, Stats waitHours, Stats workHours) {
    }

    public record Bottlenecks(String process, String processName, Integer version, List<Integer> versions, LocalDate from, LocalDate to,
            String groupBy, List<Figures> rows) {
    }

    public record OverdueItem(String taskId, String taskName, String projectCode, String projectName, String holder, String dueAt,
            int workingDaysOverdue, String link) {
    }

    public record WeekPoint(LocalDate weekStart, long completed, Double medianHours) {
    }

    public record ProcessChoice(String key, String name) {
    }

    static final int MAX_DAYS = 5 * 366;

    private final BottleneckQueries queries;
    private final RepositoryService repository;
    private final OrgDirectory directory;
    private final ProjectService projects;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    DashboardService(BottleneckQueries queries, RepositoryService repository, OrgDirectory directory, ProjectService projects,
            WorkingDayCalendar calendar, Clock clock) {
        this.queries = queries;
        this.repository = repository;
        this.directory = directory;
        this.projects = projects;
        this.calendar = calendar;
        this.clock = clock;
    }

    public List<ProcessChoice> processes() {
        return repository.createProcessDefinitionQuery().latestVersion().unlimitedList().stream()
                .filter(d -> d.getName() != null && d.getName().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .sorted(Comparator.comparing(ProcessDefinition::getKey))
                .map(d -> new ProcessChoice(d.getKey(), d.getName())).toList();
    }

    /** Checks and completes a filter (defaults: the last 90 days); refuses with Chinese messages. */
    public DashboardFilter filter(String process, Integer version, LocalDate from, LocalDate to, String industry, String chain,
            String unit, Boolean keyOnly, StaffUser user) {
        if (process == null || process.isBlank()) {
            throw ApiException.badField("process", "请选择流程");
        }
        if (repository.createProcessDefinitionQuery().processDefinitionKey(process).count() == 0) {
            throw ApiException.badField("process", "流程不存在：" + process);
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.systemDefault()));
        LocalDate end = to == null ? today : to;
        LocalDate start = from == null ? end.minusDays(89) : from;
        if (start.isAfter(end)) {
            throw ApiException.badField("from", "开始日期不能晚于结束日期");
        }
        if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
            throw ApiException.badField("from", "统计期间不能超过5年");
        }
        String industryCode = null;
        if (industry != null && !industry.isBlank()) {
            industryCode = Labelled.parse(Industry.class, industry)
                    .orElseThrow(() -> ApiException.badField("industry", "产业不存在：" + industry)).name();
        }
        String chainCode = null;
        if (chain != null && !chain.isBlank()) {
            chainCode = Labelled.parse(Industry.class, chain).filter(Industry.CHAINS::contains)
                    .orElseThrow(() -> ApiException.badField("chain", "产业链不存在：" + chain)).name();
        }
        String unitCode = unit == null || unit.isBlank() ? null : unit.trim();
        if (unitCode != null && !Scope.of(user).mayFilterByUnit(unitCode)) {
            throw ApiException.forbidden("只能查看本单位的统计");
        }
        return new DashboardFilter(process, version, start, end, industryCode, chainCode, unitCode, Boolean.TRUE.equals(keyOnly));
    }

    @Transactional(readOnly = true)
    public Bottlenecks bottlenecks(DashboardFilter filter, String groupBy, StaffUser user) {
        String group = groupBy == null || groupBy.isBlank() ? "task" : groupBy;
        if (!BottleneckQueries.GROUPS.containsKey(group)) {
            throw ApiException.badField("groupBy", "分组方式须为 task、department、hostUnit 或 industry");
        }
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(filter.process()).latestVersion().singleResult();
        org.camunda.bpm.model.bpmn.BpmnModelInstance model = repository.getBpmnModelInstance(latest.getId());
        List<Figures> rows = queries.bottlenecks(filter, Scope.of(user), group, now()).stream()
                .map(r -> new Figures(r.group(), label(group, r, model), r.waiting(), r.overdue(), r.escalated1(), r.escalated2(), r.completed(),
                        hours(r.meanTotal(), r.medianTotal(), r.p90Total()), hours(r.meanWait(), r.medianWait(), r.p90Wait()),
                        hours(r.meanWork(), r.medianWork(), r.p90Work())))
                .toList();
        return new Bottlenecks(filter.process(), latest.getName(), filter.version(), queries.versions(filter.process()), filter.from(),
                filter.to(), group, rows);
    }

    @Transactional(readOnly = true)
    public List<OverdueItem> overdue(DashboardFilter filter, String taskKey, StaffUser user) {
        OffsetDateTime now = now();
        return queries.overdue(filter, Scope.of(user), requireTask(taskKey), now).stream().map(t -> new OverdueItem(t.taskId(), t.taskName(),
                t.projectCode(), t.projectCode() == null ? null : projects.find(t.projectCode()).map(p -> p.name()).orElse(null),
                t.assignee() != null ? directory.personName(t.assignee()) : (t.department() == null ? "—" : directory.unitName(t.department()) + "（待认领）"),
                t.dueAt().atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime().toString().replace('T', ' '),
                calendar.workingDaysBetween(t.dueAt().toInstant(), now.toInstant()),
                t.projectCode() == null ? null : "/projects/" + t.projectCode())).toList();
    }

    /** Weekly medians (Monday weeks) of a step's completed durations over the filter's period. */
    @Transactional(readOnly = true)
    public List<WeekPoint> trend(DashboardFilter filter, String taskKey, StaffUser user) {
        Map<LocalDate, List<Long>> weeks = new TreeMap<>();
        for (LocalDate week = monday(filter.from()); !week.isAfter(filter.to()); week = week.plusWeeks(1)) {
            weeks.put(week, new ArrayList<>());
        }
        for (BottleneckQueries.Completion c : queries.completions(filter, Scope.of(user), requireTask(taskKey))) {
            weeks.computeIfAbsent(monday(c.endedAt().atZoneSameInstant(ZoneId.systemDefault()).toLocalDate()), w -> new ArrayList<>())
                    .add(c.totalSeconds());
        }
        return weeks.entrySet().stream().map(e -> new WeekPoint(e.getKey(), e.getValue().size(), median(e.getValue()))).toList();
    }

    /** The BPMN XML of the chosen version (or the latest) for the diagram. */
    public String diagram(String process, Integer version) {
        var query = repository.createProcessDefinitionQuery().processDefinitionKey(process);
        ProcessDefinition definition = version == null ? query.latestVersion().singleResult() : query.processDefinitionVersion(version).singleResult();
        if (definition == null) {
            throw ApiException.notFound("流程版本不存在");
        }
        try {
            return StreamUtils.copyToString(repository.getProcessModel(definition.getId()), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String label(String group, BottleneckQueries.Row row, org.camunda.bpm.model.bpmn.BpmnModelInstance model) {
        if (row.group() == null) {
            return "（无）";
        }
        return switch (group) {
            case "task" -> {
                // The step's name in the latest model (a step removed since keeps its id as label).
                org.camunda.bpm.model.bpmn.instance.FlowElement element = model.getModelElementById(row.group());
                yield element == null || element.getName() == null ? row.group() : element.getName();
            }
            case "industry" -> Labelled.parse(Industry.class, row.group()).map(Industry::label).orElse(row.group());
            default -> directory.unitName(row.group());
        };
    }

    private static String requireTask(String taskKey) {
        if (taskKey == null || !taskKey.matches("[A-Za-z][A-Za-z0-9_]{0,99}")) {
            throw ApiException.badField("task", "请选择流程环节");
        }
        return taskKey;
    }

    private static Stats hours(Double mean, Double median, Double p90) {
        return new Stats(toHours(mean), toHours(median), toHours(p90));
    }

    private static Double toHours(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 360.0) / 10.0;
    }

    static Double median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double seconds = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return toHours(seconds);
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(ZoneId.systemDefault()));
    }
}
