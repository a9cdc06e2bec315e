package casegrid.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.ServletException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API's answer when PostgreSQL is down or restarting: 503 problem+json with Retry-After, through
 * Spring MVC's real exception resolution (ApiErrors as the controller advice), without stopping the
 * suite's database. bench/faults.sh proves the same against a restarted server.
 */
class DatabaseUnavailableTest {

    /** The failures a request meets while PostgreSQL is down or restarting, and two that are something else. */
    static RuntimeException failure(String kind) {
        return switch (kind) {
            // What Spring's @Transactional throws when Hikari has no connection within its timeout.
            case "no-connection" -> new CannotCreateTransactionException("Could not open JDBC Connection",
                    new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms"));
            case "jdbc" -> new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("Connection refused")));
            // The engine's MyBatis call on a pooled connection the server closed when it restarted.
            case "engine" -> new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation",
                    new PersistenceException(new SQLException("terminating connection due to administrator command", "57P01")));
            // The server ended the connection mid-transaction; the rollback then fails on the closed connection,
            // and Spring throws the rollback's failure, keeping the first one as its "application exception".
            case "rollback-failed" -> {
                TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                        new SQLException("Connection is closed"));
                rollback.initApplicationException(new DataAccessResourceFailureException("FATAL: terminating connection",
                        new SQLException("terminating connection due to administrator command", "57P01")));
                yield rollback;
            }
            case "engine-bug" -> new ProcessEngineException("ENGINE-09005 Could not parse BPMN process");
            default -> new IllegalStateException(kind);
        };
    }

    @RestController
    static class Failing {
        @GetMapping("/api/fail/{kind}")
        String fail(@PathVariable String kind) {
            throw failure(kind);
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ApiErrors()).build();

    @Test
    void databaseDownIs503ProblemWithRetryAfter() throws Exception {
        for (String kind : new String[] {"no-connection", "jdbc", "engine", "rollback-failed"}) {
            mvc.perform(get("/api/fail/" + kind))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(header().string("Retry-After", "10"))
                    .andExpect(jsonPath("$.status").value(503))
                    .andExpect(jsonPath("$.title").value("服务暂时不可用"))
                    .andExpect(jsonPath("$.detail").value("数据库暂时不可用，请求未执行，请稍后重试。"));
        }
    }

    /**
     * Failures before any controller (HTTP basic's password check reads the engine's users) pass through
     * the servlet filters, where no controller advice applies: the outermost filter answers them alike.
     */
    @Test
    void databaseDownBeforeTheControllerIs503Too() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new DatabaseUnavailableFilter().doFilter(new MockHttpServletRequest("GET", "/engine-rest/task"), response, (req, res) -> {
            throw new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation",
                    new PersistenceException(new SQLException("Connection to 127.0.0.1:5432 refused", "08001")));
        });
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.getHeader("Retry-After")).isEqualTo("10");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("\"status\":503")
                .contains("数据库暂时不可用，请求未执行，请稍后重试。");

        ServletException other = new ServletException(new IllegalStateException("a bug"));
        assertThatThrownBy(() -> new DatabaseUnavailableFilter().doFilter(new MockHttpServletRequest("GET", "/api/x"),
                new MockHttpServletResponse(), (req, res) -> { throw other; })).isSameAs(other);
    }

    @Test
    void otherEngineFailuresAreNotTakenForADatabaseOutage() {
        assertThat(DatabaseUnavailable.in(new ProcessEngineException("ENGINE-09005 Could not parse BPMN process"))).isFalse();
        assertThat(DatabaseUnavailable.in(new PersistenceException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.in(new RuntimeException(new SQLException("reset", "08006")))).isTrue();
        // The handler passes them on unchanged (no 503): MockMvc surfaces an unhandled exception as thrown.
        assertThatThrownBy(() -> mvc.perform(get("/api/fail/engine-bug")))
                .hasRootCauseInstanceOf(ProcessEngineException.class);
    }
}
