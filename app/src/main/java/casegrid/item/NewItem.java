package casegrid.item;

import java.util.Date;

/** What intake records of a new item; it starts REGISTERED. */
public record NewItem(String title, String description, String category, String subcategory, String source,
                      String community, String grid, String address, Date occurredAt, Date reportedAt,
                      String reportedBy, int peopleInvolved, boolean threatOfViolence, boolean involvesMinors,
                      boolean crossJurisdiction, Double latitude, Double longitude) {

    /** An item reported without a location. */
    public NewItem(String title, String description, String category, String subcategory, String source,
                   String community, String grid, String address, Date occurredAt, Date reportedAt,
                   String reportedBy, int peopleInvolved, boolean threatOfViolence, boolean involvesMinors,
                   boolean crossJurisdiction) {
        this(title, description, category, subcategory, source, community, grid, address, occurredAt, reportedAt,
                reportedBy, peopleInvolved, threatOfViolence, involvesMinors, crossJurisdiction, null, null);
    }
}
