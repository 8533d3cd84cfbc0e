package org.zhaoshang.system;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * While the database is unreachable (restarting, crashed, network gone) every request fails the same
 * clean way: 503 with {@code Retry-After} and a Chinese message, JSON for the APIs — not a 500 with a
 * stack trace. The pool reconnects by itself once the server is back (Hikari checks a connection before
 * handing it out), so nothing has to be restarted. Whatever the request was doing is rolled back with its
 * transaction: the person simply tries again.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseUnavailable {

    public static final String MESSAGE = "数据库暂时不可用，请稍后重试（您的操作未被保存）";
    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);
    /** How the engine and the driver word a lost or refused connection when only the message reaches us. */
    private static final Pattern CONNECTION_LOST = Pattern.compile("Could not open JDBC Connection|Connection is not available, request timed out"
            + "|Connection refused|I/O error occurred while sending to the backend|This connection has been closed"
            + "|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)"
            // the statement time-out (57014) of the production profile: the database is too slow or blocked right now
            + "|canceling statement due to statement timeout");

    /** True when {@code failure} (or a cause) says the database cannot be reached right now. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P") || sql.getSQLState().equals("57014"))) {
                return true;
            }
            if (t.getMessage() != null && CONNECTION_LOST.matcher(t.getMessage()).find()) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * True when the database does not answer right now. For a failure whose wording does not say why (a pooled
     * connection that died with the server, reported by the engine as a generic persistence error): asked only
     * once a request has already failed, so a working system never pays for it.
     */
    public static boolean isDown(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return !connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    /** True when an error message from the engine's REST API says the database cannot be reached. */
    public static boolean isMessage(String message) {
        return message != null && CONNECTION_LOST.matcher(message).find();
    }

    @Bean
    FilterRegistrationBean<Filter> databaseUnavailableFilter(ObjectMapper json, DataSource dataSource) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(json, dataSource));
        registration.setName("databaseUnavailable");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        // In front of everything, Spring Security included: logging in needs the database too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {

        private final ObjectMapper json;
        private final DataSource dataSource;

        Filter(ObjectMapper json, DataSource dataSource) {
            this.json = json;
            this.dataSource = dataSource;
        }

        /** Also on the way to the error page: a failure that reached the container as a 500. */
        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getDispatcherType() == DispatcherType.ERROR) {
                Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
                Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
                if (Integer.valueOf(500).equals(status) && !response.isCommitted()
                        && ((failure instanceof Throwable t && isCause(t)) || isDown(dataSource))) {
                    log.warn("Database unavailable during {}: {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                            failure == null ? "500" : failure.toString());
                    write(request, response, String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)));
                    return;
                }
                chain.doFilter(request, response);
                return;
            }
            try {
                chain.doFilter(request, response);
            } catch (ServletException | RuntimeException e) {
                if (!isCause(e) || response.isCommitted()) {
                    throw e;
                }
                log.warn("Database unavailable during {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
                write(request, response, request.getRequestURI());
            }
        }

        private void write(HttpServletRequest request, HttpServletResponse response, String uri) throws IOException {
            response.reset();
            response.setHeader("Retry-After", "10");
            FilterAnswers.write(json, response, uri.substring(Math.min(uri.length(), request.getContextPath().length())), 503,
                    "系统暂时不可用", MESSAGE);
        }
    }
}
