package org.zhaoshang.escalation;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.CurrentUser;
import org.zhaoshang.system.Labelled;
import org.zhaoshang.system.OneOf;

/** {@code /api/admin/slas}: administrators read and change task SLAs (applies to tasks created afterwards). */
@RestController
@RequestMapping("/api/admin/slas")
class SlaAdminController {

    record SlaView(String taskKey, int dueDays, int remindBeforeDays, int level1AfterDays, int level2AfterDays,
            String level0Recipients, String level1Recipients, String level2Recipients, String source, String updatedBy,
            String updatedAt) {

        static SlaView of(SlaService.EffectiveSla e) {
            TaskSla s = e.sla();
            return new SlaView(s.taskKey(), s.dueDays(), s.remindBeforeDays(), s.level1AfterDays(), s.level2AfterDays(),
                    s.level0Recipients().name(), s.level1Recipients().name(), s.level2Recipients().name(),
                    e.source().name(), e.updatedBy(), e.updatedAt() == null ? null : e.updatedAt().toString());
        }
    }

    record SlaChange(
            @NotNull(message = "请填写办理时限（工作日）") @Min(value = 1, message = "办理时限至少1个工作日") @Max(value = TaskSla.MAX_DAYS, message = "办理时限不能超过250个工作日") Integer dueDays,
            @NotNull(message = "请填写到期前几个工作日提醒") @Min(value = 0, message = "提醒天数不能为负数") Integer remindBeforeDays,
            @NotNull(message = "请填写到期后几个工作日一级督办") @Min(value = 0, message = "一级督办天数不能为负数") Integer level1AfterDays,
            @NotNull(message = "请填写到期后几个工作日二级督办") @Min(value = 1, message = "二级督办至少在到期后1个工作日") Integer level2AfterDays,
            @NotBlank(message = "请选择提醒接收人") @OneOf(value = RecipientRule.class, message = "接收人规则不在可选范围内") String level0Recipients,
            @NotBlank(message = "请选择一级督办接收人") @OneOf(value = RecipientRule.class, message = "接收人规则不在可选范围内") String level1Recipients,
            @NotBlank(message = "请选择二级督办接收人") @OneOf(value = RecipientRule.class, message = "接收人规则不在可选范围内") String level2Recipients) {

        TaskSla toSla(String taskKey) {
            return new TaskSla(taskKey, dueDays, remindBeforeDays, level1AfterDays, level2AfterDays,
                    Labelled.parse(RecipientRule.class, level0Recipients).orElseThrow(),
                    Labelled.parse(RecipientRule.class, level1Recipients).orElseThrow(),
                    Labelled.parse(RecipientRule.class, level2Recipients).orElseThrow());
        }
    }

    private final SlaService slas;

    SlaAdminController(SlaService slas) {
        this.slas = slas;
    }

    @GetMapping
    List<SlaView> list() {
        return slas.all().stream().map(SlaView::of).toList();
    }

    @GetMapping("/{taskKey}")
    SlaView get(@PathVariable String taskKey) {
        return SlaView.of(slas.describe(taskKey));
    }

    @PutMapping("/{taskKey}")
    SlaView change(@PathVariable String taskKey, @Valid @RequestBody SlaChange change) {
        return SlaView.of(slas.save(change.toSla(taskKey), CurrentUser.get().id()));
    }

    @DeleteMapping("/{taskKey}")
    SlaView reset(@PathVariable String taskKey) {
        return SlaView.of(slas.reset(taskKey));
    }
}
