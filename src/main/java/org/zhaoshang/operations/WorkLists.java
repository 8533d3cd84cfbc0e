package org.zhaoshang.operations;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.StaffUser;

/**
 * 已办 (the tasks a person completed, with what they decided and whether they can still take it back)
 * and 我发起的 (the cases a person started — processes they started and projects they registered — with
 * the step each stands at and who holds it).
 */
@Component
public class WorkLists {

    static final int LIMIT = 100;

    public record Done(String taskId, String taskName, String processName, String projectCode, String projectName, Date completedAt,
            String decision, boolean withdrawable, String notWithdrawable) {
    }

    public record Current(String taskName, String holder, Date due) {
    }

    public record Started(String processInstanceId, String processName, String projectCode, String projectName, Date startedAt,
            boolean ended, List<Current> current) {
    }

    private final HistoryService historyService;
    private final TaskService taskService;
    private final RepositoryService repositoryService;
    private final TaskDecisions decisions;
    private final WithdrawService withdrawals;
    private final ReturnRules rules;
    private final TaskAccess access;
    private final JdbcClient jdbc;

    WorkLists(HistoryService historyService, TaskService taskService, RepositoryService repositoryService, TaskDecisions decisions,
            WithdrawService withdrawals, ReturnRules rules, TaskAccess access, JdbcClient jdbc) {
        this.historyService = historyService;
        this.taskService = taskService;
        this.repositoryService = repositoryService;
        this.decisions = decisions;
        this.withdrawals = withdrawals;
        this.rules = rules;
        this.access = access;
        this.jdbc = jdbc;
    }

    public List<Done> done(StaffUser user) {
        // Completed by the person: logged by Camunda for the completion (Tasklist, REST), or assigned to them then.
        Set<String> ids = new java.util.LinkedHashSet<>();
        historyService.createUserOperationLogQuery().userId(user.id()).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
                .entityType(EntityTypes.TASK).orderByTimestamp().desc().listPage(0, LIMIT).forEach(e -> ids.add(e.getTaskId()));
        historyService.createHistoricTaskInstanceQuery().taskAssignee(user.id()).finished().orderByHistoricTaskInstanceEndTime().desc()
                .listPage(0, LIMIT).forEach(t -> ids.add(t.getId()));
        ids.remove(null);
        List<HistoricTaskInstance> tasks = ids.stream().map(id -> historyService.createHistoricTaskInstanceQuery().taskId(id).finished().singleResult())
                .filter(t -> t != null && "completed".equals(t.getDeleteReason()))
                .filter(t -> access.completedBy(t).map(user.id()::equals).orElse(false))
                .sorted(java.util.Comparator.comparing(HistoricTaskInstance::getEndTime).reversed()).limit(LIMIT).toList();
        Map<String, HistoricProcessInstance> instances = instances(tasks.stream().map(HistoricTaskInstance::getProcessInstanceId).collect(Collectors.toSet()));
        Map<String, String> projectNames = projectNames(instances.values().stream().map(HistoricProcessInstance::getBusinessKey).toList());
        List<Done> done = new ArrayList<>();
        for (HistoricTaskInstance task : tasks) {
            HistoricProcessInstance pi = instances.get(task.getProcessInstanceId());
            String code = pi == null ? null : pi.getBusinessKey();
            WithdrawService.Check check = rules.withdrawable(task.getProcessDefinitionId(), task.getTaskDefinitionKey()) ? withdrawals.check(task)
                    : null;
            done.add(new Done(task.getId(), task.getName(), pi == null ? "" : processName(pi), projectNames.containsKey(code) ? code : null,
                    projectNames.get(code), task.getEndTime(), decisions.describe(task.getId(), task.getProcessDefinitionId(), task.getTaskDefinitionKey()),
                    check != null && check.possible(), check == null ? null : check.reason()));
        }
        return done;
    }

    public List<Started> started(StaffUser user) {
        Map<String, HistoricProcessInstance> mine = new LinkedHashMap<>();
        historyService.createHistoricProcessInstanceQuery().startedBy(user.id()).orderByProcessInstanceStartTime().desc().listPage(0, LIMIT)
                .forEach(pi -> mine.put(pi.getId(), pi));
        List<String> registered = jdbc.sql("SELECT code FROM investment_project WHERE created_by = :u ORDER BY created_at DESC")
                .param("u", user.id()).query(String.class).list();
        for (String code : registered.subList(0, Math.min(registered.size(), LIMIT))) {
            historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(code).unlimitedList()
                    .forEach(pi -> mine.putIfAbsent(pi.getId(), pi));
        }
        Map<String, String> projectNames = projectNames(mine.values().stream().map(HistoricProcessInstance::getBusinessKey).toList());
        List<Started> started = new ArrayList<>();
        for (HistoricProcessInstance pi : mine.values()) {
            List<Current> current = pi.getEndTime() != null ? List.of()
                    : taskService.createTaskQuery().processInstanceId(pi.getId()).orderByTaskCreateTime().asc().unlimitedList().stream().map(this::current)
                            .toList();
            String code = pi.getBusinessKey();
            started.add(new Started(pi.getId(), processName(pi), projectNames.containsKey(code) ? code : null, projectNames.get(code),
                    pi.getStartTime(), pi.getEndTime() != null, current));
        }
        started.sort((a, b) -> Boolean.compare(a.ended(), b.ended()) != 0 ? Boolean.compare(a.ended(), b.ended())
                : b.startedAt().compareTo(a.startedAt()));
        return started;
    }

    private Current current(Task task) {
        TaskRef ref = access.find(task.getId());
        String holder = task.getAssignee() != null ? access.name(task.getAssignee())
                : String.join("、", ref.candidateGroups().stream().map(access::unitName).toList()) + "（待认领）";
        return new Current(task.getName(), holder, task.getDueDate());
    }

    private Map<String, HistoricProcessInstance> instances(Set<String> ids) {
        Map<String, HistoricProcessInstance> found = new HashMap<>();
        if (!ids.isEmpty()) {
            historyService.createHistoricProcessInstanceQuery().processInstanceIds(ids).unlimitedList().forEach(pi -> found.put(pi.getId(), pi));
        }
        return found;
    }

    private Map<String, String> projectNames(List<String> codes) {
        Map<String, String> names = new HashMap<>();
        List<String> wanted = codes.stream().filter(c -> c != null && c.startsWith("ZS-")).distinct().toList();
        if (!wanted.isEmpty()) {
            jdbc.sql("SELECT code, name FROM investment_project WHERE code IN (:codes)").param("codes", wanted)
                    .query(rs -> {
                        names.put(rs.getString(1), rs.getString(2));
                    });
        }
        return names;
    }

    private final Map<String, String> processNames = new java.util.concurrent.ConcurrentHashMap<>();

    private String processName(HistoricProcessInstance pi) {
        return processNames.computeIfAbsent(pi.getProcessDefinitionId(), id -> {
            var definition = repositoryService.getProcessDefinition(id);
            return definition.getName() == null ? definition.getKey() : definition.getName();
        });
    }
}
