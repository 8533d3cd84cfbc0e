package org.zhaoshang.leadofficial;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskInputs;

/**
 * {@code ${completeKeyProjectTaskListener}} on every user task of 五个一: re-checks the form on the
 * server (the named leader is a 区领导, the department exists, reasons where required, a plan that
 * parses, one report a month) and records the step on the case.
 */
@Component
class CompleteKeyProjectTaskListener implements TaskListener {

    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("yyyy-MM");

    private final KeyProjectRecords records;
    private final ProjectService projects;
    private final IdentityService identityService;
    private final OrgDirectory directory;

    CompleteKeyProjectTaskListener(KeyProjectRecords records, ProjectService projects, IdentityService identityService,
            OrgDirectory directory) {
        this.records = records;
        this.projects = projects;
        this.identityService = identityService;
        this.directory = directory;
    }

    @Override
    public void notify(DelegateTask task) {
        String actor = actor(task);
        String code = TaskInputs.text(task, KeyProjectLeadProcess.PROJECT_CODE);
        String pi = task.getProcessInstanceId();
        switch (task.getTaskDefinitionKey()) {
            case KeyProjectLeadProcess.TASK_PROPOSE -> {
                String leader = TaskInputs.required(task, KeyProjectLeadProcess.LEAD_OFFICIAL, "请填写包联领导");
                if (identityService.createUserQuery().userId(leader).memberOfGroup(GroupIds.LEADER).count() == 0) {
                    throw new TaskInputRejected("包联领导须为区领导（用户名）：" + leader);
                }
                String department = TaskInputs.required(task, KeyProjectLeadProcess.LEAD_DEPARTMENT, "请选择牵头部门");
                if (directory.findUnit(department).map(OrgUnit::kind).orElse(null) != OrgUnitKind.DEPARTMENT) {
                    throw new TaskInputRejected("牵头部门不存在：" + department);
                }
            }
            case KeyProjectLeadProcess.TASK_ACCEPT -> {
                String decision = TaskInputs.required(task, KeyProjectLeadProcess.LEAD_DECISION, "请选择是否接受");
                String leader = TaskInputs.text(task, KeyProjectLeadProcess.LEAD_OFFICIAL);
                if (decision.equals("ACCEPT")) {
                    String department = TaskInputs.text(task, KeyProjectLeadProcess.LEAD_DEPARTMENT);
                    records.lead(code, leader, department);
                    projects.assignLeadOfficial(code, leader, "担任包联领导，牵头部门：" + directory.unitName(department), pi, task.getId());
                } else if (decision.equals("DECLINE")) {
                    String reason = TaskInputs.required(task, KeyProjectLeadProcess.DECLINE_REASON, "婉拒时请说明理由");
                    projects.recordEvent(code, ProjectEventType.LEAD_OFFICIAL_ASSIGNED, actor, "婉拒担任包联领导：" + reason, pi, task.getId());
                } else {
                    throw new TaskInputRejected("请选择接受或婉拒");
                }
            }
            case KeyProjectLeadProcess.TASK_TEAM -> {
                List<String> departments = list(task.getVariable(KeyProjectLeadProcess.TEAM_DEPARTMENTS));
                if (departments.isEmpty()) {
                    throw new TaskInputRejected("请至少选择一个职能服务部门");
                }
                for (String department : departments) {
                    if (directory.findUnit(department).map(OrgUnit::kind).orElse(null) != OrgUnitKind.DEPARTMENT) {
                        throw new TaskInputRejected("不是区级部门：" + department);
                    }
                }
                String contact = TaskInputs.required(task, KeyProjectLeadProcess.HOST_CONTACT, "请填写街道园区联络人");
                // The project's host today: it may have moved (项目统筹流转) since 五个一 started.
                String hostUnit = projects.find(code).map(p -> p.hostUnit()).orElse(TaskInputs.text(task, KeyProjectLeadProcess.HOST_UNIT));
                if (identityService.createUserQuery().userId(contact).memberOfGroup(hostUnit).count() == 0) {
                    throw new TaskInputRejected("联络人须为承载单位（" + directory.unitName(hostUnit) + "）的工作人员：" + contact);
                }
                records.team(code, departments, contact, TaskInputs.text(task, KeyProjectLeadProcess.HOST_CONTACT_PHONE));
            }
            case KeyProjectLeadProcess.TASK_PLAN -> {
                String text = TaskInputs.required(task, KeyProjectLeadProcess.PLAN_MILESTONES, "请填写推进节点");
                List<String> errors = new ArrayList<>();
                List<KeyProjectRecords.Milestone> milestones = KeyProjectRecords.parseMilestones(text, errors);
                if (!errors.isEmpty()) {
                    throw new TaskInputRejected(String.join("；", errors));
                }
                records.plan(code, text, milestones, TaskInputs.text(task, KeyProjectLeadProcess.PLAN_PROBLEMS));
                projects.recordEvent(code, ProjectEventType.KEY_PROJECT_PLAN, actor, "提交推进方案（" + milestones.size() + "个节点）", pi, task.getId());
            }
            case KeyProjectLeadProcess.TASK_APPROVE_PLAN -> {
                String decision = TaskInputs.required(task, KeyProjectLeadProcess.PLAN_DECISION, "请选择审定结论");
                if (decision.equals("RETURN")) {
                    String comment = TaskInputs.required(task, KeyProjectLeadProcess.PLAN_COMMENT, "退回修改时请填写修改意见");
                    records.planStatus(code, "RETURNED");
                    projects.recordEvent(code, ProjectEventType.KEY_PROJECT_PLAN, actor, "推进方案退回修改：" + comment, pi, task.getId());
                } else if (decision.equals("APPROVE")) {
                    records.planStatus(code, "APPROVED");
                    projects.recordEvent(code, ProjectEventType.KEY_PROJECT_PLAN, actor, "推进方案审定通过", pi, task.getId());
                } else {
                    throw new TaskInputRejected("请选择通过或退回修改");
                }
            }
            case KeyProjectLeadProcess.TASK_REPORT -> report(task, code, actor, pi);
            case KeyProjectLeadProcess.TASK_COORDINATE -> {
                String resolution = TaskInputs.required(task, KeyProjectLeadProcess.RESOLUTION, "请填写协调结果");
                // The input mapping of the task gives each coordination its own problem, whatever later reports raise.
                Object problem = task.getVariable(KeyProjectLeadProcess.PROBLEM_ID);
                records.resolveProblem(((Number) problem).longValue(), resolution, actor);
                projects.recordEvent(code, ProjectEventType.KEY_PROJECT_PROBLEM, actor, "问题已协调：" + resolution, pi, task.getId());
            }
            default -> throw new IllegalStateException("No 五个一 rule for task " + task.getTaskDefinitionKey());
        }
    }

    private void report(DelegateTask task, String code, String actor, String pi) {
        String progress = TaskInputs.required(task, KeyProjectLeadProcess.REPORT_PROGRESS, "请填写本月进展");
        Object fundsValue = task.getVariable(KeyProjectLeadProcess.FUNDS_ARRIVED);
        BigDecimal funds;
        try {
            funds = fundsValue == null ? null : new BigDecimal(fundsValue.toString());
        } catch (NumberFormatException e) {
            funds = null;
        }
        if (funds == null || funds.signum() < 0) {
            throw new TaskInputRejected("累计资金到位须为不小于0的金额（万元）");
        }
        String period = LocalDate.ofInstant(task.getCreateTime().toInstant(), java.time.ZoneId.systemDefault()).format(PERIOD);
        if (records.reported(code, period)) {
            throw new TaskInputRejected(period + " 的月度进展已报送");
        }
        String problems = TaskInputs.text(task, KeyProjectLeadProcess.REPORT_PROBLEMS);
        boolean coordination = Boolean.TRUE.equals(task.getVariable(KeyProjectLeadProcess.NEEDS_COORDINATION));
        if (coordination && (problems == null || problems.isBlank())) {
            throw new TaskInputRejected("需要协调时，请写明存在的问题");
        }
        long reportId = records.report(code, period, progress, funds.setScale(2, java.math.RoundingMode.HALF_UP), problems, coordination, actor);
        task.setVariable(KeyProjectLeadProcess.REPORT_PERIOD, period);
        task.setVariable(KeyProjectLeadProcess.NEEDS_COORDINATION, coordination);
        if (coordination) {
            long problemId = records.raiseProblem(code, reportId, problems);
            task.setVariable(KeyProjectLeadProcess.PROBLEM_ID, problemId);
            task.setVariable(KeyProjectLeadProcess.PROBLEM_DESCRIPTION, problems);
            projects.recordEvent(code, ProjectEventType.KEY_PROJECT_PROBLEM, actor, "提请包联领导协调：" + problems, pi, task.getId());
        }
        projects.recordEvent(code, ProjectEventType.KEY_PROJECT_REPORT, actor,
                "%s 月度进展：%s（累计资金到位 %s 万元）".formatted(period, progress, funds.setScale(2, java.math.RoundingMode.HALF_UP)), pi, task.getId());
    }

    private String actor(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null) {
            Set<String> groups = task.getCandidates().stream().filter(l -> l.getGroupId() != null).map(l -> l.getGroupId())
                    .collect(Collectors.toSet());
            boolean member = authentication.getGroupIds() != null && authentication.getGroupIds().stream().anyMatch(groups::contains);
            boolean namedLeaderTask = task.getTaskDefinitionKey().equals(KeyProjectLeadProcess.TASK_ACCEPT)
                    || task.getTaskDefinitionKey().equals(KeyProjectLeadProcess.TASK_APPROVE_PLAN)
                    || task.getTaskDefinitionKey().equals(KeyProjectLeadProcess.TASK_COORDINATE);
            // The named leader's own tasks are theirs alone; the others belong to the candidate department.
            if (namedLeaderTask ? !authentication.getUserId().equals(task.getVariable(KeyProjectLeadProcess.LEAD_OFFICIAL)) : !member) {
                throw new TaskInputRejected(namedLeaderTask ? "只有包联领导本人可以办理「" + task.getName() + "」"
                        : "只有" + groups.stream().map(directory::unitName).sorted().collect(Collectors.joining("、")) + "的人员可以办理「" + task.getName() + "」");
            }
            return authentication.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : "system";
    }

    /** A checklist arrives as JSON (Tasklist), a collection (Java API) or comma-separated text. */
    static List<String> list(Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof SpinJsonNode json && json.isArray()) {
            json.elements().forEach(e -> items.add(e.stringValue()));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(e -> items.add(e.toString()));
        } else if (value != null) {
            for (String part : value.toString().replaceAll("[\\[\\]\"]", "").split(",")) {
                if (!part.isBlank()) {
                    items.add(part.strip());
                }
            }
        }
        return items;
    }
}
