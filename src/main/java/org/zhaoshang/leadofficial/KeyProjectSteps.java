package org.zhaoshang.leadofficial;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskTrace;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;

/**
 * The business writes of each step of 五个一, one method per user task ({@link KeyProjectTasks} reads the form and calls
 * it): the rules that need the directory or the case (a team of departments, the host unit's contact, one report a
 * month), then the 五个一 records and the project's timeline.
 */
@Service
class KeyProjectSteps {

    private final KeyProjectRecords records;
    private final ProjectService projects;
    private final IdentityService identityService;
    private final OrgDirectory directory;

    KeyProjectSteps(KeyProjectRecords records, ProjectService projects, IdentityService identityService, OrgDirectory directory) {
        this.records = records;
        this.projects = projects;
        this.identityService = identityService;
        this.directory = directory;
    }

    /** The leader accepts: lead official of the case, with the lead department. */
    void accept(TaskTrace t, String leader, String department) {
        records.lead(t.code(), leader, department);
        projects.assignLeadOfficial(t.code(), leader, "担任包联领导，牵头部门：" + directory.unitName(department), t.processInstanceId(), t.taskId());
    }

    /** The leader declines, with the reason (合作交流办 proposes again). */
    void decline(TaskTrace t, String reason) {
        projects.recordEvent(t.code(), ProjectEventType.LEAD_OFFICIAL_ASSIGNED, t.actor(), "婉拒担任包联领导：" + reason, t.processInstanceId(),
                t.taskId());
    }

    /** 一套班子: district departments and a contact of the project's host unit today (it may have moved since 五个一 started). */
    void team(TaskTrace t, List<String> departments, String contact, String phone, String hostUnitAtStart) {
        if (departments.isEmpty()) {
            throw new TaskInputRejected("请至少选择一个职能服务部门");
        }
        for (String department : departments) {
            if (directory.findUnit(department).map(OrgUnit::kind).orElse(null) != OrgUnitKind.DEPARTMENT) {
                throw new TaskInputRejected("不是区级部门：" + department);
            }
        }
        String hostUnit = projects.find(t.code()).map(p -> p.hostUnit()).orElse(hostUnitAtStart);
        if (identityService.createUserQuery().userId(contact).memberOfGroup(hostUnit).count() == 0) {
            throw new TaskInputRejected("联络人须为承载单位（" + directory.unitName(hostUnit) + "）的工作人员：" + contact);
        }
        records.team(t.code(), departments, contact, phone);
    }

    /** 一套方案: "事项｜责任单位｜yyyy-MM-dd" lines, every problem named with its line. */
    void plan(TaskTrace t, String text, String problems) {
        List<String> errors = new ArrayList<>();
        List<KeyProjectRecords.Milestone> milestones = KeyProjectRecords.parseMilestones(text, errors);
        if (!errors.isEmpty()) {
            throw new TaskInputRejected(String.join("；", errors));
        }
        records.plan(t.code(), text, milestones, problems);
        event(t, ProjectEventType.KEY_PROJECT_PLAN, "提交推进方案（" + milestones.size() + "个节点）");
    }

    /** The lead official approves the plan, or returns it with a comment. */
    void decidePlan(TaskTrace t, boolean approved, String comment) {
        records.planStatus(t.code(), approved ? "APPROVED" : "RETURNED");
        event(t, ProjectEventType.KEY_PROJECT_PLAN, approved ? "推进方案审定通过" : "推进方案退回修改：" + comment);
    }

    /** 一抓到底: one report a month; a problem raised to the leader returns its id (the coordination task's). */
    OptionalLong report(TaskTrace t, String period, String progress, BigDecimal funds, String problems, boolean coordination) {
        if (records.reported(t.code(), period)) {
            throw new TaskInputRejected(period + " 的月度进展已报送");
        }
        if (coordination && problems == null) {
            throw new TaskInputRejected("需要协调时，请写明存在的问题");
        }
        long reportId = records.report(t.code(), period, progress, funds, problems, coordination, t.actor());
        OptionalLong problem = OptionalLong.empty();
        if (coordination) {
            problem = OptionalLong.of(records.raiseProblem(t.code(), reportId, problems));
            event(t, ProjectEventType.KEY_PROJECT_PROBLEM, "提请包联领导协调：" + problems);
        }
        event(t, ProjectEventType.KEY_PROJECT_REPORT, "%s 月度进展：%s（累计资金到位 %s 万元）".formatted(period, progress, funds));
        return problem;
    }

    /** The lead official's resolution of one raised problem. */
    void coordinate(TaskTrace t, long problemId, String resolution) {
        records.resolveProblem(problemId, resolution, t.actor());
        event(t, ProjectEventType.KEY_PROJECT_PROBLEM, "问题已协调：" + resolution);
    }

    private void event(TaskTrace t, ProjectEventType type, String text) {
        projects.recordEvent(t.code(), type, t.actor(), text, t.processInstanceId(), t.taskId());
    }
}
