package casegrid.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The engine's REST ({@code /engine-rest}, and the webapps' engine API Tasklist calls, which registers the
 * same providers) while PostgreSQL is down or restarting: 503 problem+json with Retry-After, like
 * {@code /api} (DatabaseUnavailableTest). Through Jersey's real exception-mapper selection with
 * Camunda's own mappers and ours (auto-discovered, as in the app), without stopping the suite's database.
 */
class EngineRestDatabaseUnavailableTest {

    @Path("/fail")
    public static class Failing {
        @GET
        @Path("{kind}")
        public String fail(@PathParam("kind") String kind) {
            // The resources' own wrapper ("Cannot complete task …"); the rest as /api meets them.
            throw "wrapped".equals(kind) ? new RestException(Response.Status.INTERNAL_SERVER_ERROR, new ProcessEngineException(
                    "ENGINE-03004", new PersistenceException(new SQLException("the database system is starting up", "57P03"))),
                    "Cannot complete task 42") : DatabaseUnavailableTest.failure(kind);
        }
    }

    private final ApplicationHandler jersey = new ApplicationHandler(
            new ResourceConfig(CamundaRestResources.getConfigurationClasses()).register(Failing.class)
                    // jersey-spring6 is on the class path: an empty context, or it looks for applicationContext.xml.
                    .property("contextConfig", new AnnotationConfigApplicationContext()));

    private ContainerResponse get(String kind) throws Exception {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost/fail/" + kind),
                "GET", null, new MapPropertiesDelegate(), jersey.getConfiguration());
        return jersey.apply(request).get();
    }

    @Test
    void databaseDownIs503ProblemWithRetryAfter() throws Exception {
        for (String kind : new String[] {"no-connection", "jdbc", "engine", "rollback-failed", "wrapped"}) {
            ContainerResponse response = get(kind);
            assertThat(response.getStatus()).as(kind).isEqualTo(503);
            assertThat(response.getHeaderString("Content-Type")).as(kind).startsWith("application/problem+json");
            assertThat(response.getHeaderString("Retry-After")).as(kind).isEqualTo("10");
            JsonNode problem = new ObjectMapper().readTree(response.getEntity().toString());
            assertThat(problem.path("status").asInt()).isEqualTo(503);
            assertThat(problem.path("title").asText()).isEqualTo("服务暂时不可用");
            assertThat(problem.path("detail").asText()).isEqualTo("数据库暂时不可用，请求未执行，请稍后重试。");
            // Tasklist shows an error's "message".
            assertThat(problem.path("message").asText()).isEqualTo("数据库暂时不可用，请求未执行，请稍后重试。");
        }
    }

    @Test
    void otherFailuresKeepCamundasAnswers() throws Exception {
        ContainerResponse engineBug = get("engine-bug");
        assertThat(engineBug.getStatus()).isEqualTo(500);
        assertThat(engineBug.getHeaderString("Retry-After")).isNull();
        assertThat(get("other").getStatus()).isEqualTo(500);
    }
}
