package org.zhaoshang.operations;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;

/**
 * 催办: a manager (区领导, 合作交流办, 督查室, 发改委) or the officer who registered the project reminds the
 * holder of an open task — the assignee, else everyone of its groups. One mail per 催办; at most once per
 * task, person and working day.
 */
@Service
public class UrgeService {

    static final Set<String> MANAGERS = Set.of(GroupIds.LEADER, GroupIds.HEZUO, GroupIds.DUCHA, GroupIds.FAGAI);

    private final TaskAccess access;
    private final ProjectService projects;
    private final IdentityService identityService;
    private final WorkingDayCalendar calendar;
    private final JdbcClient jdbc;
    private final OperationLog log;
    private final OperationMails mails;

    UrgeService(TaskAccess access, ProjectService projects, IdentityService identityService, WorkingDayCalendar calendar, JdbcClient jdbc,
            OperationLog log, OperationMails mails) {
        this.access = access;
        this.projects = projects;
        this.identityService = identityService;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.log = log;
        this.mails = mails;
    }

    public boolean mayUrge(TaskRef task, StaffUser user) {
        if (MANAGERS.stream().anyMatch(user::isMemberOf)) {
            return true;
        }
        return task.projectCode() != null && projects.find(task.projectCode()).map(p -> user.id().equals(p.createdBy())).orElse(false);
    }

    @Transactional
    public List<String> urge(String taskId, String note, StaffUser user) {
        TaskRef task = access.find(taskId);
        if (task == null) {
            throw ApiException.notFound("任务不存在或已办结");
        }
        if (!mayUrge(task, user)) {
            throw ApiException.forbidden("只有区领导、区合作交流办、督查室、发展改革委或项目登记人可以催办");
        }
        String text = Inputs.optional(note, "note");
        LocalDate today = LocalDate.ofInstant(calendar.now(), calendar.zone());
        LocalDate workingDay = calendar.isWorkingDay(today) ? today : calendar.nextWorkingDay(today);
        boolean already = jdbc.sql("SELECT COUNT(*) FROM task_urge WHERE task_id = :t AND urged_by = :u AND working_day = :d")
                .param("t", task.id()).param("u", user.id()).param("d", workingDay).query(Long.class).single() > 0;
        if (already) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "您今天已催办过该任务（每个任务每个工作日限催办一次），请下一个工作日再催办");
        }
        jdbc.sql("INSERT INTO task_urge (task_id, urged_by, working_day, urged_at) VALUES (:t, :u, :d, :at)")
                .param("t", task.id()).param("u", user.id()).param("d", workingDay)
                .param("at", OffsetDateTime.ofInstant(calendar.now(), calendar.zone()).truncatedTo(ChronoUnit.MICROS)).update();
        List<String> holders = holders(task);
        String names = String.join("、", holders.stream().map(access::name).toList());
        long id = log.record(OperationKind.URGE, task, user.id(), String.join(",", holders), text,
                "「%s」由%s催办（%s）%s".formatted(task.name(), user.displayName(), names, text == null ? "" : "：" + text));
        mails.send(OperationKind.URGE, String.valueOf(id), holders, task.id(), task.label(), task.processInstanceId(), task.projectCode(),
                user.displayName(), "催办以下任务，请尽快办理。", text, null);
        return holders;
    }

    private List<String> holders(TaskRef task) {
        if (task.assignee() != null) {
            return List.of(task.assignee());
        }
        Set<String> people = new LinkedHashSet<>();
        for (String group : task.candidateGroups()) {
            identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().unlimitedList().stream().map(User::getId).forEach(people::add);
        }
        return new ArrayList<>(people);
    }
}
