package org.zhaoshang.system;

import java.util.Arrays;
import java.util.Optional;

/** A domain enum with a Chinese label. API clients may send either the English code or the label. */
public interface Labelled {

    String name();

    String label();

    /** The constant whose code or Chinese label equals {@code value}, if any. */
    static <E extends Enum<E> & Labelled> Optional<E> parse(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equalsIgnoreCase(trimmed) || e.label().equals(trimmed))
                .findFirst();
    }
}
