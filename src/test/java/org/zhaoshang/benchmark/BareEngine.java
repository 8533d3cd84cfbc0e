package org.zhaoshang.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;

/**
 * The comparison engine of the benchmarks: Camunda 7.24 as it comes (no plugins, no listeners, no
 * delegates, authorization off, history full), in the same JVM, on its own database of the same
 * PostgreSQL server, running the product's process shapes: the review (pre-check, three parallel
 * reviews each with three non-interrupting timers, the meeting, the government meeting for half) and
 * the agreement follow-up (one waiting branch per milestone).
 */
final class BareEngine {

    static final String REVIEW = "bare-review";
    static final String AGREEMENT = "bare-agreement";

    private BareEngine() {
    }

    static ProcessEngine start(String adminUrl, String user, String password, String database, int pool) throws Exception {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setJdbcUrl(adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database);
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setJdbcUsername(user);
        configuration.setJdbcPassword(password);
        configuration.setJdbcMaxActiveConnections(pool);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setAuthorizationEnabled(false);
        configuration.setEnforceHistoryTimeToLive(false);
        configuration.setProcessEngineName("bare");
        ProcessEngine engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().name("bare").addModelInstance(REVIEW + ".bpmn", review())
                .addModelInstance(AGREEMENT + ".bpmn", agreement()).deploy();
        return engine;
    }

    static BpmnModelInstance review() {
        // Built in steps: the three branches of the embedded sub-process each end on their own, as in the product's model;
        // every user task has the product's three non-interrupting escalation timers.
        UserTaskBuilder precheck = Bpmn.createExecutableProcess(REVIEW).camundaHistoryTimeToLive(30).startEvent().userTask("Precheck")
                .camundaCandidateGroups("dept-hezuo");
        var sub = precheck.subProcess("Reviews").embeddedSubProcess().startEvent().parallelGateway("Fork");
        sub.userTask("Industry").camundaCandidateGroups("dept-gongxin").endEvent("IndustryDone");
        precheck.moveToNode("Fork").userTask("Environment").camundaCandidateGroups("dept-huanbao").endEvent("EnvironmentDone");
        precheck.moveToNode("Fork").userTask("Fire").camundaCandidateGroups("dept-xiaofang").endEvent("FireDone");
        precheck.moveToNode("Reviews").userTask("Meeting").camundaCandidateGroups("dept-hezuo").exclusiveGateway("Land")
                .condition("land", "${land}").userTask("Government").camundaCandidateGroups("dept-zhengfuban").endEvent("Approved")
                .moveToNode("Land").condition("no land", "${!land}").endEvent("ApprovedWithoutLand");
        for (String task : new String[] {"Precheck", "Industry", "Environment", "Fire", "Meeting", "Government"}) {
            for (String level : new String[] {"Reminder", "Overdue", "Supervision"}) {
                precheck.moveToActivity(task).boundaryEvent(task + level).cancelActivity(false).timerWithDuration("P5D").endEvent(task + level + "End");
            }
        }
        return precheck.done();
    }

    static BpmnModelInstance agreement() {
        var milestones = Bpmn.createExecutableProcess(AGREEMENT).camundaHistoryTimeToLive(30).startEvent().subProcess("Milestones");
        milestones.multiInstance().camundaCollection("${milestones}").camundaElementVariable("milestone").multiInstanceDone();
        milestones.embeddedSubProcess().startEvent().intermediateCatchEvent("Window").timerWithDuration("P30D").userTask("Report")
                .camundaCandidateGroups("unit-street-jinzhong").endEvent().subProcessDone().endEvent();
        return milestones.done();
    }
}
