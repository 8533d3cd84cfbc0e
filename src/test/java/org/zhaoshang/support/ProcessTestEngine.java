package org.zhaoshang.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.mockito.Mockito;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.zhaoshang.engine.CompletionGuard;
import org.zhaoshang.engine.ProcessTasks;
import org.zhaoshang.engine.TaskCompletionProbe;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;

/**
 * A process's real BPMN (and the DMN it calls) in Camunda's in-memory engine with the completion pipeline and the
 * process's {@link ProcessTasks} bean: the handlers' rules tested in seconds, without the application. Expression
 * beans and delegates the model names are the engine configuration's beans (public API on Camunda and Operaton alike,
 * where Camunda's test mocks left the engine jar in Operaton); due dates and escalation timers
 * lie far ahead ({@link FarDates}), the service steps record that they ran ({@link #ran()}). One engine per test class.
 */
public final class ProcessTestEngine implements AutoCloseable {

    /** The units of the demo district the tests name, with the directory's answers for them. */
    public static final List<OrgUnit> UNITS = List.of(new OrgUnit("unit-street-jinzhong", "金钟街道", OrgUnitKind.STREET, List.of(), null),
            new OrgUnit("unit-street-junliangcheng", "军粮城街道", OrgUnitKind.STREET, List.of(), null),
            new OrgUnit("unit-park-dongli-dev", "东丽经济技术开发区", OrgUnitKind.PARK, List.of(), null),
            new OrgUnit("dept-hezuo", "区合作交流办", OrgUnitKind.DEPARTMENT, List.of(), null),
            new OrgUnit("dept-gongxin", "区工业和信息化局", OrgUnitKind.DEPARTMENT, List.of(), "gaofeng"),
            new OrgUnit("dept-keji", "区科技局", OrgUnitKind.DEPARTMENT, List.of(), null),
            new OrgUnit("dept-huanbao", "区生态环境局", OrgUnitKind.DEPARTMENT, List.of(), null),
            new OrgUnit("dept-xiaofang", "区消防救援支队", OrgUnitKind.DEPARTMENT, List.of(), null),
            new OrgUnit("dept-zhengfuban", "区政府办公室", OrgUnitKind.DEPARTMENT, List.of(), null),
            new OrgUnit("dept-fagai", "区发展改革委", OrgUnitKind.DEPARTMENT, List.of(), null),
            new OrgUnit("dept-ducha", "区督查室", OrgUnitKind.DEPARTMENT, List.of(), null),
            new OrgUnit("leader", "区领导", OrgUnitKind.LEADERSHIP, List.of(), null));

    private final ProcessEngine engine;
    private final java.util.List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ProcessTestEngine(ProcessEngine engine) {
        this.engine = engine;
    }

    /** A directory that knows {@link #UNITS} (names, kinds, heads) and gives people their user id as name. */
    public static OrgDirectory directory() {
        OrgDirectory directory = Mockito.mock(OrgDirectory.class);
        for (OrgUnit unit : UNITS) {
            Mockito.when(directory.findUnit(unit.code())).thenReturn(Optional.of(unit));
            Mockito.when(directory.unitName(unit.code())).thenReturn(unit.name());
        }
        Mockito.when(directory.personName(Mockito.anyString())).thenAnswer(call -> call.getArgument(0));
        return directory;
    }

    /**
     * Starts an engine with the pipeline and {@code tasks}, deploys the model files ({@code processes/x.bpmn},
     * {@code processes/y.dmn}) and registers {@code sla} and {@code escalateTaskDelegate}; {@code mocks} adds the
     * process's own expression beans, and every name in {@code serviceSteps} becomes a delegate that records its activity.
     */
    public static ProcessTestEngine start(String name, ProcessTasks tasks, OrgDirectory directory, Map<String, Object> mocks,
            List<String> serviceSteps, String... models) {
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("processTasks", tasks);
        beans.put("orgDirectory", directory);
        StaticListableBeanFactory factory = new StaticListableBeanFactory(beans);
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configuration.setProcessEngineName(name);
        // The expression manager reads this map as the engine runs: beans put after the build are found.
        Map<Object, Object> expressionBeans = new java.util.concurrent.ConcurrentHashMap<>();
        configuration.setBeans(expressionBeans);
        configuration.setJobExecutorActivate(false);
        configuration.setEnforceHistoryTimeToLive(false);
        configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9][a-zA-Z0-9_-]*"); // group ids with hyphens, as the application
        configuration.getProcessEnginePlugins().addAll(TaskCompletionProbe.plugins(factory.getBeanProvider(ProcessTasks.class),
                factory.getBeanProvider(CompletionGuard.class), factory.getBeanProvider(OrgDirectory.class)));
        ProcessTestEngine test = new ProcessTestEngine(configuration.buildProcessEngine());
        // Registered before the deployment: a timer start event evaluates its expression as the model deploys.
        expressionBeans.put("sla", new FarDates());
        expressionBeans.put("escalateTaskDelegate", (JavaDelegate) execution -> { });
        for (String step : serviceSteps) {
            expressionBeans.put(step, (JavaDelegate) execution -> test.ran.add(execution.getCurrentActivityId()));
        }
        expressionBeans.putAll(mocks);
        DeploymentBuilder deployment = test.engine.getRepositoryService().createDeployment().name(name);
        for (String model : models) {
            try (InputStream in = new FileInputStream(model)) {
                deployment.addInputStream(model.substring(model.lastIndexOf('/') + 1), new java.io.ByteArrayInputStream(in.readAllBytes()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        deployment.deploy();
        BpmnAwareTests.init(test.engine);
        return test;
    }

    public ProcessEngine engine() {
        return engine;
    }

    /** The service steps that ran, by activity id, in order. */
    public List<String> ran() {
        return ran;
    }

    /** The open task of the instance (of one candidate group, for a multi-instance task). */
    public Task task(ProcessInstance pi, String key, String candidateGroup) {
        var query = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key);
        return (candidateGroup == null ? query : query.taskCandidateGroup(candidateGroup)).singleResult();
    }

    /** Completes the task as the person with their groups, as Tasklist submits it. */
    public void complete(ProcessInstance pi, String key, String candidateGroup, String user, List<String> groups,
            Map<String, Object> variables) {
        Task task = task(pi, key, candidateGroup);
        assertThat(task).as("open task " + key).isNotNull();
        engine.getIdentityService().setAuthentication(user, groups);
        try {
            engine.getTaskService().complete(task.getId(), new HashMap<>(variables));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    /** Completing is refused with {@code message}, and the task stays open. */
    public void refused(ProcessInstance pi, String key, String candidateGroup, String user, List<String> groups,
            Map<String, Object> variables, String message) {
        assertThatThrownBy(() -> complete(pi, key, candidateGroup, user, groups, variables)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining(message);
        assertThat(task(pi, key, candidateGroup)).as("still open").isNotNull();
    }

    @Override
    public void close() {
        engine.close();
    }

    /** Due dates and timers far ahead: process tests are about completing, not escalating. */
    public static class FarDates {

        private static final Date FAR = Date.from(Instant.parse("2099-01-01T00:00:00Z"));

        public Date dueDate(DelegateExecution execution) {
            return FAR;
        }

        public Date reminderAt(DelegateExecution execution) {
            return FAR;
        }

        public Date level1At(DelegateExecution execution) {
            return FAR;
        }

        public Date level2At(DelegateExecution execution) {
            return FAR;
        }

        public Date reminderBefore(DelegateExecution execution, Object due) {
            return FAR;
        }

        public Date level1After(DelegateExecution execution, Object due) {
            return FAR;
        }

        public Date level2After(DelegateExecution execution, Object due) {
            return FAR;
        }

        public Date feedbackDeadline(DelegateExecution execution) {
            return FAR;
        }
    }
}
