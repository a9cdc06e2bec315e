package casegrid.web;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A request with bad fields. It extends the engine's BadUserRequestException so that the same
 * check, run inside a task listener, reaches Tasklist and the engine REST as a 400 with the message.
 */
public class InvalidRequestException extends BadUserRequestException {

    private final transient List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.field() + "：" + p.message()).collect(Collectors.joining("；")));
        this.problems = List.copyOf(problems);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
