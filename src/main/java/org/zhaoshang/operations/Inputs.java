package org.zhaoshang.operations;

import org.zhaoshang.system.ApiException;

/** Checks of the text people give with an operation (a reason, a note): Chinese messages, nothing saved on refusal. */
final class Inputs {

    static final int MAX = 2000;

    private Inputs() {
    }

    static String required(String value, String field, String message) {
        String text = optional(value, field);
        if (text == null) {
            throw ApiException.badField(field, message);
        }
        return text;
    }

    static String optional(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > MAX) {
            throw ApiException.badField(field, "内容过长（不超过" + MAX + "字）");
        }
        return text;
    }
}
