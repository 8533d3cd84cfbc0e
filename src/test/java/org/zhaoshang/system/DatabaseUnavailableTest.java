package org.zhaoshang.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The rare failure the database crash test met once: a pooled connection that died with the server fails
 * with a generic error, which reaches the container as a 500 and its error page. On the way to that page
 * the filter asks the database; when it does not answer, the person gets the 503 with the Chinese message.
 */
class DatabaseUnavailableTest {

    static final DataSource DOWN = new AbstractDataSource() {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    };
    static final DataSource UP = new DriverManagerDataSource("jdbc:h2:mem:database-unavailable-test", "sa", "");

    @Test
    void aFiveHundredOnItsWayToTheErrorPageBecomesA503WhenTheDatabaseDoesNotAnswer() throws Exception {
        MockHttpServletResponse api = errorDispatch("/engine-rest/task/1/complete", new IllegalStateException("persistence layer"), DOWN);
        assertThat(api.getStatus()).isEqualTo(503);
        assertThat(api.getHeader("Retry-After")).isEqualTo("10");
        assertThat(api.getContentType()).startsWith("application/json");
        assertThat(api.getContentAsString()).contains(DatabaseUnavailable.MESSAGE);

        MockHttpServletResponse page = errorDispatch("/projects", null, DOWN);
        assertThat(page.getStatus()).isEqualTo(503);
        assertThat(page.getContentType()).startsWith("text/html");
        assertThat(page.getContentAsString()).contains("系统暂时不可用").contains(DatabaseUnavailable.MESSAGE);
    }

    @Test
    void anyOtherFiveHundredStillGoesToTheErrorPage() throws Exception {
        MockHttpServletResponse response = errorDispatch("/projects", new IllegalStateException("a bug"), UP);
        assertThat(response.getStatus()).as("left to the error page").isEqualTo(200);
        assertThat(response.getContentAsString()).isEmpty();
    }

    @Test
    void aDatabaseErrorThatNamesItsCauseIsA503WithoutAskingTheDatabase() throws Exception {
        MockHttpServletResponse response = errorDispatch("/api/projects",
                new org.springframework.transaction.CannotCreateTransactionException("Could not open JDBC Connection for transaction"), UP);
        assertThat(response.getStatus()).isEqualTo(503);
    }

    private static MockHttpServletResponse errorDispatch(String uri, Throwable failure, DataSource dataSource) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
        if (failure != null) {
            request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        new DatabaseUnavailable.Filter(new ObjectMapper(), dataSource).doFilter(request, response, new MockFilterChain());
        return response;
    }
}
