package org.zhaoshang.leadofficial;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalLong;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.CompletingTask;
import org.zhaoshang.engine.ProcessTasks;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskOwner;
import org.zhaoshang.engine.TaskRules;
import org.zhaoshang.engine.TaskTrace;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.leadofficial.KeyProjectLeadProcess.LeadDecision;
import org.zhaoshang.leadofficial.KeyProjectLeadProcess.PlanDecision;

/**
 * The user tasks of 五个一: the named leader is a 区领导, the department exists, reasons where required, a plan that
 * parses, one report a month; each step recorded on the case. The named leader's own tasks are theirs alone; once the
 * working team exists, its departments and the host unit's contact may read every new task.
 */
@Component
class KeyProjectTasks implements ProcessTasks {

    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("yyyy-MM");

    private final KeyProjectSteps steps;
    private final IdentityService identityService;
    private final OrgDirectory directory;
    private final WorkingTeamAccess team;

    KeyProjectTasks(KeyProjectSteps steps, IdentityService identityService, OrgDirectory directory, WorkingTeamAccess team) {
        this.steps = steps;
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
        LeadDecision decision = task.form().choice(KeyProjectLeadProcess.LEAD_DECISION, LeadDecision.class, "请选择接受或婉拒");
        if (decision == LeadDecision.ACCEPT) {
            steps.accept(trace(task), task.text(KeyProjectLeadProcess.LEAD_OFFICIAL), task.text(KeyProjectLeadProcess.LEAD_DEPARTMENT));
        } else {
            steps.decline(trace(task), task.form().required(KeyProjectLeadProcess.DECLINE_REASON, "婉拒时请说明理由"));
        }
    }

    private void formTeam(CompletingTask task) {
        List<String> departments = task.form().list(KeyProjectLeadProcess.TEAM_DEPARTMENTS);
        String contact = task.form().required(KeyProjectLeadProcess.HOST_CONTACT, "请填写街道园区联络人");
        steps.team(trace(task), departments, contact, task.form().text(KeyProjectLeadProcess.HOST_CONTACT_PHONE),
                task.text(KeyProjectLeadProcess.HOST_UNIT));
    }

    private void draftPlan(CompletingTask task) {
        String text = task.form().required(KeyProjectLeadProcess.PLAN_MILESTONES, "请填写推进节点");
        steps.plan(trace(task), text, task.form().text(KeyProjectLeadProcess.PLAN_PROBLEMS));
    }

    private void approvePlan(CompletingTask task) {
        PlanDecision decision = task.form().choice(KeyProjectLeadProcess.PLAN_DECISION, PlanDecision.class, "请选择通过或退回修改");
        String comment = decision == PlanDecision.RETURN
                ? task.form().required(KeyProjectLeadProcess.PLAN_COMMENT, "退回修改时请填写修改意见") : null;
        steps.decidePlan(trace(task), decision == PlanDecision.APPROVE, comment);
    }

    private void report(CompletingTask task) {
        String progress = task.form().required(KeyProjectLeadProcess.REPORT_PROGRESS, "请填写本月进展");
        BigDecimal funds = task.form().optionalAmount(KeyProjectLeadProcess.FUNDS_ARRIVED, "累计资金到位")
                .orElseThrow(() -> new TaskInputRejected("累计资金到位须为不小于0的金额（万元）")).setScale(2, RoundingMode.HALF_UP);
        // The month the report task opened for, whenever it is completed.
        String period = LocalDate.ofInstant(task.task().getCreateTime().toInstant(), ZoneId.systemDefault()).format(PERIOD);
        String problems = task.form().text(KeyProjectLeadProcess.REPORT_PROBLEMS);
        boolean coordination = task.form().flag(KeyProjectLeadProcess.NEEDS_COORDINATION);
        OptionalLong problem = steps.report(trace(task), period, progress, funds, problems, coordination);
        task.set(KeyProjectLeadProcess.REPORT_PERIOD, period);
        task.set(KeyProjectLeadProcess.NEEDS_COORDINATION, coordination);
        if (problem.isPresent()) {
            task.set(KeyProjectLeadProcess.PROBLEM_ID, problem.getAsLong());
            task.set(KeyProjectLeadProcess.PROBLEM_DESCRIPTION, problems);
        }
    }

    private void coordinate(CompletingTask task) {
        // The input mapping of the task gives each coordination its own problem, whatever later reports raise.
        steps.coordinate(trace(task), task.id(KeyProjectLeadProcess.PROBLEM_ID),
                task.form().required(KeyProjectLeadProcess.RESOLUTION, "请填写协调结果"));
    }

    private static TaskTrace trace(CompletingTask task) {
        return task.trace(task.text(KeyProjectLeadProcess.PROJECT_CODE));
    }
}
