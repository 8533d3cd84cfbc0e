package org.zhaoshang.engine;

import org.camunda.bpm.engine.delegate.VariableScope;

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
}
