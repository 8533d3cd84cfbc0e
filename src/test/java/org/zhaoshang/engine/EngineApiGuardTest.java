package org.zhaoshang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine API's answers that the filter rewrites, without a running engine: a generic persistence error
 * while the database is down, the engine's English refusals of submitted variables, refused variable types.
 */
class EngineApiGuardTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final EngineApiDescription DESCRIPTION = new EngineApiDescription(JSON);

    static final String PERSISTENCE = "{\"type\":\"ProcessEngineException\",\"message\":\"An exception occurred in the persistence layer. "
            + "Please check the server logs for a detailed message and the entire exception stack trace.\"}";

    @Test
    void aGenericPersistenceErrorIsA503WhileTheDatabaseDoesNotAnswerAndStaysA500Otherwise() throws Exception {
        MockHttpServletResponse down = complete(true, 500, PERSISTENCE, "{}");
        assertThat(down.getStatus()).isEqualTo(503);
        assertThat(down.getContentAsString(StandardCharsets.UTF_8)).contains("数据库暂时不可用");
        MockHttpServletResponse up = complete(false, 500, PERSISTENCE, "{}");
        assertThat(up.getStatus()).isEqualTo(500);
        assertThat(up.getContentAsString()).isEqualTo(PERSISTENCE);
    }

    @Test
    void theEnginesEnglishRefusalOfAValueIsSaidInChinese() throws Exception {
        MockHttpServletResponse response = complete(false, 400, "{\"type\":\"InvalidRequestException\",\"message\":\"Cannot complete task 1: "
                + "Cannot convert value '99999999' of type 'Short' to java type java.lang.Short\"}", "{}");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("「99999999」不是有效的整数（−32768～32767）");
    }

    @Test
    void variablesAFormCannotSendAreRefusedBeforeTheEngineSeesThem() throws Exception {
        for (String variable : new String[] {"{\"value\":\"x\",\"type\":\"\"}", "{\"value\":\"x\",\"type\":\"File\"}",
                "{\"value\":\"a\\u0000b\",\"type\":\"String\"}", "{\"value\":\"" + "长".repeat(4001) + "\"}"}) {
            MockHttpServletResponse response = complete(false, 204, "", "{\"variables\":{\"note\":" + variable + "}}");
            assertThat(response.getStatus()).as(variable).isEqualTo(400);
            assertThat(response.getContentAsString(StandardCharsets.UTF_8)).as(variable).contains("提交的数据无效").contains("note");
        }
        assertThat(complete(false, 204, "", "{\"variables\":{\"note\":{\"value\":\"" + "长".repeat(4000) + "\",\"type\":\"String\"}}}")
                .getStatus()).isEqualTo(204);
    }

    static EngineApiGuard.Guard guard(boolean databaseDown) {
        return new EngineApiGuard.Guard(JSON, null, null, null, 2000, () -> databaseDown, DESCRIPTION,
                new EngineInputCheck(DESCRIPTION, JSON, className -> className.startsWith("java.lang.") || className.equals("java.util.ArrayList"),
                        java.util.regex.Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]*")),
                1024 * 1024);
    }

    /** A task completion whose engine answers {@code status} with {@code answer}. */
    private static MockHttpServletResponse complete(boolean databaseDown, int status, String answer, String body) throws Exception {
        EngineApiGuard.Guard filter = guard(databaseDown);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/engine-rest/task/1/complete");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res)
                    throws java.io.IOException {
                req.getInputStream().readAllBytes();
                res.setStatus(status);
                res.setContentType("application/json");
                res.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
            }
        }));
        return response;
    }
}
