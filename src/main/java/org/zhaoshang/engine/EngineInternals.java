package org.zhaoshang.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine plugins share to hook into Camunda: putting a hook first in one of the engine's lists (command
 * interceptors, pre-deployers), and reading a field of an engine command that Camunda offers no getter for. A field
 * an engine upgrade renamed fails the start, naming the guard to review, rather than letting it run unguarded.
 */
final class EngineInternals {

    private EngineInternals() {
    }

    /** A new list with {@code first} ahead of the engine's {@code existing} entries (which may be null). */
    static <T> List<T> first(T first, List<T> existing) {
        List<T> all = new ArrayList<>();
        all.add(first);
        if (existing != null) {
            all.addAll(existing);
        }
        return all;
    }

    /** A private or protected field of an engine class, made readable; {@code user} is the guard that needs it. */
    static Field field(Class<?> type, String name, Class<?> user) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Camunda changed " + type.getName() + "." + name + ": review " + user.getSimpleName(), e);
        }
    }

    static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
