package org.zhaoshang.handoff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.zhaoshang.engine.CompletingTask;
import org.zhaoshang.engine.ProcessTasks;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskRules;
import org.zhaoshang.handoff.HandoffProcess.CityResult;
import org.zhaoshang.handoff.HandoffProcess.DistrictDecision;
import org.zhaoshang.handoff.HandoffProcess.Feedback;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;

/**
 * The user tasks of 项目统筹流转: real host units (not the pushing unit), a reason for 不接收, a host among those who
 * accepted; each candidate's feedback recorded. Each task belongs to the unit the model gives it (the candidate unit's
 * feedback to that unit alone).
 */
@Component
class HandoffTasks implements ProcessTasks {

    private final HandoffRecords records;
    private final OrgDirectory directory;

    HandoffTasks(HandoffRecords records, OrgDirectory directory) {
        this.records = records;
        this.directory = directory;
    }

    @Override
    public String processKey() {
        return HandoffProcess.PROCESS_KEY;
    }

    @Override
    public void define(TaskRules rules) {
        rules.task(HandoffProcess.TASK_CHOOSE).completes(this::choose);
        rules.task(HandoffProcess.TASK_FEEDBACK).completes(this::feedback);
        rules.task(HandoffProcess.TASK_PICK).completes(this::pick);
        rules.task(HandoffProcess.TASK_DISTRICT).completes(this::decideAtDistrict);
        rules.task(HandoffProcess.TASK_CITY).completes(this::recordCityResult);
    }

    private void choose(CompletingTask task) {
        String text = task.form().required(HandoffProcess.CANDIDATE_UNITS, "请填写候选承接单位");
        Set<String> units = new LinkedHashSet<>(Arrays.asList(text.split("[,，、;；\\s]+")));
        units.remove("");
        List<String> candidates = new ArrayList<>();
        for (String unit : units) {
            hostUnit(unit, task.text(HandoffProcess.ORIGIN_UNIT));
            candidates.add(unit);
        }
        task.set(HandoffProcess.CANDIDATE_UNITS, candidates);
    }

    private void feedback(CompletingTask task) {
        Feedback decision = task.form().choice(HandoffProcess.FEEDBACK_DECISION, Feedback.class, "请选择接收或不接收");
        String reason = task.form().text(HandoffProcess.FEEDBACK_REASON);
        if (decision == Feedback.DECLINE && reason == null) {
            throw new TaskInputRejected("不接收时请说明理由");
        }
        String unit = task.text(HandoffProcess.CANDIDATE_UNIT);
        records.feedback(task.id(HandoffProcess.HANDOFF_ID), unit, decision.name(), reason, task.actor());
        // The multi-instance task's variables stay with its own instance.
        task.task().getExecution().setVariableLocal(HandoffProcess.FEEDBACK_DECISION, decision.name());
    }

    private void pick(CompletingTask task) {
        String host = task.form().required(HandoffProcess.HOST_UNIT, "请填写承接单位");
        List<String> accepted = records.accepted(task.id(HandoffProcess.HANDOFF_ID));
        if (!accepted.contains(host)) {
            throw new TaskInputRejected("承接单位须为表示接收的单位之一：" + String.join("、",
                    accepted.stream().map(unit -> directory.unitName(unit) + "（" + unit + "）").toList()));
        }
    }

    private void decideAtDistrict(CompletingTask task) {
        DistrictDecision decision = task.form().choice(HandoffProcess.DISTRICT_DECISION, DistrictDecision.class, "请选择指定承接单位或推送市级");
        if (decision == DistrictDecision.NAME_HOST) {
            hostUnit(task.form().required(HandoffProcess.HOST_UNIT, "指定承接单位时请填写单位代码"), task.text(HandoffProcess.ORIGIN_UNIT));
        }
    }

    private void recordCityResult(CompletingTask task) {
        CityResult result = task.form().choice(HandoffProcess.CITY_RESULT, CityResult.class, "请选择市级协调结果");
        if (result == CityResult.LANDED) {
            hostUnit(task.form().required(HandoffProcess.HOST_UNIT, "落地本区时请填写承接单位"), task.text(HandoffProcess.ORIGIN_UNIT));
        } else {
            task.form().required(HandoffProcess.LOSS_REASON, "项目流失时请填写原因");
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
