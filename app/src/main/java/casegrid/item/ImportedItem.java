package casegrid.item;

import java.util.Date;

/**
 * An item brought in from a street's existing ledger (底数台账) with its original number and dates,
 * in the status the ledger gives (casegrid.ledgerimport decides which statuses and which step). The
 * plan holds what a ledger knows of it: the responsible unit and, when named, the resolver.
 */
public record ImportedItem(NewItem item, ItemStatus status, RiskLevel level, Boolean fixableNow,
                           String responsibleUnit, String resolver, Date weeklyUpdateDue, Date resolveBy,
                           String closureOutcome, String closureEvidence, Date closedAt) {
}
