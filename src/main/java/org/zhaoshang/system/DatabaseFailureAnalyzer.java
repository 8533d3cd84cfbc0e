package org.zhaoshang.system;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * A start without its database (PostgreSQL down, wrong address, wrong password, database missing) ends
 * with one clear paragraph, in Chinese and English, naming the URL and what to check — instead of a page of
 * stack traces from Flyway, Hikari and the engine. The start does not wait: the pool fails on its first
 * attempt (Hikari's default), so an orchestrator sees the failure at once and can restart the node.
 */
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    private final Environment environment;

    DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String state = sqlState(cause);
        String url = environment.getProperty("spring.datasource.url", "(未配置 / not set)");
        String user = environment.getProperty("spring.datasource.username", "");
        String problem;
        if (state.startsWith("08") || hasCause(cause, ConnectException.class) || hasCause(cause, UnknownHostException.class)) {
            problem = "无法连接数据库 / cannot reach the database";
        } else if (state.equals("28P01") || state.equals("28000")) {
            problem = "数据库用户名或密码错误 / the database refused user '" + user + "' (wrong user or password)";
        } else if (state.equals("3D000")) {
            problem = "数据库不存在 / the database does not exist";
        } else {
            return null;
        }
        return new FailureAnalysis(problem + ": " + url + " (" + cause.getMessage() + ")",
                "请检查 PostgreSQL 是否已启动、DB_URL / DB_USER / DB_PASSWORD 是否正确，数据库是否已创建（README：Running on PostgreSQL）。"
                        + " Check that PostgreSQL is running and that DB_URL, DB_USER and DB_PASSWORD are right.",
                cause);
    }

    private static String sqlState(SQLException exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    private static boolean hasCause(Throwable exception, Class<? extends Throwable> type) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
