package org.zhaoshang.escalation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.notification.ChannelProperties;
import org.zhaoshang.notification.MailOutbox;
import org.zhaoshang.notification.MailTemplates;
import org.zhaoshang.notification.OutgoingMail;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;

/**
 * Reminders (level 0) and escalations (level 1: overdue, level 2: 督办) of open user tasks. Each task
 * and level fires once: recorded in {@code task_escalation} (unique), flagged on the task, written to
 * the project's timeline and put into the mail outbox, all in the transaction of the timer job that
 * fired it. A replayed job or a second node finds the record and does nothing.
 */
@Service
public class EscalationService {

    /** Task-local variable: 1 = overdue, 2 = 督办. Tasklist filters and the dashboard read it. */
    public static final String TASK_LEVEL_VARIABLE = "escalationLevel";
    static final String SYSTEM_ACTOR = "system";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final SlaService slas;
    private final EscalationRecipients recipients;
    private final ProjectService projects;
    private final MailOutbox outbox;
    private final WorkingDayCalendar calendar;
    private final MailTemplates templates;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String baseUrl;
    private final OrgDirectory directory;
    private final ChannelProperties channels;

    EscalationService(TaskService taskService, RuntimeService runtimeService, RepositoryService repositoryService,
            SlaService slas, EscalationRecipients recipients, ProjectService projects, MailOutbox outbox,
            WorkingDayCalendar calendar, MailTemplates templates, JdbcClient jdbc, Clock clock,
            @Value("${app.base-url}") String baseUrl, OrgDirectory directory, ChannelProperties channels) {
        this.directory = directory;
        this.channels = channels;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.slas = slas;
        this.recipients = recipients;
        this.projects = projects;
        this.outbox = outbox;
        this.calendar = calendar;
        this.templates = templates;
        this.jdbc = jdbc;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * Called from the service task after a boundary timer: escalates the open tasks of the user task
     * the timer is attached to. Returns how many tasks were escalated now (not before).
     */
    @Transactional
    public int escalateFromTimer(DelegateExecution execution, int level) {
        String taskKey = attachedTaskKey(execution);
        int escalated = 0;
        for (Task task : taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(taskKey).unlimitedList()) {
            if (escalate(task, level, execution.getProcessBusinessKey())) {
                escalated++;
            }
        }
        return escalated;
    }

    /** Escalates one task to a level; false when that level already fired for it. */
    @Transactional
    public boolean escalate(String taskId, int level) {
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            return false;
        }
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult();
        return escalate(task, level, instance == null ? null : instance.getBusinessKey());
    }

    public List<TaskEscalation> escalationsOf(String taskId) {
        return jdbc.sql("SELECT * FROM task_escalation WHERE task_id = :task ORDER BY escalation_level")
                .param("task", taskId)
                .query((rs, n) -> new TaskEscalation(rs.getString("task_id"), rs.getString("task_key"),
                        rs.getString("process_instance_id"), rs.getString("project_code"), rs.getInt("escalation_level"),
                        rs.getString("recipients"), rs.getObject("fired_at", OffsetDateTime.class)))
                .list();
    }

    private boolean escalate(Task task, int level, String businessKey) {
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("escalation level " + level);
        }
        long fired = jdbc.sql("SELECT COUNT(*) FROM task_escalation WHERE task_id = :task AND escalation_level = :level")
                .param("task", task.getId()).param("level", level).query(Long.class).single();
        if (fired > 0) {
            return false;
        }
        TaskSla sla = slas.effective(task.getTaskDefinitionKey());
        List<String> groups = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
                if (link.getGroupId() != null) {
                    groups.add(link.getGroupId());
                } else if (link.getUserId() != null) {
                    users.add(link.getUserId());
                }
            }
        }
        Optional<InvestmentProject> project = projects.find(businessKey);
        List<Recipient> to = recipients.resolve(sla.recipients(level), task.getAssignee(), groups, users,
                project.map(InvestmentProject::leadOfficial).orElse(null));
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        ProcessDefinition definition = repositoryService.getProcessDefinition(task.getProcessDefinitionId());
        jdbc.sql("""
                INSERT INTO task_escalation (task_id, task_key, task_name, process_instance_id, process_definition_key,
                    project_code, escalation_level, due_at, recipients, fired_at)
                VALUES (:task, :key, :name, :pi, :processKey, :project, :level, :due, :recipients, :now)""")
                .param("task", task.getId())
                .param("key", task.getTaskDefinitionKey())
                .param("name", task.getName())
                .param("pi", task.getProcessInstanceId())
                .param("processKey", definition.getKey())
                .param("project", businessKey)
                .param("level", level)
                .param("due", task.getDueDate() == null ? null : task.getDueDate().toInstant().atZone(zone()).toOffsetDateTime())
                .param("recipients", to.stream().map(Recipient::userId).collect(Collectors.joining(",")))
                .param("now", now)
                .update();
        if (level > 0) {
            Object previous = taskService.getVariableLocal(task.getId(), TASK_LEVEL_VARIABLE);
            if (!(previous instanceof Integer p) || p < level) {
                taskService.setVariableLocal(task.getId(), TASK_LEVEL_VARIABLE, level);
            }
            // Tasklist sorts and shows priority: overdue tasks rise, 督办 tasks come first.
            taskService.setPriority(task.getId(), level == 1 ? 75 : 100);
        }
        String names = to.stream().map(Recipient::name).collect(Collectors.joining("、"));
        if (businessKey != null) {
            projects.recordEvent(businessKey, level == 0 ? ProjectEventType.TASK_REMINDED : ProjectEventType.TASK_ESCALATED,
                    SYSTEM_ACTOR, "「%s」%s，已通知：%s".formatted(task.getName(), levelText(level, task), names),
                    task.getProcessInstanceId(), task.getId());
        }
        String link = taskLink(task);
        String processName = definition.getName() == null ? "" : definition.getName();
        for (Recipient recipient : to) {
            // Each person's channels decide where it goes: e-mail when they have an address, SMS to their mobile.
            MailTemplates.Rendered mail = render(recipient, task, level, project, processName, groups);
            outbox.enqueue(new OutgoingMail("escalation:%s:%d:%s".formatted(task.getId(), level, recipient.userId()),
                    recipient.userId(), recipient.email(), mail.subject(), mail.body(), task.getId(), task.getProcessInstanceId(),
                    businessKey, level, link));
        }
        if (level >= channels.unitRobotMinLevel()) {
            // Overdue and 督办 notices also reach the work group of the unit that holds the task (企业微信 / 钉钉).
            for (String unit : holdingUnits(task, groups)) {
                MailTemplates.Rendered notice = render(new Recipient(unit, directory.unitName(unit), null), task, level, project,
                        processName, groups);
                String holder = task.getAssignee() == null ? "" : "（办理人：" + directory.personName(task.getAssignee()) + "）";
                outbox.enqueueForUnit(new OutgoingMail("escalation:%s:%d".formatted(task.getId(), level), null, null,
                        notice.subject() + holder, notice.body(), task.getId(), task.getProcessInstanceId(), businessKey, level, link),
                        unit, task.getAssignee());
            }
        }
        return true;
    }

    private MailTemplates.Rendered render(Recipient recipient, Task task, int level, Optional<InvestmentProject> project,
            String processName, List<String> groups) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("recipient", recipient);
        variables.put("level", level);
        variables.put("task", task);
        variables.put("processName", processName);
        variables.put("projectCode", project.map(InvestmentProject::code).orElse(null));
        variables.put("projectName", project.map(InvestmentProject::name).orElse(null));
        variables.put("due", task.getDueDate() == null ? null : DATE_TIME.format(task.getDueDate().toInstant().atZone(zone())));
        variables.put("overdue", overdue(task));
        variables.put("handler", task.getAssignee() != null ? task.getAssignee() : String.join("、", groups));
        variables.put("link", taskLink(task));
        return templates.render("escalation", variables);
    }

    private String taskLink(Task task) {
        return baseUrl + "/camunda/app/tasklist/default/#/?task=" + task.getId();
    }

    /** The units whose work the task is: its candidate groups that are units, else the assignee's unit. */
    private List<String> holdingUnits(Task task, List<String> candidateGroups) {
        List<String> units = candidateGroups.stream().filter(g -> directory.findUnit(g).isPresent()).distinct().toList();
        if (units.isEmpty() && task.getAssignee() != null) {
            return directory.findProfile(task.getAssignee()).map(p -> List.of(p.unitCode())).orElse(List.of());
        }
        return units;
    }

    private String levelText(int level, Task task) {
        return switch (level) {
            case 0 -> "即将到期（" + (task.getDueDate() == null ? "" : DATE_TIME.format(task.getDueDate().toInstant().atZone(zone()))) + "）";
            case 1 -> overdue(task);
            default -> overdue(task) + "，列入督办";
        };
    }

    /**
     * How long a task is overdue, in the unit its limit is read in: whole working days once there is one, else working
     * hours (a limit of half a day or a few hours, policy 003 "0.5个工作日"), "刚刚到期" right at its due time.
     */
    private String overdue(Task task) {
        if (task.getDueDate() == null) {
            return "已逾期";
        }
        Instant due = task.getDueDate().toInstant();
        Instant now = Instant.now(clock);
        int days = calendar.workingDaysBetween(due, now);
        if (days > 0) {
            return "已逾期 " + days + " 个工作日";
        }
        long hours = calendar.workingMinutesBetween(due, now) / 60;
        return hours > 0 ? "已逾期 " + hours + " 个工作小时" : "已逾期（刚刚到期）";
    }

    private static ZoneId zone() {
        return ZoneId.systemDefault();
    }

    /** The user task a boundary timer belongs to: the service task's incoming flow comes from it. */
    static String attachedTaskKey(DelegateExecution execution) {
        FlowNode node = (FlowNode) execution.getBpmnModelElementInstance();
        for (SequenceFlow incoming : node.getIncoming()) {
            if (incoming.getSource() instanceof BoundaryEvent boundary) {
                return boundary.getAttachedTo().getId();
            }
        }
        throw new IllegalStateException("Escalation step " + node.getId() + " must follow a boundary timer of a user task");
    }
}
