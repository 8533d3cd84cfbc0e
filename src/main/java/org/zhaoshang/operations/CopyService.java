package org.zhaoshang.operations;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;

/**
 * 抄送: a read-only copy of a task and its decision for people or whole groups, who find it under
 * "抄送我的", get a mail and mark it read (recorded). From an open task (its holder or a member of its
 * groups) or a completed one (the person who completed it).
 */
@Service
public class CopyService {

    public record Copy(long id, String taskId, String taskName, String processInstanceId, String projectCode, String projectName,
            String decision, String note, String sender, String recipient, OffsetDateTime sentAt, OffsetDateTime readAt) {

        public boolean read() {
            return readAt != null;
        }
    }

    private final TaskAccess access;
    private final HistoryService historyService;
    private final IdentityService identityService;
    private final ProjectService projects;
    private final TaskDecisions decisions;
    private final JdbcClient jdbc;
    private final WorkingDayCalendar calendar;
    private final OperationLog log;
    private final OperationMails mails;

    CopyService(TaskAccess access, HistoryService historyService, IdentityService identityService, ProjectService projects,
            TaskDecisions decisions, JdbcClient jdbc, WorkingDayCalendar calendar, OperationLog log, OperationMails mails) {
        this.access = access;
        this.historyService = historyService;
        this.identityService = identityService;
        this.projects = projects;
        this.decisions = decisions;
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.log = log;
        this.mails = mails;
    }

    /** Sends the copies; returns the people who got one (those who had one already are skipped). */
    @Transactional
    public List<String> copy(String taskId, List<String> users, List<String> groups, String note, StaffUser user) {
        HistoricTaskInstance task = taskId == null ? null : historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        if (task == null || !mayCopy(task, user)) {
            throw ApiException.notFound("任务不存在或无权抄送");
        }
        String text = Inputs.optional(note, "note");
        Set<String> recipients = new LinkedHashSet<>();
        for (String id : users == null ? List.<String>of() : users) {
            if (identityService.createUserQuery().userId(id).count() == 0) {
                throw ApiException.badField("users", "没有这个用户：" + id);
            }
            recipients.add(id);
        }
        for (String group : groups == null ? List.<String>of() : groups) {
            if (identityService.createGroupQuery().groupId(group).count() == 0) {
                throw ApiException.badField("groups", "没有这个部门或单位：" + group);
            }
            identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().unlimitedList().stream().map(User::getId).forEach(recipients::add);
        }
        recipients.remove(user.id());
        if (recipients.isEmpty()) {
            throw ApiException.badField("users", "请选择抄送的人员或部门（不含本人）");
        }
        String code = access.businessKey(task.getProcessInstanceId());
        InvestmentProject project = code == null ? null : projects.find(code).orElse(null);
        String decision = task.getEndTime() == null ? "（办理中）" : decisions.describe(task.getId(), task.getProcessDefinitionId(),
                task.getTaskDefinitionKey());
        OffsetDateTime now = OffsetDateTime.ofInstant(calendar.now(), calendar.zone()).truncatedTo(ChronoUnit.MICROS);
        List<String> sent = recipients.stream().filter(r -> jdbc.sql("SELECT COUNT(*) FROM task_copy WHERE task_id = :t AND recipient = :r")
                .param("t", task.getId()).param("r", r).query(Long.class).single() == 0).toList();
        for (String recipient : sent) {
            jdbc.sql("""
                    INSERT INTO task_copy (task_id, task_name, process_instance_id, project_code, project_name, decision, note, sender, recipient, sent_at)
                    VALUES (:t, :name, :pi, :code, :pname, :decision, :note, :sender, :r, :at)""")
                    .param("t", task.getId()).param("name", task.getName()).param("pi", task.getProcessInstanceId())
                    .param("code", project == null ? null : project.code()).param("pname", project == null ? null : project.name())
                    .param("decision", decision.isEmpty() ? null : decision).param("note", text).param("sender", user.id()).param("r", recipient)
                    .param("at", now).update();
        }
        if (!sent.isEmpty()) {
            String label = (project == null ? "" : project.code() + " " + project.name()) + "「" + task.getName() + "」";
            long id = log.record(OperationKind.COPY, task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getProcessInstanceId(),
                    project == null ? null : project.code(), user.id(), String.join(",", sent), text,
                    "「%s」由%s抄送%s".formatted(task.getName(), user.displayName(), String.join("、", sent.stream().map(access::name).toList())));
            mails.send(OperationKind.COPY, String.valueOf(id), sent, task.getId(), label, task.getProcessInstanceId(),
                    project == null ? null : project.code(), user.displayName(),
                    "抄送给您以下事项" + (decision.isEmpty() ? "" : "（办理结果：" + decision + "）") + "，仅供知悉。", text, "/tasks/copies");
        }
        return sent;
    }

    public List<Copy> toMe(StaffUser user) {
        return jdbc.sql("SELECT * FROM task_copy WHERE recipient = :r ORDER BY sent_at DESC, id DESC").param("r", user.id())
                .query(this::copy).list();
    }

    @Transactional
    public Copy markRead(long id, StaffUser user) {
        Copy copy = jdbc.sql("SELECT * FROM task_copy WHERE id = :id").param("id", id).query(this::copy).optional()
                .filter(c -> c.recipient().equals(user.id())).orElseThrow(() -> ApiException.notFound("抄送不存在"));
        if (!copy.read()) {
            jdbc.sql("UPDATE task_copy SET read_at = :at WHERE id = :id")
                    .param("at", OffsetDateTime.ofInstant(calendar.now(), calendar.zone()).truncatedTo(ChronoUnit.MICROS)).param("id", id).update();
            log.record(OperationKind.COPY_READ, copy.taskId(), null, copy.taskName(), copy.processInstanceId(), copy.projectCode(), user.id(),
                    copy.sender(), null, "%s已阅「%s」的抄送".formatted(user.displayName(), copy.taskName()));
        }
        return jdbc.sql("SELECT * FROM task_copy WHERE id = :id").param("id", id).query(this::copy).single();
    }

    /** The holder or a member of the task's groups while it is open; the person who completed it afterwards. */
    private boolean mayCopy(HistoricTaskInstance task, StaffUser user) {
        if (task.getEndTime() == null) {
            TaskRef open = access.find(task.getId());
            return open != null && open.visibleTo(user);
        }
        return access.completedBy(task).map(user.id()::equals).orElse(false);
    }

    private Copy copy(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Copy(rs.getLong("id"), rs.getString("task_id"), rs.getString("task_name"), rs.getString("process_instance_id"),
                rs.getString("project_code"), rs.getString("project_name"), rs.getString("decision"), rs.getString("note"), rs.getString("sender"),
                rs.getString("recipient"), rs.getObject("sent_at", OffsetDateTime.class), rs.getObject("read_at", OffsetDateTime.class));
    }
}
