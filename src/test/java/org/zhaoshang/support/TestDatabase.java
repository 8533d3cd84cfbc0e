package org.zhaoshang.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.ActiveProfilesResolver;

/**
 * Which database the integration tests run on, chosen by the system property {@code it.database}
 * that Maven Failsafe sets per execution: {@code h2} (always) or {@code postgres}. The PostgreSQL run
 * drops and recreates its own database ({@code zhaoshang_it}) once per JVM, so every run starts clean.
 * When the server does not answer, the PostgreSQL run is skipped with a message saying how to run it,
 * unless {@code REQUIRE_POSTGRES=true} (set by .ci/run), in which case it fails.
 */
public final class TestDatabase implements ActiveProfilesResolver, ExecutionCondition {

    public static final String PROPERTY = "it.database";
    public static final String POSTGRES_URL_PROPERTY = "it.postgres.url";
    static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/zhaoshang_it";

    private static volatile String preparedUrl;
    private static volatile String unavailableReason;
    private static volatile boolean warned;

    public static boolean isPostgres() {
        return "postgres".equals(System.getProperty(PROPERTY));
    }

    @Override
    public String[] resolve(Class<?> testClass) {
        return isPostgres() ? new String[] {"postgres", "demo", "it"} : new String[] {"demo", "test-h2", "it"};
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!isPostgres()) {
            return ConditionEvaluationResult.enabled("H2");
        }
        prepareOnce();
        if (unavailableReason == null) {
            return ConditionEvaluationResult.enabled("PostgreSQL at " + preparedUrl);
        }
        String message = "PostgreSQL suite skipped: " + unavailableReason
                + ". Start PostgreSQL on 127.0.0.1:5432 (or set -Dit.postgres.url=jdbc:postgresql://host:port/db) and run ./mvnw clean verify again.";
        if (Boolean.parseBoolean(System.getenv("REQUIRE_POSTGRES"))) {
            throw new IllegalStateException("REQUIRE_POSTGRES=true but " + message);
        }
        if (!warned) {
            warned = true;
            System.err.println("[WARNING] " + message);
        }
        return ConditionEvaluationResult.disabled(message);
    }

    private static synchronized void prepareOnce() {
        if (preparedUrl != null || unavailableReason != null) {
            return;
        }
        String url = System.getProperty(POSTGRES_URL_PROPERTY, DEFAULT_POSTGRES_URL);
        String user = System.getProperty("it.postgres.user", "postgres");
        String password = System.getProperty("it.postgres.password", "");
        int slash = url.lastIndexOf('/');
        String database = url.substring(slash + 1).replaceAll("\\?.*$", "");
        if (!database.matches("[a-z0-9_]+")) {
            unavailableReason = "unexpected database name " + database;
            return;
        }
        String adminUrl = url.substring(0, slash + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            unavailableReason = "cannot reach " + adminUrl + " (" + e.getMessage() + ")";
            return;
        }
        System.setProperty("DB_URL", url);
        System.setProperty("DB_USER", user);
        System.setProperty("DB_PASSWORD", password);
        preparedUrl = url;
        System.out.println("[INFO] Integration tests run on PostgreSQL: " + url + " " + List.of(user));
    }
}
