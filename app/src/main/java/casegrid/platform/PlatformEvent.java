package casegrid.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * What the city platform receives for one event of a DISPUTE item (docs/integration.md). No party
 * names or phone numbers: the platform gets parties only if a future agreement says so, and names
 * and phone numbers that reporters wrote into the title, description or address are blotted out.
 *
 * @param event       CREATED, GRADED, RESOLVED (resolution requested) or CLOSED
 * @param externalId  the platform's own work-order id, when the item came from it
 * @param outcome     on CLOSED: the write-off outcome code (CLAIM_RESOLVED …) and its Chinese name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlatformEvent(String event, OffsetDateTime time, String number, String externalId, String source,
                            String category, String categoryName, String subcategory, String community, String grid,
                            String address, String title, String description, String level, String status,
                            String outcome, String outcomeName) {
}
