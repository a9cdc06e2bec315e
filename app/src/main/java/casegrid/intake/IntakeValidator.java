package casegrid.intake;

import casegrid.item.Codes;
import casegrid.org.OrgDirectory;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** One validation for every intake path (REST and the Tasklist start form): field rules, then the organisation's. */
@Component
public class IntakeValidator {

    private final Validator validator;
    private final OrgDirectory org;

    public IntakeValidator(Validator validator, OrgDirectory org) {
        this.validator = validator;
        this.org = org;
    }

    public void validate(IntakeRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<IntakeRequest> v : validator.validate(request)) {
            problems.add(new FieldProblem(v.getPropertyPath().toString(), v.getMessage()));
        }
        if (request.category() != null && !request.category().isBlank() && !Codes.CATEGORIES.containsKey(request.category())) {
            problems.add(new FieldProblem("category", "未知类别，应为 " + String.join("/", Codes.CATEGORIES.keySet())));
        }
        if (request.source() != null && !request.source().isBlank() && !Codes.SOURCES.containsKey(request.source())) {
            problems.add(new FieldProblem("source", "未知来源渠道，应为 " + String.join("/", Codes.SOURCES.keySet())));
        }
        boolean communityKnown = false;
        if (request.community() != null && !request.community().isBlank()) {
            communityKnown = org.community(request.community()).isPresent();
            if (!communityKnown) {
                problems.add(new FieldProblem("community", "未知社区 " + request.community()));
            }
        }
        if (request.grid() != null && !request.grid().isBlank()) {
            Optional<String> gridCommunity = org.communityOfGrid(request.grid());
            if (gridCommunity.isEmpty()) {
                problems.add(new FieldProblem("grid", "未知网格 " + request.grid()));
            } else if (communityKnown && !gridCommunity.get().equals(request.community())) {
                problems.add(new FieldProblem("grid", "网格 " + request.grid() + " 不属于社区 " + request.community()));
            }
        }
        OffsetDateTime occurredAt = request.occurredAt();
        if (occurredAt != null && occurredAt.toInstant().isAfter(ClockUtil.getCurrentTime().toInstant().plusSeconds(300))) {
            problems.add(new FieldProblem("occurredAt", "发生时间不能晚于现在"));
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(FieldProblem::field));
            throw new InvalidRequestException(problems);
        }
    }
}
