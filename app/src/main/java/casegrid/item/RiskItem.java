package casegrid.item;

import java.util.Date;

/**
 * A risk item (风险隐患) as its row holds it. Written only through RiskItemStore; the read views
 * (ledger, detail, reports) have their own queries.
 */
public record RiskItem(String number, String processInstanceId, String title, String description, String category,
                       String subcategory, String source, String community, String grid, String address,
                       Date occurredAt, Date reportedAt, String reportedBy, int peopleInvolved,
                       boolean threatOfViolence, boolean involvesMinors, boolean crossJurisdiction, int repeatCount,
                       ItemStatus status, RiskLevel suggestedLevel, RiskLevel riskLevel, Boolean fixableNow, Plan plan,
                       Deadlines deadlines, Date feedbackAt, boolean overdue, int missCount, int reopenCount,
                       String mergedInto, String transferredTo, String closureOutcome, Date closedAt, String closedBy,
                       String satisfaction, boolean longTerm, Date longTermReviewDue) {
}
