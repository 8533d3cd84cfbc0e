package org.zhaoshang.leadofficial;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.CompletingTask;
import org.zhaoshang.engine.ProcessTasks;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskOwner;
import org.zhaoshang.engine.TaskRules;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.leadofficial.KeyProjectLeadProcess.LeadDecision;
import org.zhaoshang.leadofficial.KeyProjectLeadProcess.PlanDecision;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;

/**
 * The user tasks of 五个一: the named leader is a 区领导, the department exists, reasons where required, a plan that
 * parses, one report a month; each step recorded on the case. The named leader's own tasks are theirs alone; once the
 * working team exists, its departments and the host unit's contact may read every new task.
 */
@Component
class KeyProjectTasks implements ProcessTasks {

    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("yyyy-MM");

    private final KeyProjectRecords records;
    private final ProjectService projects;
    private final IdentityService identityService;
    private final OrgDirectory directory;
    private final WorkingTeamAccess team;

    KeyProjectTasks(KeyProjectRecords records, ProjectService projects, IdentityService identityService, OrgDirectory directory,
            WorkingTeamAccess team) {
        this.records = records;
        this.projects = projects;
        this.identityService = identityService;
        this.directory = directory;
        this.team = team;
    }

    @Override
    public String processKey() {
        return KeyProjectLeadProcess.PROCESS_KEY;
    }

    @Override
    public void define(TaskRules rules) {
        TaskOwner leader = TaskOwner.person(task -> (String) task.getVariable(KeyProjectLeadProcess.LEAD_OFFICIAL),
                (name, task) -> "只有包联领导（" + name + "）本人可以办理「" + task + "」");
        rules.task(KeyProjectLeadProcess.TASK_PROPOSE).completes(this::propose);
        rules.task(KeyProjectLeadProcess.TASK_ACCEPT).belongsTo(leader).completes(this::accept);
        rules.task(KeyProjectLeadProcess.TASK_TEAM).completes(this::formTeam);
        rules.task(KeyProjectLeadProcess.TASK_PLAN).onCreate(task -> team.share(task)).completes(this::draftPlan);
        rules.task(KeyProjectLeadProcess.TASK_APPROVE_PLAN).belongsTo(leader).onCreate(task -> team.share(task)).completes(this::approvePlan);
        rules.task(KeyProjectLeadProcess.TASK_REPORT).onCreate(task -> team.share(task)).completes(this::report);
        rules.task(KeyProjectLeadProcess.TASK_COORDINATE).belongsTo(leader).onCreate(task -> team.share(task)).completes(this::coordinate);
    }

    private void propose(CompletingTask task) {
        String leader = task.form().required(KeyProjectLeadProcess.LEAD_OFFICIAL, "请填写包联领导");
        if (identityService.createUserQuery().userId(leader).memberOfGroup(GroupIds.LEADER).count() == 0) {
            throw new TaskInputRejected("包联领导须为区领导（用户名）：" + leader);
        }
        String department = task.form().required(KeyProjectLeadProcess.LEAD_DEPARTMENT, "请选择牵头部门");
        if (directory.findUnit(department).map(OrgUnit::kind).orElse(null) != OrgUnitKind.DEPARTMENT) {
            throw new TaskInputRejected("牵头部门不存在：" + department);
        }
    }

    private void accept(CompletingTask task) {
        String code = task.text(KeyProjectLeadProcess.PROJECT_CODE);
        LeadDecision decision = task.form().choice(KeyProjectLeadProcess.LEAD_DECISION, LeadDecision.class, "请选择接受或婉拒");
        if (decision == LeadDecision.ACCEPT) {
            String leader = task.text(KeyProjectLeadProcess.LEAD_OFFICIAL);
            String department = task.text(KeyProjectLeadProcess.LEAD_DEPARTMENT);
            records.lead(code, leader, department);
            projects.assignLeadOfficial(code, leader, "担任包联领导，牵头部门：" + directory.unitName(department), task.processInstanceId(), task.id());
        } else {
            String reason = task.form().required(KeyProjectLeadProcess.DECLINE_REASON, "婉拒时请说明理由");
            projects.recordEvent(code, ProjectEventType.LEAD_OFFICIAL_ASSIGNED, task.actor(), "婉拒担任包联领导：" + reason,
                    task.processInstanceId(), task.id());
        }
    }

    private void formTeam(CompletingTask task) {
        String code = task.text(KeyProjectLeadProcess.PROJECT_CODE);
        List<String> departments = task.form().list(KeyProjectLeadProcess.TEAM_DEPARTMENTS);
        if (departments.isEmpty()) {
            throw new TaskInputRejected("请至少选择一个职能服务部门");
        }
        for (String department : departments) {
            if (directory.findUnit(department).map(OrgUnit::kind).orElse(null) != OrgUnitKind.DEPARTMENT) {
                throw new TaskInputRejected("不是区级部门：" + department);
            }
        }
        String contact = task.form().required(KeyProjectLeadProcess.HOST_CONTACT, "请填写街道园区联络人");
        // The project's host today: it may have moved (项目统筹流转) since 五个一 started.
        String hostUnit = projects.find(code).map(p -> p.hostUnit()).orElse(task.text(KeyProjectLeadProcess.HOST_UNIT));
        if (identityService.createUserQuery().userId(contact).memberOfGroup(hostUnit).count() == 0) {
            throw new TaskInputRejected("联络人须为承载单位（" + directory.unitName(hostUnit) + "）的工作人员：" + contact);
        }
        records.team(code, departments, contact, task.form().text(KeyProjectLeadProcess.HOST_CONTACT_PHONE));
    }

    private void draftPlan(CompletingTask task) {
        String code = task.text(KeyProjectLeadProcess.PROJECT_CODE);
        String text = task.form().required(KeyProjectLeadProcess.PLAN_MILESTONES, "请填写推进节点");
        List<String> errors = new ArrayList<>();
        List<KeyProjectRecords.Milestone> milestones = KeyProjectRecords.parseMilestones(text, errors);
        if (!errors.isEmpty()) {
            throw new TaskInputRejected(String.join("；", errors));
        }
        records.plan(code, text, milestones, task.form().text(KeyProjectLeadProcess.PLAN_PROBLEMS));
        projects.recordEvent(code, ProjectEventType.KEY_PROJECT_PLAN, task.actor(), "提交推进方案（" + milestones.size() + "个节点）",
                task.processInstanceId(), task.id());
    }

    private void approvePlan(CompletingTask task) {
        String code = task.text(KeyProjectLeadProcess.PROJECT_CODE);
        PlanDecision decision = task.form().choice(KeyProjectLeadProcess.PLAN_DECISION, PlanDecision.class, "请选择通过或退回修改");
        if (decision == PlanDecision.RETURN) {
            String comment = task.form().required(KeyProjectLeadProcess.PLAN_COMMENT, "退回修改时请填写修改意见");
            records.planStatus(code, "RETURNED");
            projects.recordEvent(code, ProjectEventType.KEY_PROJECT_PLAN, task.actor(), "推进方案退回修改：" + comment, task.processInstanceId(), task.id());
        } else {
            records.planStatus(code, "APPROVED");
            projects.recordEvent(code, ProjectEventType.KEY_PROJECT_PLAN, task.actor(), "推进方案审定通过", task.processInstanceId(), task.id());
        }
    }

    private void report(CompletingTask task) {
        String code = task.text(KeyProjectLeadProcess.PROJECT_CODE);
        String progress = task.form().required(KeyProjectLeadProcess.REPORT_PROGRESS, "请填写本月进展");
        BigDecimal funds = task.form().optionalAmount(KeyProjectLeadProcess.FUNDS_ARRIVED, "累计资金到位")
                .orElseThrow(() -> new TaskInputRejected("累计资金到位须为不小于0的金额（万元）")).setScale(2, RoundingMode.HALF_UP);
        String period = LocalDate.ofInstant(task.task().getCreateTime().toInstant(), ZoneId.systemDefault()).format(PERIOD);
        if (records.reported(code, period)) {
            throw new TaskInputRejected(period + " 的月度进展已报送");
        }
        String problems = task.form().text(KeyProjectLeadProcess.REPORT_PROBLEMS);
        boolean coordination = task.form().flag(KeyProjectLeadProcess.NEEDS_COORDINATION);
        if (coordination && problems == null) {
            throw new TaskInputRejected("需要协调时，请写明存在的问题");
        }
        long reportId = records.report(code, period, progress, funds, problems, coordination, task.actor());
        task.set(KeyProjectLeadProcess.REPORT_PERIOD, period);
        task.set(KeyProjectLeadProcess.NEEDS_COORDINATION, coordination);
        if (coordination) {
            long problemId = records.raiseProblem(code, reportId, problems);
            task.set(KeyProjectLeadProcess.PROBLEM_ID, problemId);
            task.set(KeyProjectLeadProcess.PROBLEM_DESCRIPTION, problems);
            projects.recordEvent(code, ProjectEventType.KEY_PROJECT_PROBLEM, task.actor(), "提请包联领导协调：" + problems, task.processInstanceId(), task.id());
        }
        projects.recordEvent(code, ProjectEventType.KEY_PROJECT_REPORT, task.actor(),
                "%s 月度进展：%s（累计资金到位 %s 万元）".formatted(period, progress, funds), task.processInstanceId(), task.id());
    }

    private void coordinate(CompletingTask task) {
        String code = task.text(KeyProjectLeadProcess.PROJECT_CODE);
        String resolution = task.form().required(KeyProjectLeadProcess.RESOLUTION, "请填写协调结果");
        // The input mapping of the task gives each coordination its own problem, whatever later reports raise.
        records.resolveProblem(task.id(KeyProjectLeadProcess.PROBLEM_ID), resolution, task.actor());
        projects.recordEvent(code, ProjectEventType.KEY_PROJECT_PROBLEM, task.actor(), "问题已协调：" + resolution, task.processInstanceId(), task.id());
    }
}
