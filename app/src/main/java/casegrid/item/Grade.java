package casegrid.item;

import java.util.Date;

/** The grading (研判定级): the level set, the one the decision table suggested, why they differ, who and when. */
public record Grade(RiskLevel level, RiskLevel suggested, String reason, boolean fixableNow, Date gradedAt,
                    String gradedBy) {
}
