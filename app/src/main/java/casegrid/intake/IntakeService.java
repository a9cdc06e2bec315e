package casegrid.intake;

import static casegrid.item.RiskItemVariables.*;

import casegrid.access.ItemAccess;
import casegrid.item.Codes;
import casegrid.item.ItemStatus;
import casegrid.item.RiskItemStore;
import casegrid.item.RiskItemStore.Party;
import casegrid.org.OrgDirectory;
import casegrid.web.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import org.springframework.http.HttpStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    public record IntakeResult(String number, String processInstanceId, String status, boolean replayed) {
    }

    private final IntakeValidator validator;
    private final RiskItemStore items;
    private final OrgDirectory org;
    private final RuntimeService runtimeService;
    private final ItemAccess access;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public IntakeService(IntakeValidator validator, RiskItemStore items, OrgDirectory org, RuntimeService runtimeService,
                         ItemAccess access, JdbcClient jdbc, ObjectMapper json) {
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
                Map<String, Object> item = items.find(number).orElseThrow();
                return new IntakeResult(number, (String) item.get("process_instance_id"), (String) item.get("status"), true);
            }
        }
        validator.validate(request);
        requireMayReportIn(reporter, request.community());
        String number = createItem(request, reporter);
        ProcessInstance instance = runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(number).setVariables(contextVariables(number)).execute();
        if (idempotencyKey != null) {
            jdbc.sql("update intake_request set number = ? where user_id = ? and idempotency_key = ?")
                    .params(number, reporter, idempotencyKey).update();
        }
        String status = (String) items.find(number).orElseThrow().get("status");
        return new IntakeResult(number, instance.getId(), status, false);
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
        String number = items.nextNumber(now);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("title", request.title().trim());
        row.put("description", request.description().trim());
        row.put("category", request.category());
        row.put("subcategory", request.subcategory());
        row.put("source", request.source());
        row.put("community", request.community());
        row.put("grid", request.grid());
        row.put("address", request.address().trim());
        row.put("occurred_at", request.occurredAt() == null ? null : Date.from(request.occurredAt().toInstant()));
        row.put("reported_at", now);
        row.put("reported_by", reporter);
        row.put("people_involved", request.peopleInvolved());
        row.put("threat_of_violence", Boolean.TRUE.equals(request.threatOfViolence()));
        row.put("involves_minors", Boolean.TRUE.equals(request.involvesMinors()));
        row.put("cross_jurisdiction", Boolean.TRUE.equals(request.crossJurisdiction()));
        row.put("status", ItemStatus.REGISTERED.name());
        List<Party> parties = request.partiesOrEmpty().stream()
                .map(p -> new Party(p.name().trim(), blankToNull(p.phone()), blankToNull(p.role()))).toList();
        items.insert(number, row, parties);
        items.addSource(number, request.source(), number, now);
        items.addEvent(number, reporter, "REGISTERED", "登记事项（" + Codes.SOURCES.get(request.source()) + "）："
                + request.title().trim());
        return number;
    }

    /** The ids and context the process and its forms need; no personal data. */
    public Map<String, Object> contextVariables(String number) {
        Map<String, Object> item = items.find(number).orElseThrow();
        Map<String, Object> vars = new HashMap<>();
        String community = (String) item.get("community");
        vars.put(NUMBER, number);
        vars.put(TITLE, item.get("title"));
        vars.put(COMMUNITY, community);
        vars.put(COMMUNITY_NAME, org.community(community).map(OrgDirectory.Community::name).orElse(community));
        vars.put(CATEGORY, item.get("category"));
        vars.put(CATEGORY_NAME, Codes.CATEGORIES.get((String) item.get("category")));
        vars.put(ADDRESS, item.get("address"));
        vars.put(PEOPLE_INVOLVED, item.get("people_involved"));
        vars.put(THREAT_OF_VIOLENCE, item.get("threat_of_violence"));
        vars.put(INVOLVES_MINORS, item.get("involves_minors"));
        vars.put(CROSS_JURISDICTION, item.get("cross_jurisdiction"));
        vars.put(REPEAT_COUNT, item.get("repeat_count"));
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
