package org.zhaoshang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;

/**
 * The completion pipeline on models that are not the application's own: a version deployed before the pipeline
 * (naming the former listener beans, which no longer exist) still completes, by the pipeline's rule of who may.
 */
@IntegrationTest
class TaskCompletionIT {

    @Autowired
    ProcessEngine engine;

    @Test
    void aVersionDeployedBeforeThePipelineCompletesByItsRules() {
        String key = "it-former-listeners";
        engine.getRepositoryService().createDeployment().name(key).addModelInstance(key + ".bpmn",
                Bpmn.createExecutableProcess(key).name("旧版监听器").camundaHistoryTimeToLive(1).startEvent()
                        .userTask("UserTask_Review").name("审查").camundaCandidateGroups(GroupIds.HUANBAO)
                        .camundaTaskListenerDelegateExpression("complete", "${completeReviewTaskListener}")
                        .camundaTaskListenerDelegateExpression("create", "${shareWithTeamListener}")
                        .endEvent().done()).deploy();
        String instance = engine.getRuntimeService().startProcessInstanceByKey(key).getId();
        String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();

        Tasks.assertOnlyItsOwnerCompletes(engine, task, "maliang", "区生态环境局的人员");
        Tasks.completeTaskAs(engine, task, "caoli", Map.of());
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    }
}
