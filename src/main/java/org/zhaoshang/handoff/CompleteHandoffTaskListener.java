package org.zhaoshang.handoff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskInputs;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;

/**
 * {@code ${completeHandoffTaskListener}}: re-checks each step of 项目统筹流转 on the server (real host
 * units, not the pushing unit, a reason for 不接收, a host among those who accepted) and records each
 * candidate's feedback.
 */
@Component
class CompleteHandoffTaskListener implements TaskListener {

    private final HandoffRecords records;
    private final OrgDirectory directory;

    CompleteHandoffTaskListener(HandoffRecords records, OrgDirectory directory) {
        this.records = records;
        this.directory = directory;
    }

    @Override
    public void notify(DelegateTask task) {
        String origin = TaskInputs.text(task, HandoffProcess.ORIGIN_UNIT);
        long handoff = ((Number) task.getVariable(HandoffProcess.HANDOFF_ID)).longValue();
        switch (task.getTaskDefinitionKey()) {
            case HandoffProcess.TASK_CHOOSE -> {
                String text = TaskInputs.required(task, HandoffProcess.CANDIDATE_UNITS, "请填写候选承接单位");
                Set<String> units = new LinkedHashSet<>(Arrays.asList(text.split("[,，、;；\\s]+")));
                units.remove("");
                List<String> candidates = new ArrayList<>();
                for (String unit : units) {
                    hostUnit(unit, origin);
                    candidates.add(unit);
                }
                task.setVariable(HandoffProcess.CANDIDATE_UNITS, candidates);
            }
            case HandoffProcess.TASK_FEEDBACK -> {
                String unit = TaskInputs.text(task, HandoffProcess.CANDIDATE_UNIT);
                TaskInputs.requireMember(task, unit, "只有候选单位本单位的人员可以反馈");
                String decision = TaskInputs.required(task, HandoffProcess.FEEDBACK_DECISION, "请选择接收或不接收");
                String reason = TaskInputs.text(task, HandoffProcess.FEEDBACK_REASON);
                if (decision.equals("DECLINE") && (reason == null || reason.isEmpty())) {
                    throw new TaskInputRejected("不接收时请说明理由");
                }
                if (!decision.equals("ACCEPT") && !decision.equals("DECLINE")) {
                    throw new TaskInputRejected("请选择接收或不接收");
                }
                records.feedback(handoff, unit, decision, reason, TaskInputs.actor(task));
                // The multi-instance task's variables stay with its own instance.
                task.getExecution().setVariableLocal(HandoffProcess.FEEDBACK_DECISION, decision);
            }
            case HandoffProcess.TASK_PICK -> {
                String host = TaskInputs.required(task, HandoffProcess.HOST_UNIT, "请填写承接单位");
                if (!records.accepted(handoff).contains(host)) {
                    throw new TaskInputRejected("承接单位须为表示接收的单位之一：" + String.join("、", records.accepted(handoff)));
                }
            }
            case HandoffProcess.TASK_DISTRICT -> {
                String decision = TaskInputs.required(task, HandoffProcess.DISTRICT_DECISION, "请选择指定承接单位或推送市级");
                if (decision.equals("NAME_HOST")) {
                    hostUnit(TaskInputs.required(task, HandoffProcess.HOST_UNIT, "指定承接单位时请填写单位代码"), origin);
                } else if (!decision.equals("PUSH_CITY")) {
                    throw new TaskInputRejected("请选择指定承接单位或推送市级");
                }
            }
            case HandoffProcess.TASK_CITY -> {
                String result = TaskInputs.required(task, HandoffProcess.CITY_RESULT, "请选择市级协调结果");
                if (result.equals("LANDED")) {
                    hostUnit(TaskInputs.required(task, HandoffProcess.HOST_UNIT, "落地本区时请填写承接单位"), origin);
                } else if (result.equals("LOST")) {
                    TaskInputs.required(task, HandoffProcess.LOSS_REASON, "项目流失时请填写原因");
                } else {
                    throw new TaskInputRejected("请选择市级协调结果");
                }
            }
            default -> throw new IllegalStateException("No handoff rule for task " + task.getTaskDefinitionKey());
        }
    }

    private void hostUnit(String code, String origin) {
        OrgUnit unit = directory.findUnit(code).orElseThrow(() -> new TaskInputRejected("单位不存在：" + code));
        if (!unit.kind().hostsProjects()) {
            throw new TaskInputRejected("承接单位须为街道或园区：" + unit.name());
        }
        if (unit.code().equals(origin)) {
            throw new TaskInputRejected("不能选择推送项目的单位本身：" + unit.name());
        }
    }


}
