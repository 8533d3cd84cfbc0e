package org.zhaoshang.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every row of every table of the application's schema (Camunda's ACT_* and ours), as a count and a digest per
 * table: two snapshots are equal exactly when no request changed anything. Tables that change without a request
 * (the id generator's block, metrics) are left out; so are columns that a login touches.
 */
public final class DatabaseSnapshot {

    /** The engine's id block (a refused command may still fetch one) and its metrics; the lock-out counters of logins. */
    private static final Set<String> VOLATILE_TABLES = Set.of("act_ge_property", "act_ru_meter_log", "act_ru_task_meter_log");

    private DatabaseSnapshot() {
    }

    /** Table name → "rows=N sha256=…", for every table of the current schema but the volatile ones. */
    public static Map<String, String> of(JdbcClient jdbc) {
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA "
                + "AND table_type IN ('BASE TABLE', 'TABLE')").query(String.class).list();
        Map<String, String> snapshot = new TreeMap<>();
        for (String table : tables) {
            String name = table.toLowerCase(Locale.ROOT);
            if (VOLATILE_TABLES.contains(name)) {
                continue;
            }
            List<String> rows = new ArrayList<>();
            for (Map<String, Object> row : jdbc.sql("SELECT * FROM \"" + table + "\"").query().listOfRows()) {
                StringBuilder text = new StringBuilder();
                new TreeMap<>(row).forEach((column, value) -> text.append(column).append('=').append(text(value)).append('|'));
                rows.add(text.toString());
            }
            rows.sort(null);
            snapshot.put(name, "rows=" + rows.size() + " sha256=" + digest(String.join("\n", rows)));
        }
        return snapshot;
    }

    /** The tables whose rows differ between two snapshots (or that are gone), each with its state before and after. */
    public static List<String> changed(Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        after.forEach((table, state) -> {
            if (!state.equals(before.get(table))) {
                changed.add(table + ": " + before.get(table) + " → " + state);
            }
        });
        before.keySet().stream().filter(t -> !after.containsKey(t)).forEach(t -> changed.add(t + ": gone"));
        return changed;
    }

    private static String text(Object value) {
        try {
            if (value instanceof byte[] bytes) {
                return "bytes:" + digest(bytes);
            }
            if (value instanceof Blob blob) {
                try (InputStream in = blob.getBinaryStream()) {
                    return "bytes:" + digest(in.readAllBytes());
                }
            }
            if (value instanceof Clob clob) {
                try (Reader in = clob.getCharacterStream()) {
                    StringBuilder text = new StringBuilder();
                    char[] buffer = new char[8192];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        text.append(buffer, 0, n);
                    }
                    return text.toString();
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
        return String.valueOf(value);
    }

    private static String digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
