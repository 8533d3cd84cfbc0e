package org.zhaoshang.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL database of its own for tests that run the application as separate JVMs ({@link AppProcess})
 * on PostgreSQL — two nodes, a database restart — created empty next to the integration-test database, and
 * read with plain JDBC (the test JVM has no Spring context of its own there).
 */
public final class NodeDatabase {

    private final String url;
    private final String user;
    private final String password;

    private NodeDatabase(String url) {
        this(url, System.getProperty("DB_USER"), System.getProperty("DB_PASSWORD"));
    }

    private NodeDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A file-based H2 database in {@code dir} that the application JVM and the test both open (H2's auto-server mode). */
    public static NodeDatabase h2(java.nio.file.Path dir) {
        return new NodeDatabase("jdbc:h2:file:" + dir.toAbsolutePath().resolve("zhaoshang") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000",
                "sa", "");
    }

    /** Drops and creates {@code name} on the server of the PostgreSQL integration tests (call in the PostgreSQL pass). */
    public static NodeDatabase fresh(String name) throws SQLException {
        String itUrl = System.getProperty("DB_URL");
        String server = itUrl.substring(0, itUrl.lastIndexOf('/') + 1);
        NodeDatabase database = new NodeDatabase(server + name);
        try (Connection admin = DriverManager.getConnection(server + "postgres", database.user, database.password);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        }
        return database;
    }

    /** The arguments that point an application JVM at this database. */
    public List<String> arguments() {
        return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password);
    }

    /** As {@link #arguments()}, through a proxy on this machine's {@code port} instead of the server's address. */
    public List<String> argumentsThrough(int port) {
        return List.of("--spring.datasource.url=" + url.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/"),
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password);
    }

    /** The server's host and port, as the URL names them (PostgreSQL's 5432 when it names none). */
    public java.net.InetSocketAddress server() {
        java.util.regex.Matcher address = java.util.regex.Pattern.compile("//([^/:]+)(?::(\\d+))?/").matcher(url);
        if (!address.find()) {
            throw new IllegalStateException("no server in " + url);
        }
        return java.net.InetSocketAddress.createUnresolved(address.group(1), address.group(2) == null ? 5432 : Integer.parseInt(address.group(2)));
    }

    public long count(String sql, String... parameters) throws SQLException {
        return Long.parseLong(single(sql, parameters));
    }

    public String single(String sql, String... parameters) throws SQLException {
        List<String> values = strings(sql, parameters);
        return values.isEmpty() ? null : values.get(0);
    }

    public List<String> strings(String sql, String... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /** Runs an update with its parameters (set as objects); returns the number of rows changed. */
    public int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
