package org.zhaoshang.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;
import org.zhaoshang.system.Labelled;

/**
 * The one way a task's submitted values are read on the server, whatever sent them (Tasklist's form, the engine's
 * REST API, the app's phone view): one text limit, no control characters, decisions only from their enum (and stored
 * as its code, so the model's gateways compare codes), numbers and dates parsed, each refusal in Chinese.
 */
public final class TaskForm {

    /** The longest text any form field takes (the same as the engine API's limit for a variable). */
    public static final int MAX_TEXT = 4000;

    private final VariableScope scope;

    public TaskForm(VariableScope scope) {
        this.scope = scope;
    }

    /** The trimmed text of a field, or null when empty; refused when too long or holding control characters. */
    public String text(String variable) {
        Object value = scope.getVariable(variable);
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > MAX_TEXT) {
            throw new TaskInputRejected("填写的内容过长（不超过 " + MAX_TEXT + " 字）");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new TaskInputRejected("填写的内容不能包含控制字符");
        }
        return text;
    }

    /** The text of a field that must be filled; refused with {@code message} when empty. */
    public String required(String variable, String message) {
        String text = text(variable);
        if (text == null) {
            throw new TaskInputRejected(message);
        }
        return text;
    }

    /**
     * A decision: one of the enum's codes (or its Chinese label), refused with {@code message} otherwise. The variable
     * is set to the code, so that "通过" or "pass" reach the model's gateways as {@code PASS}.
     */
    public <E extends Enum<E> & Labelled> E choice(String variable, Class<E> type, String message) {
        return optionalChoice(variable, type, message).orElseThrow(() -> new TaskInputRejected(message));
    }

    /** A decision that may be left empty; refused with {@code message} when filled with something not in the enum. */
    public <E extends Enum<E> & Labelled> Optional<E> optionalChoice(String variable, Class<E> type, String message) {
        String text = text(variable);
        if (text == null) {
            return Optional.empty();
        }
        E value = Labelled.parse(type, text).orElseThrow(() -> new TaskInputRejected(message));
        if (!value.name().equals(scope.getVariable(variable))) {
            scope.setVariable(variable, value.name());
        }
        return Optional.of(value);
    }

    /** A number ≥ 0 with at most two decimals (amounts in 万元, counts); refused with a Chinese message. */
    public BigDecimal amount(String variable, String what) {
        return optionalAmount(variable, what).orElseThrow(() -> new TaskInputRejected("请填写" + what));
    }

    /** An amount that may be left empty. */
    public Optional<BigDecimal> optionalAmount(String variable, String what) {
        Object value = scope.getVariable(variable);
        if (value == null || value.toString().isBlank()) {
            return Optional.empty();
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
        return Optional.of(number.setScale(Math.max(0, Math.min(2, number.stripTrailingZeros().scale())), RoundingMode.HALF_UP));
    }

    /** A date (form-js sends "yyyy-MM-dd"; the REST API may send a Date); refused with a Chinese message. */
    public LocalDate date(String variable, String what, ZoneId zone) {
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

    /** A checklist: JSON (Tasklist), a collection (Java API) or comma-separated text; each entry checked as text. */
    public List<String> list(String variable) {
        Object value = scope.getVariable(variable);
        List<String> items = new ArrayList<>();
        if (value instanceof SpinJsonNode json && json.isArray()) {
            json.elements().forEach(e -> items.add(e.stringValue()));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(e -> items.add(String.valueOf(e)));
        } else if (value != null) {
            for (String part : value.toString().replaceAll("[\\[\\]\"]", "").split(",")) {
                items.add(part);
            }
        }
        List<String> checked = new ArrayList<>();
        for (String item : items) {
            String text = item == null ? "" : item.strip();
            if (text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl)) {
                throw new TaskInputRejected("选择的内容有误");
            }
            if (!text.isEmpty()) {
                checked.add(text);
            }
        }
        return checked;
    }

    /** A checkbox: true only when ticked. */
    public boolean flag(String variable) {
        Object value = scope.getVariable(variable);
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }
}
