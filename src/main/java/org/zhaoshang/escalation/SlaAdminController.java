package org.zhaoshang.escalation;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.calendar.WorkingPeriod;
import org.zhaoshang.identity.CurrentUser;
import org.zhaoshang.system.Labelled;
import org.zhaoshang.system.OneOf;

/**
 * {@code /api/admin/slas}: administrators read and change task SLAs (applies to tasks created afterwards), in whole
 * working days, half days or working hours.
 */
@RestController
@RequestMapping("/api/admin/slas")
class SlaAdminController {

    /** Times as written ("5", "0.5", "4h") and as read ("5 个工作日"). */
    record SlaView(String taskKey, String dueDays, String remindBeforeDays, String level1AfterDays, String level2AfterDays,
            String dueLabel, String remindBeforeLabel, String level1AfterLabel, String level2AfterLabel,
            String level0Recipients, String level1Recipients, String level2Recipients, String source, String updatedBy,
            String updatedAt) {

        static SlaView of(SlaService.EffectiveSla e) {
            TaskSla s = e.sla();
            return new SlaView(s.taskKey(), s.due().text(), s.remindBefore().text(), s.level1After().text(), s.level2After().text(),
                    s.due().label(), s.remindBefore().label(), s.level1After().label(), s.level2After().label(),
                    s.level0Recipients().name(), s.level1Recipients().name(), s.level2Recipients().name(),
                    e.source().name(), e.updatedBy(), e.updatedAt() == null ? null : e.updatedAt().toString());
        }
    }

    /**
     * The times take whole working days (5), half days (0.5) or working hours ("4h"); a number is read as days. The
     * rules between them (reminder before due, level 2 after level 1) are {@link TaskSla#problems}.
     */
    record SlaChange(
            @NotNull(message = "请填写办理时限") @ValidPeriod(positive = true) String dueDays,
            @NotNull(message = "请填写到期前多久提醒") @ValidPeriod String remindBeforeDays,
            @NotNull(message = "请填写到期后多久一级督办") @ValidPeriod String level1AfterDays,
            @NotNull(message = "请填写到期后多久二级督办") @ValidPeriod String level2AfterDays,
            @NotBlank(message = "请选择提醒接收人") @OneOf(value = RecipientRule.class, message = "接收人规则不在可选范围内") String level0Recipients,
            @NotBlank(message = "请选择一级督办接收人") @OneOf(value = RecipientRule.class, message = "接收人规则不在可选范围内") String level1Recipients,
            @NotBlank(message = "请选择二级督办接收人") @OneOf(value = RecipientRule.class, message = "接收人规则不在可选范围内") String level2Recipients) {

        TaskSla toSla(String taskKey) {
            return new TaskSla(taskKey, WorkingPeriod.parse(dueDays), WorkingPeriod.parse(remindBeforeDays),
                    WorkingPeriod.parse(level1AfterDays), WorkingPeriod.parse(level2AfterDays),
                    Labelled.parse(RecipientRule.class, level0Recipients).orElseThrow(),
                    Labelled.parse(RecipientRule.class, level1Recipients).orElseThrow(),
                    Labelled.parse(RecipientRule.class, level2Recipients).orElseThrow());
        }
    }

    /** A time limit that parses as a {@link WorkingPeriod} (and, with {@code positive}, is more than nothing). */
    @java.lang.annotation.Target({java.lang.annotation.ElementType.FIELD, java.lang.annotation.ElementType.PARAMETER})
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @jakarta.validation.Constraint(validatedBy = ValidPeriod.Check.class)
    @interface ValidPeriod {
        String message() default "时限格式不正确：请填写工作日（如 5、0.5）或工作小时（如 4h）";
        boolean positive() default false;
        Class<?>[] groups() default {};
        Class<? extends jakarta.validation.Payload>[] payload() default {};

        class Check implements jakarta.validation.ConstraintValidator<ValidPeriod, String> {
            private boolean positive;

            @Override
            public void initialize(ValidPeriod annotation) {
                positive = annotation.positive();
            }

            @Override
            public boolean isValid(String value, jakarta.validation.ConstraintValidatorContext context) {
                if (value == null) {
                    return true;
                }
                try {
                    WorkingPeriod period = WorkingPeriod.parse(value);
                    if (positive && period.isZero()) {
                        context.disableDefaultConstraintViolation();
                        context.buildConstraintViolationWithTemplate("办理时限须大于0（至少 0.5 个工作日或 1 个工作小时）").addConstraintViolation();
                        return false;
                    }
                    return true;
                } catch (IllegalArgumentException e) {
                    context.disableDefaultConstraintViolation();
                    context.buildConstraintViolationWithTemplate(e.getMessage().replace("{", "").replace("}", "")).addConstraintViolation();
                    return false;
                }
            }
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
