package casegrid.intake;

import casegrid.org.OrgDirectory;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import casegrid.web.PlainText;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** One validation for every intake path (REST and the Tasklist start form): field rules, then the organisation's. */
@Component
public class IntakeValidator {

    /** The sources whose work orders carry an id of the sender's (the city platform, the 12345 hotline). */
    public static final List<String> WORK_ORDER_SOURCES = List.of("PLATFORM", "HOTLINE_12345");
    /**
     * Categories whose risk can be a thing with no one involved yet (boxes blocking a fire exit, a
     * broken manhole cover): only these accept {@code peopleInvolved: 0}; a dispute or a claim has people.
     */
    static final Set<String> MAY_INVOLVE_NO_ONE = Set.of("PUBLIC_ORDER", "PUBLIC_SAFETY");

    private final Validator validator;
    private final OrgDirectory org;
    private final ReferenceData reference;

    public IntakeValidator(Validator validator, OrgDirectory org, ReferenceData reference) {
        this.validator = validator;
        this.org = org;
        this.reference = reference;
    }

    public void validate(IntakeRequest request) {
        List<FieldProblem> problems = new ArrayList<>(textProblems(request));
        for (ConstraintViolation<IntakeRequest> v : validator.validate(request)) {
            problems.add(new FieldProblem(v.getPropertyPath().toString(), v.getMessage()));
        }
        // Only active codes (reference_code, /admin/reference): a deactivated one is refused like an unknown one.
        codeProblem("category", Kind.CATEGORY, request.category()).ifPresent(problems::add);
        codeProblem("source", Kind.SOURCE, request.source()).ifPresent(problems::add);
        if (request.externalId() != null && !WORK_ORDER_SOURCES.contains(request.source())) {
            problems.add(new FieldProblem("externalId", "外部工单号只用于 " + String.join("/", WORK_ORDER_SOURCES)
                    + " 来源的工单（externalId needs source " + String.join(" or ", WORK_ORDER_SOURCES) + "）"));
        }
        if (Integer.valueOf(0).equals(request.peopleInvolved()) && !MAY_INVOLVE_NO_ONE.contains(request.category())) {
            problems.add(new FieldProblem("peopleInvolved", "涉及人数至少为1（只有治安隐患、公共安全类隐患可以为0）"));
        }
        if ((request.latitude() == null) != (request.longitude() == null)) {
            String missing = request.latitude() == null ? "latitude" : "longitude";
            problems.add(new FieldProblem(missing, "经纬度须同时填写（缺少" + (request.latitude() == null ? "纬度" : "经度") + "）"));
        }
        coordinateProblem("latitude", "纬度", request.latitude()).ifPresent(problems::add);
        coordinateProblem("longitude", "经度", request.longitude()).ifPresent(problems::add);
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
            // One entry per bad field, the first found: a NUL in a grid is not also an unknown grid.
            Map<String, FieldProblem> firstPerField = new TreeMap<>();
            problems.forEach(p -> firstPerField.putIfAbsent(p.field(), p));
            throw new InvalidRequestException(List.copyOf(firstPerField.values()));
        }
    }

    private Optional<FieldProblem> codeProblem(String field, Kind kind, String code) {
        if (code == null || code.isBlank() || reference.isActive(kind, code)) {
            return Optional.empty();
        }
        String known = String.join("/", reference.active(kind).keySet());
        return Optional.of(new FieldProblem(field, (reference.find(kind, code).isPresent() ? "已停用的" : "未知") + kind.label()
                + " " + code + "，应为 " + known));
    }

    /** NaN and infinities pass the range checks (JSON has neither, but the start form is not JSON). */
    private static Optional<FieldProblem> coordinateProblem(String field, String name, Double value) {
        return value != null && !Double.isFinite(value)
                ? Optional.of(new FieldProblem(field, name + "不是有效的数值")) : Optional.empty();
    }

    /** Every text of the request, control characters refused (only the description may span lines); no empty party. */
    private static List<FieldProblem> textProblems(IntakeRequest request) {
        List<Optional<FieldProblem>> found = new ArrayList<>(List.of(
                PlainText.problem("title", "标题", request.title(), false),
                PlainText.problem("description", "描述", request.description(), true),
                PlainText.problem("category", "类别", request.category(), false),
                PlainText.problem("subcategory", "细类", request.subcategory(), false),
                PlainText.problem("source", "来源渠道", request.source(), false),
                PlainText.problem("community", "社区", request.community(), false),
                PlainText.problem("grid", "网格", request.grid(), false),
                PlainText.problem("address", "地址", request.address(), false)));
        List<IntakeRequest.PartyInput> parties = request.partiesOrEmpty();
        for (int i = 0; i < parties.size(); i++) {
            IntakeRequest.PartyInput party = parties.get(i);
            if (party == null) {
                found.add(Optional.of(new FieldProblem("parties[" + i + "]", "当事人信息不能为空")));
                continue;
            }
            String at = "parties[" + i + "].";
            found.add(PlainText.problem(at + "name", "当事人姓名", party.name(), false));
            found.add(PlainText.problem(at + "phone", "当事人电话", party.phone(), false));
            found.add(PlainText.problem(at + "role", "当事人角色", party.role(), false));
        }
        return found.stream().flatMap(Optional::stream).toList();
    }
}
