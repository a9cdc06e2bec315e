package casegrid.item;

import java.util.Date;

/** A request to lower a HIGH item, waiting for a street leader's decision. */
public record RegradeRequest(RiskLevel level, String reason, String requestedBy, Date requestedAt) {
}
