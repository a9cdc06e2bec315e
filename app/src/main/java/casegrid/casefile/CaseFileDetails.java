package casegrid.casefile;

import casegrid.ledger.ItemView;
import casegrid.org.Office;
import casegrid.deadline.WorkingCalendar;
import casegrid.item.ItemStatus;
import casegrid.item.RiskItemStore;
import casegrid.item.RiskItemVariables;
import casegrid.ledger.LedgerLabels;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the case file adds to the item's detail view (only new keys, so existing clients are not
 * affected): Chinese names for the codes and the people in the plan, the system's suggested level
 * while the item waits for grading, each deadline with its state,
 * and the repeat reports merged into the item. "Due soon" is the Tasklist filter 即将到期's window:
 * due by the end of the next working day.
 */
@Component
public class CaseFileDetails {

    /** The deadline columns, in the order the case file lists them, with what marks each as met. */
    private record Deadline(String key, String label, String dueColumn, String doneColumn) {
    }

    private static final List<Deadline> DEADLINES = List.of(
            new Deadline("feedbackDue", "T+2 反馈期限", "feedback_due", "feedback_at"),
            new Deadline("weeklyUpdateDue", "周调更新期限", "weekly_update_due", null),
            new Deadline("resolveBy", "办结期限", "resolve_by", "closed_at"));

    static final Map<String, String> STATES = Map.of(
            "MET", "已按时完成", "LATE", "逾期完成", "MISSED", "已超期", "DUE_SOON", "即将到期", "DUE", "未到期",
            "ENDED", "事项已结束");

    private static final String[] PLAN_PEOPLE = {"responsible_leader", "investigator", "resolver", "stabiliser", "dispatcher"};

    private final LedgerLabels labels;
    private final WorkingCalendar calendar;
    private final JdbcClient jdbc;
    private final RiskItemStore items;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final ReferenceData reference;

    public CaseFileDetails(LedgerLabels labels, WorkingCalendar calendar, JdbcClient jdbc, RiskItemStore items,
                           RuntimeService runtimeService, IdentityService identityService, ReferenceData reference) {
        this.reference = reference;
        this.labels = labels;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.items = items;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
    }

    /** The case file's additions to the item view. */
    public ItemView.CaseFile of(String number) {
        Map<String, Object> row = items.find(number).orElseThrow();
        Map<String, Object> additions = additions(number, row);
        @SuppressWarnings("unchecked")
        ItemView.CaseFile caseFile = new ItemView.CaseFile((Map<String, Object>) additions.get("labels"),
                (List<Map<String, Object>>) additions.get("deadlineStates"),
                (List<Map<String, Object>>) additions.get("mergedItems"),
                (Double) row.get("latitude"), (Double) row.get("longitude"));
        return caseFile;
    }

    /** The additions for an item's row (as {@link RiskItemStore#find} returns it). */
    Map<String, Object> additions(String number, Map<String, Object> row) {
        LedgerLabels.Names names = labels.names();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("category", reference.name(Kind.CATEGORY, (String) row.get("category")));
        text.put("source", reference.name(Kind.SOURCE, (String) row.get("source")));
        text.put("community", names.community((String) row.get("community")));
        text.put("status", LedgerLabels.Names.status((String) row.get("status")));
        String suggested = suggestedLevel(row);
        text.put("suggestedLevelCode", suggested);
        text.put("suggestedLevel", LedgerLabels.Names.level(suggested));
        text.put("riskLevel", LedgerLabels.Names.level((String) row.get("risk_level")));
        text.put("gradedBy", names.person((String) row.get("graded_by")));
        text.put("closedBy", names.person((String) row.get("closed_by")));
        text.put("closureOutcome", reference.name(Kind.CLOSURE_OUTCOME, (String) row.get("closure_outcome")));
        text.put("transferredTo", names.code(Kind.TRANSFER_BODY, (String) row.get("transferred_to")));
        text.put("responsibleUnit", names.unit((String) row.get("responsible_unit")));
        for (String column : PLAN_PEOPLE) {
            text.put(camel(column), names.person((String) row.get(column)));
        }
        out.put("labels", text);
        out.put("deadlineStates", deadlineStates(row));
        out.put("mergedItems", mergedItems(number));
        return out;
    }

    /**
     * The system's suggestion: the item's column once graded; before that only the process knows it
     * (the grading task's variable), read without the engine's authorizations since the item policy
     * has already let the caller in.
     */
    private String suggestedLevel(Map<String, Object> row) {
        String column = (String) row.get("suggested_level");
        String processInstanceId = (String) row.get("process_instance_id");
        if (column != null || processInstanceId == null) {
            return column;
        }
        org.camunda.bpm.engine.impl.identity.Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return runtimeService.createVariableInstanceQuery().processInstanceIdIn(processInstanceId)
                    .variableName(RiskItemVariables.SUGGESTED_LEVEL).list().stream()
                    .map(v -> v.getValue() == null ? null : v.getValue().toString()).findFirst().orElse(null);
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    private List<Map<String, Object>> deadlineStates(Map<String, Object> row) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        LocalDate today = now.atZone(Office.ZONE).toLocalDate();
        Instant soon = calendar.plusWorkingDays(today, 1).plusDays(1).atStartOfDay(Office.ZONE).toInstant();
        boolean open = ItemStatus.valueOf((String) row.get("status")).isOpen();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Deadline deadline : DEADLINES) {
            Instant due = instant(row.get(deadline.dueColumn()));
            if (due == null) {
                continue;
            }
            Instant done = deadline.doneColumn() == null ? null : instant(row.get(deadline.doneColumn()));
            String state;
            if (done != null) {
                state = done.isAfter(due) ? "LATE" : "MET";
            } else if (!open) {
                state = "ENDED";
            } else if (due.isBefore(now)) {
                state = "MISSED";
            } else {
                state = due.isBefore(soon) ? "DUE_SOON" : "DUE";
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", deadline.key());
            entry.put("label", deadline.label());
            entry.put("due", row.get(deadline.dueColumn()));
            entry.put("doneAt", done == null ? null : row.get(deadline.doneColumn()));
            entry.put("state", state);
            entry.put("stateLabel", STATES.get(state));
            out.add(entry);
        }
        return out;
    }

    /** The repeat reports merged into this item, each with the channels it came through. */
    private List<Map<String, Object>> mergedItems(String number) {
        List<Map<String, Object>> merged = jdbc.sql("""
                        select number, title, source, reported_at from risk_item where merged_into = ? order by reported_at, number""")
                .param(number).query().listOfRows();
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, String> sources = merged.isEmpty() ? Map.of() : reference.names(Kind.SOURCE);
        for (Map<String, Object> repeat : merged) {
            Map<String, Object> entry = new LinkedHashMap<>();
            String repeatNumber = (String) repeat.get("number");
            entry.put("number", repeatNumber);
            entry.put("title", repeat.get("title"));
            entry.put("source", sources.getOrDefault((String) repeat.get("source"), (String) repeat.get("source")));
            entry.put("reportedAt", repeat.get("reported_at"));
            entry.put("sources", items.sources(repeatNumber));
            out.add(entry);
        }
        return out;
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return value instanceof java.util.Date date ? date.toInstant() : null;
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
