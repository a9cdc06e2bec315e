package casegrid.ledger;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import casegrid.item.RiskItemStore.Event;
import casegrid.item.RiskItemStore.Party;
import casegrid.platform.PlatformOutbox;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * GET /api/risk-items/{number}: the item's fields, plan, deadlines, parties (masked unless the
 * caller needs them), channels and timeline. Field names and shapes are the documented API.
 */
public record ItemView(String number, String title, String description, String category, String subcategory,
                       String source, String community, String grid, String address, Date occurredAt, Date reportedAt,
                       String reportedBy, Integer peopleInvolved, Boolean threatOfViolence, Boolean involvesMinors,
                       Boolean crossJurisdiction, Integer repeatCount, String status, String suggestedLevel,
                       String riskLevel, String gradeReason, Date gradedAt, String gradedBy, Boolean fixableNow,
                       Boolean overdue, Integer missCount, String mergedInto, String transferredTo,
                       String closureOutcome, String closureEvidence, Date closedAt, String closedBy,
                       String satisfaction, Integer reopenCount, String processInstanceId, Plan plan,
                       String emergencyPlan, Deadlines deadlines, List<Party> parties, boolean personalDataMasked,
                       List<Source> sources, List<Event> timeline,
                       @JsonInclude(JsonInclude.Include.NON_NULL) PlatformOutbox.Status platformSync,
                       @JsonUnwrapped CaseFile caseFile) {

    /**
     * What the Tasklist 卷宗 tab and the case page add for people (casegrid.casefile.CaseFileDetails):
     * Chinese labels for the codes and names of the plan's people, each deadline's state, merged repeats.
     * Written as top-level keys ({@code labels}, {@code deadlineStates}, {@code mergedItems}, and
     * {@code latitude}/{@code longitude} where the reporter's phone gave a location).
     */
    public record CaseFile(Map<String, Object> labels, List<Map<String, Object>> deadlineStates,
                           List<Map<String, Object>> mergedItems,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Double latitude,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Double longitude) {

        public CaseFile(Map<String, Object> labels, List<Map<String, Object>> deadlineStates,
                        List<Map<String, Object>> mergedItems) {
            this(labels, deadlineStates, mergedItems, null, null);
        }
    }

    /** The same view with the case file's additions. */
    public ItemView withCaseFile(CaseFile caseFile) {
        return new ItemView(number, title, description, category, subcategory, source, community, grid, address,
                occurredAt, reportedAt, reportedBy, peopleInvolved, threatOfViolence, involvesMinors, crossJurisdiction,
                repeatCount, status, suggestedLevel, riskLevel, gradeReason, gradedAt, gradedBy, fixableNow, overdue,
                missCount, mergedInto, transferredTo, closureOutcome, closureEvidence, closedAt, closedBy, satisfaction,
                reopenCount, processInstanceId, plan, emergencyPlan, deadlines, parties, personalDataMasked, sources,
                timeline, platformSync, caseFile);
    }

    /** Who answers for the item (包案) and what they do. */
    public record Plan(String responsibleUnit, String responsibleLeader, String investigator, String resolver,
                       String stabiliser, String dispatcher, String measures) {
    }

    public record Deadlines(Date feedbackDue, Date feedbackAt, Date weeklyUpdateDue, Date resolveBy) {
    }

    /** A channel the matter came in through; its JSON keeps the column names it has always had. */
    public record Source(String source, @JsonProperty("via_number") String viaNumber,
                         @JsonProperty("reported_at") Date reportedAt) {
    }

    /** The item's own columns; parties, channels and timeline come from their tables. */
    static ItemView of(ResultSet r, List<Party> parties, boolean unmasked, List<Source> sources, List<Event> timeline,
                       PlatformOutbox.Status platformSync) throws SQLException {
        String emergencyPlan = r.getString("emergency_plan");
        return new ItemView(r.getString("number"), r.getString("title"), r.getString("description"),
                r.getString("category"), r.getString("subcategory"), r.getString("source"), r.getString("community"),
                r.getString("grid"), r.getString("address"), r.getTimestamp("occurred_at"), r.getTimestamp("reported_at"),
                r.getString("reported_by"), r.getObject("people_involved", Integer.class),
                r.getObject("threat_of_violence", Boolean.class), r.getObject("involves_minors", Boolean.class),
                r.getObject("cross_jurisdiction", Boolean.class), r.getObject("repeat_count", Integer.class),
                r.getString("status"), r.getString("suggested_level"), r.getString("risk_level"),
                r.getString("grade_reason"), r.getTimestamp("graded_at"), r.getString("graded_by"),
                r.getObject("fixable_now", Boolean.class), r.getObject("overdue_now", Boolean.class),
                r.getObject("miss_count", Integer.class), r.getString("merged_into"), r.getString("transferred_to"),
                r.getString("closure_outcome"), r.getString("closure_evidence"), r.getTimestamp("closed_at"),
                r.getString("closed_by"), r.getString("satisfaction"), r.getObject("reopen_count", Integer.class),
                r.getString("process_instance_id"),
                new Plan(r.getString("responsible_unit"), r.getString("responsible_leader"), r.getString("investigator"),
                        r.getString("resolver"), r.getString("stabiliser"), r.getString("dispatcher"),
                        r.getString("measures")),
                emergencyPlan,
                new Deadlines(r.getTimestamp("feedback_due"), r.getTimestamp("feedback_at"),
                        r.getTimestamp("weekly_update_due"), r.getTimestamp("resolve_by")),
                parties.stream().map(p -> Masking.party(p, unmasked)).toList(), !unmasked, sources, timeline,
                platformSync, null);
    }
}
