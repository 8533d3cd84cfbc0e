package org.zhaoshang.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Reading a person's task input on the server: text values, required fields with a Chinese refusal. */
public final class TaskInputs {

    public static final int MAX_TEXT = 4000;

    private TaskInputs() {
    }

    /** The trimmed text of a variable, or null. */
    public static String text(VariableScope scope, String variable) {
        Object value = scope.getVariable(variable);
        return value == null ? null : value.toString().trim();
    }

    /** The trimmed text of a variable; refused with {@code message} when empty, or when too long. */
    public static String required(VariableScope scope, String variable, String message) {
        String value = text(scope, variable);
        if (value == null || value.isEmpty()) {
            throw new TaskInputRejected(message);
        }
        if (value.length() > MAX_TEXT) {
            throw new TaskInputRejected("内容过长（不超过" + MAX_TEXT + "字）");
        }
        return value;
    }

    /** A number ≥ 0 with at most two decimals (amounts in 万元, counts); refused with a Chinese message. */
    public static BigDecimal amount(VariableScope scope, String variable, String what) {
        Object value = scope.getVariable(variable);
        if (value == null || value.toString().isBlank()) {
            throw new TaskInputRejected("请填写" + what);
        }
        BigDecimal number;
        try {
            number = new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new TaskInputRejected(what + "须为数字");
        }
        if (number.signum() < 0) {
            throw new TaskInputRejected(what + "不能为负数");
        }
        if (number.compareTo(new BigDecimal("99999999999999")) > 0) {
            throw new TaskInputRejected(what + "超出范围");
        }
        return number.setScale(Math.max(0, Math.min(2, number.stripTrailingZeros().scale())), java.math.RoundingMode.HALF_UP);
    }

    /** A date (form-js sends "yyyy-MM-dd"; the REST API may send a Date); refused with a Chinese message. */
    public static LocalDate date(VariableScope scope, String variable, String what, ZoneId zone) {
        Object value = scope.getVariable(variable);
        if (value == null || value.toString().isBlank()) {
            throw new TaskInputRejected("请填写" + what);
        }
        if (value instanceof Date date) {
            return LocalDate.ofInstant(date.toInstant(), zone);
        }
        String text = value.toString().trim();
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new TaskInputRejected(what + "格式不正确（例如 2027-06-30）");
        }
    }

    /** Who completes the task: the authenticated user (Tasklist, REST), else the assignee, else "system". */
    public static String actor(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication != null ? authentication.getUserId() : task.getAssignee() != null ? task.getAssignee() : "system";
    }

    /** Whether a person completes the task (steps the system runs itself have no authentication). */
    public static boolean authenticated(DelegateTask task) {
        return task.getProcessEngineServices().getIdentityService().getCurrentAuthentication() != null;
    }

    /** Refuses unless the authenticated user is in the group (steps run by the system itself pass). */
    public static void requireMember(DelegateTask task, String group, String message) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null && (authentication.getGroupIds() == null || !authentication.getGroupIds().contains(group))) {
            throw new TaskInputRejected(message);
        }
    }
}
