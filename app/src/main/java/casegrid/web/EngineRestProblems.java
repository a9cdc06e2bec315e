package casegrid.web;

import casegrid.item.ItemStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * Bad input on the engine's REST answers 400 problem+json naming each field, like {@code /api}, and
 * a failure whose cause chain says the database is unreachable answers 503 problem+json with
 * Retry-After (DatabaseUnavailable), like {@code /api}; Camunda's own mappers answered it 500.
 * Camunda's REST wraps whatever the engine throws: a task's check (an InvalidRequestException in
 * a task listener) arrives as ENGINE-03051 inside a RestException and was answered 500. These
 * mappers look through the cause chain; anything that is not bad input goes on to Camunda's own
 * handlers unchanged. They win over Camunda's mappers for the same type by their priority (Jersey
 * prefers the lower {@code @Priority} value among equally near mappers; ClientInputHttpTest
 * proves it). Registered through Jersey's auto-discovery (META-INF/services), so they serve both
 * {@code /engine-rest} and the webapps' own engine API that Tasklist submits forms to.
 */
public class EngineRestProblems implements AutoDiscoverable {

    private static final ObjectMapper JSON = new ObjectMapper().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);

    @Override
    public void configure(FeatureContext context) {
        context.register(Wrapped.class);
        context.register(Engine.class);
        context.register(Casegrid.class);
        context.register(Conflict.class);
        context.register(Unreachable.class);
    }

    /** The bad fields somewhere in the chain, if any. */
    static Optional<List<FieldProblem>> badInput(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidRequestException invalid) {
                return Optional.of(invalid.problems());
            }
            if (cause instanceof DateTimeParseException unparsable) {
                return Optional.of(List.of(new FieldProblem("variables", "日期格式不正确：" + unparsable.getParsedString())));
            }
            if (cause instanceof NumberFormatException unparsable) {
                return Optional.of(List.of(new FieldProblem("variables", "数字格式不正确：" + unparsable.getMessage())));
            }
        }
        return Optional.empty();
    }

    /** A step that would move an item to a status its current one does not lead to, somewhere in the chain. */
    static Optional<ItemStatus.IllegalMove> illegalMove(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ItemStatus.IllegalMove move) {
                return Optional.of(move);
            }
        }
        return Optional.empty();
    }

    static boolean isOurs(Throwable thrown) {
        return badInput(thrown).isPresent() || illegalMove(thrown).isPresent() || DatabaseUnavailable.in(thrown);
    }

    static Response toResponse(Throwable thrown) {
        if (DatabaseUnavailable.in(thrown)) {
            return Response.fromResponse(json(Response.Status.SERVICE_UNAVAILABLE, DatabaseUnavailable.problem()))
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
        }
        Optional<ItemStatus.IllegalMove> move = illegalMove(thrown);
        if (move.isPresent() && badInput(thrown).isEmpty()) {
            ProblemDetail conflict = ApiErrors.illegalMove(move.get());
            conflict.setProperty("message", conflict.getDetail());
            return json(Response.Status.CONFLICT, conflict);
        }
        List<FieldProblem> problems = badInput(thrown).orElseThrow();
        ProblemDetail problem = ApiErrors.withErrors(problems);
        // Camunda's own clients (Tasklist, Modeler) show an error's "message": each field and what is wrong with it.
        problem.setProperty("message", problems.stream().map(p -> p.field() + "：" + p.message())
                .collect(Collectors.joining("；")));
        return json(Response.Status.BAD_REQUEST, problem);
    }

    static String json(ProblemDetail problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response json(Response.Status status, ProblemDetail problem) {
        return Response.status(status).type("application/problem+json;charset=UTF-8").entity(json(problem)).build();
    }

    /** The REST resources' wrapper: "Cannot complete task …" with the engine's exception as cause. */
    @Priority(Priorities.USER - 100)
    public static final class Wrapped implements ExtendedExceptionMapper<RestException> {

        @Override
        public boolean isMappable(RestException exception) {
            return isOurs(exception);
        }

        @Override
        public Response toResponse(RestException exception) {
            return EngineRestProblems.toResponse(exception);
        }
    }

    /** Engine exceptions the resources let through unwrapped (ENGINE-03051 and the like). */
    @Priority(Priorities.USER - 100)
    public static final class Engine implements ExtendedExceptionMapper<ProcessEngineException> {

        @Override
        public boolean isMappable(ProcessEngineException exception) {
            return isOurs(exception);
        }

        @Override
        public Response toResponse(ProcessEngineException exception) {
            return EngineRestProblems.toResponse(exception);
        }
    }

    /** casegrid's own check thrown as is (ClientInputGuard on resources that do not wrap). */
    @Priority(Priorities.USER - 100)
    public static final class Casegrid implements ExtendedExceptionMapper<InvalidRequestException> {

        @Override
        public boolean isMappable(InvalidRequestException exception) {
            return true;
        }

        @Override
        public Response toResponse(InvalidRequestException exception) {
            return EngineRestProblems.toResponse(exception);
        }
    }

    /** An item's illegal status move thrown as is, unwrapped by the engine. */
    @Priority(Priorities.USER - 100)
    public static final class Conflict implements ExtendedExceptionMapper<ItemStatus.IllegalMove> {

        @Override
        public boolean isMappable(ItemStatus.IllegalMove exception) {
            return true;
        }

        @Override
        public Response toResponse(ItemStatus.IllegalMove exception) {
            return EngineRestProblems.toResponse(exception);
        }
    }

    /**
     * Whatever else reaches Camunda's catch-all mapper (a Spring transaction that got no connection, thrown
     * unwrapped by the engine's transaction interceptor) when the database is unreachable.
     */
    @Priority(Priorities.USER - 100)
    public static final class Unreachable implements ExtendedExceptionMapper<Throwable> {

        @Override
        public boolean isMappable(Throwable exception) {
            return DatabaseUnavailable.in(exception);
        }

        @Override
        public Response toResponse(Throwable exception) {
            return EngineRestProblems.toResponse(exception);
        }
    }
}
