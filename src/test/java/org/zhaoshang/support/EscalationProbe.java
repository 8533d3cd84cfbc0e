package org.zhaoshang.support;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;

/**
 * A small test process with one user task carrying the shared escalation pattern: due date from the
 * SLA, and three non-interrupting boundary timers (reminder, overdue, 督办) each followed by the
 * escalation step and a named end event. Plus helpers to move the engine clock and run due jobs.
 */
public final class EscalationProbe {

    public static final String PROCESS_KEY = "it-escalation-probe";
    public static final String TASK_KEY = "UserTask_ProbeReview";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private EscalationProbe() {
    }

    public static BpmnModelInstance model() {
        UserTaskBuilder task = Bpmn.createExecutableProcess(PROCESS_KEY).name("督办测试流程").camundaHistoryTimeToLive(30)
                .startEvent("StartEvent_ProbeStarted")
                .userTask(TASK_KEY).name("审查环保条件").camundaCandidateGroups("dept-huanbao")
                .camundaDueDate("${sla.dueDate(execution)}");
        escalation(task, "Remind", "${sla.reminderAt(execution)}", 0);
        escalation(task, "Overdue", "${sla.level1At(execution)}", 1);
        escalation(task, "Supervise", "${sla.level2At(execution)}", 2);
        return task.moveToActivity(TASK_KEY).endEvent("EndEvent_ProbeDone").done();
    }

    private static void escalation(UserTaskBuilder task, String name, String timer, int level) {
        task.moveToActivity(TASK_KEY).boundaryEvent("BoundaryEvent_Probe" + name).cancelActivity(false).timerWithDate(timer)
                .serviceTask("ServiceTask_Probe" + name).camundaDelegateExpression("${escalateTaskDelegate}")
                .camundaInputParameter("escalationLevel", Integer.toString(level))
                .endEvent("EndEvent_Probe" + name);
    }

    /** Deploys the probe once per engine. */
    public static synchronized void deploy(ProcessEngine engine) {
        if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).count() == 0) {
            engine.getRepositoryService().createDeployment().name("it-escalation-probe")
                    .addModelInstance(PROCESS_KEY + ".bpmn", model()).deploy();
        }
    }

    public static String start(ProcessEngine engine, String businessKey) {
        return engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, businessKey, Map.of()).getId();
    }

    /** Sets the engine clock (and so the application's clock) to a Shanghai local time. */
    public static void clockAt(String localDateTime) {
        ClockUtil.setCurrentTime(Date.from(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant()));
    }

    public static Date at(String localDateTime) {
        return Date.from(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
    }

    /** Executes the jobs of the process instance that are due at the engine clock's time; returns how many. */
    public static int runDueJobs(ProcessEngine engine, String processInstanceId) {
        ManagementService management = engine.getManagementService();
        List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).executable().list();
        due.forEach(job -> management.executeJob(job.getId()));
        return due.size();
    }
}
