package casegrid.intake;

import static casegrid.item.RiskItemVariables.*;

import casegrid.access.ItemAccess;
import casegrid.item.ItemEvent;
import casegrid.item.NewItem;
import casegrid.item.RiskItem;
import casegrid.item.RiskItemStore;
import casegrid.item.RiskItemStore.Party;
import casegrid.org.OrgDirectory;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
import casegrid.security.AppStart;
import casegrid.web.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import org.springframework.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers a risk item: number, item, parties, first timeline event and the riskItem process,
 * all in one transaction, so a failure anywhere leaves neither the item nor the process.
 */
@Service
public class IntakeService {

    /**
     * @param replayed        the same Idempotency-Key again: the first request's item
     * @param knownWorkOrder  a work order (externalId) registered before: its item, nothing new
     */
    public record IntakeResult(String number, String processInstanceId, String status, boolean replayed,
                               boolean knownWorkOrder) {

        public IntakeResult(String number, String processInstanceId, String status, boolean replayed) {
            this(number, processInstanceId, status, replayed, false);
        }
    }

    private final IntakeValidator validator;
    private final RiskItemStore items;
    private final OrgDirectory org;
    private final RuntimeService runtimeService;
    private final ItemAccess access;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ReferenceData reference;

    public IntakeService(IntakeValidator validator, RiskItemStore items, OrgDirectory org, RuntimeService runtimeService,
                         ItemAccess access, JdbcClient jdbc, ObjectMapper json,
                         ReferenceData reference) {
        this.reference = reference;
        this.json = json;
        this.validator = validator;
        this.items = items;
        this.org = org;
        this.runtimeService = runtimeService;
        this.access = access;
        this.jdbc = jdbc;
    }

    @Transactional
    public IntakeResult register(IntakeRequest request, String reporter, String idempotencyKey) {
        String fingerprint = idempotencyKey == null ? null : fingerprint(request);
        if (idempotencyKey != null) {
            // Waits for a concurrent request with the same key to finish, then finds its item.
            int claimed = jdbc.sql("""
                    insert into intake_request (user_id, idempotency_key, request_hash) values (?, ?, ?)
                    on conflict do nothing""").params(reporter, idempotencyKey, fingerprint).update();
            if (claimed == 0) {
                Map<String, Object> first = jdbc.sql("""
                        select number, request_hash from intake_request where user_id = ? and idempotency_key = ?""")
                        .params(reporter, idempotencyKey).query().singleRow();
                if (first.get("request_hash") != null && !first.get("request_hash").equals(fingerprint)) {
                    throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "该 Idempotency-Key 已用于另一个不同的登记请求（"
                            + first.get("number") + "）：重试请原样重发，新的登记请使用新的 Idempotency-Key。");
                }
                String number = (String) first.get("number");
                RiskItem item = items.require(number);
                return new IntakeResult(number, item.processInstanceId(), item.status().name(), true);
            }
        }
        validator.validate(request);
        requireMayReportIn(reporter, request.community());
        String externalId = request.externalId();
        if (externalId != null && !claimWorkOrder(externalId, request.source())) {
            String number = jdbc.sql("select number from work_order where external_id = ?").param(externalId)
                    .query(String.class).single();
            if (idempotencyKey != null) {
                jdbc.sql("update intake_request set number = ? where user_id = ? and idempotency_key = ?")
                        .params(number, reporter, idempotencyKey).update();
            }
            RiskItem item = items.require(number);
            return new IntakeResult(number, item.processInstanceId(), item.status().name(), false, true);
        }
        String number = createItem(request, reporter);
        // The only start of riskItem with a business key: ClientInputGuard refuses one from any client.
        ProcessInstance instance = AppStart.run(number, () -> runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(number).setVariables(contextVariables(number)).execute());
        if (idempotencyKey != null) {
            jdbc.sql("update intake_request set number = ? where user_id = ? and idempotency_key = ?")
                    .params(number, reporter, idempotencyKey).update();
        }
        return new IntakeResult(number, instance.getId(), items.require(number).status().name(), false);
    }

    /**
     * Claims the work order's id for this transaction. The primary key makes a concurrent push of the
     * same order wait here until the first commits (then false: its item exists) or rolls back (then
     * true: this one registers it), so one order never becomes two items.
     */
    private boolean claimWorkOrder(String externalId, String source) {
        return jdbc.sql("""
                insert into work_order (external_id, source, received_at) values (?, ?, ?) on conflict do nothing""")
                .params(externalId, source, RiskItemStore.ts(ClockUtil.getCurrentTime())).update() == 1;
    }

    /** A SHA-256 of the request as JSON: the same retry gives the same value, another request another. */
    private String fingerprint(IntakeRequest request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the item, its parties, its first channel and the first timeline event; returns its number. */
    public String createItem(IntakeRequest request, String reporter) {
        Date now = ClockUtil.getCurrentTime();
        String number = items.nextNumber(now, request.community());
        NewItem item = new NewItem(request.title().trim(), request.description().trim(), request.category(),
                request.subcategory(), request.source(), request.community(), request.grid(), request.address().trim(),
                request.occurredAt() == null ? null : Date.from(request.occurredAt().toInstant()), now, reporter,
                request.peopleInvolved(), Boolean.TRUE.equals(request.threatOfViolence()),
                Boolean.TRUE.equals(request.involvesMinors()), Boolean.TRUE.equals(request.crossJurisdiction()),
                request.latitude(), request.longitude());
        List<Party> parties = request.partiesOrEmpty().stream()
                .map(p -> new Party(p.name().trim(), blankToNull(p.phone()), blankToNull(p.role()))).toList();
        items.register(number, item, parties);
        if (request.externalId() != null) {
            // Before the first event, so that the city platform's CREATED event carries the order's id.
            jdbc.sql("update work_order set number = ? where external_id = ?").params(number, request.externalId()).update();
        }
        items.addEvent(number, reporter, ItemEvent.REGISTERED, "登记事项（" + reference.name(Kind.SOURCE, request.source()) + "）："
                + request.title().trim());
        return number;
    }

    /** The ids and context the process and its forms need; no personal data. */
    public Map<String, Object> contextVariables(String number) {
        RiskItem item = items.require(number);
        Map<String, Object> vars = new HashMap<>();
        String community = item.community();
        vars.put(NUMBER, number);
        vars.put(TITLE, item.title());
        vars.put(COMMUNITY, community);
        vars.put(COMMUNITY_NAME, org.community(community).map(OrgDirectory.Community::name).orElse(community));
        vars.put(CATEGORY, item.category());
        vars.put(CATEGORY_NAME, reference.name(Kind.CATEGORY, item.category()));
        vars.put(ADDRESS, item.address());
        vars.put(PEOPLE_INVOLVED, item.peopleInvolved());
        vars.put(THREAT_OF_VIOLENCE, item.threatOfViolence());
        vars.put(INVOLVES_MINORS, item.involvesMinors());
        vars.put(CROSS_JURISDICTION, item.crossJurisdiction());
        vars.put(REPEAT_COUNT, item.repeatCount());
        vars.put(PRIORITY, 50);
        vars.put(DUPLICATE_OF, "");
        return vars;
    }

    /** 403 unless the reporter may register items in the community (AccessPolicy.mayReportIn). */
    void requireMayReportIn(String reporter, String community) {
        access.policy().requireMayReportIn(access.scope(reporter), community);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
