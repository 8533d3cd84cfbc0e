package org.zhaoshang.review;

import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.zhaoshang.engine.TaskInputRejected;
import org.zhaoshang.engine.TaskTrace;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * The business writes of each step of 项目评审, one method per kind of user task ({@link ReviewTasks} reads the form and
 * calls it): the review record and the project's timeline.
 */
@Service
class ReviewSteps {

    private final ReviewRecords records;
    private final ProjectService projects;
    private final Validator validator;

    ReviewSteps(ReviewRecords records, ProjectService projects, Validator validator) {
        this.records = records;
        this.projects = projects;
        this.validator = validator;
    }

    /** A department's opinion or a decision (预审, 产业指导, 环保, 消防, 常务会议): recorded, and on the timeline as 「task」label：comment. */
    void opinion(TaskTrace t, String taskName, String step, String department, String decision, String label, String comment) {
        records.record(t.code(), t.processInstanceId(), t.taskId(), step, department, decision, comment, t.actor());
        projects.recordEvent(t.code(), ProjectEventType.REVIEW_OPINION, t.actor(),
                "「%s」%s%s".formatted(taskName, label, comment == null ? "" : "：" + comment), t.processInstanceId(), t.taskId());
    }

    /** The registering unit's materials for the meeting (补充材料后再议). */
    void supplement(TaskTrace t, String unit, String note) {
        records.record(t.code(), t.processInstanceId(), t.taskId(), "SUPPLEMENT", unit, "SUBMITTED", note, t.actor());
    }

    /** The registering unit's answer to a department's 退回补充. */
    void answer(TaskTrace t, String taskName, String unit, String note) {
        records.record(t.code(), t.processInstanceId(), t.taskId(), "ANSWER", unit, "SUBMITTED", note, t.actor());
        projects.recordEvent(t.code(), ProjectEventType.REVIEW_OPINION, t.actor(), "「%s」：%s".formatted(taskName, note), t.processInstanceId(),
                t.taskId());
    }

    /** 补正: the corrected registration checked like a new one, the ledger updated, the correction recorded. */
    InvestmentProject correct(TaskTrace t, ProjectRegistration corrected, String originUnit, String note) {
        var violations = validator.validate(corrected);
        if (!violations.isEmpty()) {
            throw new TaskInputRejected(violations.stream().map(ConstraintViolation::getMessage).sorted().collect(Collectors.joining("；")));
        }
        InvestmentProject updated;
        try {
            updated = projects.correct(t.code(), corrected, t.actor(), note, t.processInstanceId(), t.taskId());
        } catch (ApiException e) {
            throw new TaskInputRejected(e.getMessage());
        }
        records.record(t.code(), t.processInstanceId(), t.taskId(), "CORRECTION", originUnit, "CORRECTED", note, t.actor());
        return updated;
    }
}
