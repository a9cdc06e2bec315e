package casegrid.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API's answer when PostgreSQL is down or restarting: 503 problem+json with Retry-After, through
 * Spring MVC's real exception resolution (ApiErrors as the controller advice), without stopping the
 * suite's database. bench/faults.sh proves the same against a restarted server.
 */
class DatabaseUnavailableTest {

    @RestController
    static class Failing {
        @GetMapping("/api/fail/{kind}")
        String fail(@PathVariable String kind) {
            throw switch (kind) {
                // What Spring's @Transactional throws when Hikari has no connection within its timeout.
                case "no-connection" -> new CannotCreateTransactionException("Could not open JDBC Connection",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms"));
                case "jdbc" -> new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("Connection refused")));
                // The engine's MyBatis call on a pooled connection the server closed when it restarted.
                case "engine" -> new ProcessEngineException("ENGINE-03004 Exception while executing Database Operation",
                        new PersistenceException(new SQLException("terminating connection due to administrator command", "57P01")));
                case "engine-bug" -> new ProcessEngineException("ENGINE-09005 Could not parse BPMN process");
                default -> new IllegalStateException(kind);
            };
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ApiErrors()).build();

    @Test
    void databaseDownIs503ProblemWithRetryAfter() throws Exception {
        for (String kind : new String[] {"no-connection", "jdbc", "engine"}) {
            mvc.perform(get("/api/fail/" + kind))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(header().string("Retry-After", "10"))
                    .andExpect(jsonPath("$.status").value(503))
                    .andExpect(jsonPath("$.title").value("服务暂时不可用"))
                    .andExpect(jsonPath("$.detail").value("数据库暂时不可用，请求未执行，请稍后重试。"));
        }
    }

    @Test
    void otherEngineFailuresAreNotTakenForADatabaseOutage() {
        assertThat(DatabaseUnavailable.in(new ProcessEngineException("ENGINE-09005 Could not parse BPMN process"))).isFalse();
        assertThat(DatabaseUnavailable.in(new PersistenceException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.in(new RuntimeException(new SQLException("reset", "08006")))).isTrue();
        // The handler passes them on unchanged (no 503): MockMvc surfaces an unhandled exception as thrown.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mvc.perform(get("/api/fail/engine-bug")))
                .hasRootCauseInstanceOf(ProcessEngineException.class);
    }
}
