package casegrid.ledger;

import casegrid.item.RiskItemStore.Party;
import casegrid.reference.ReferenceData.Kind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/** One row of the online ledger (GET /api/risk-items), parties masked unless the caller needs them. */
public record LedgerItem(String number, String title, String category, String categoryName, String source,
                         String community, String communityName, String grid, String address, String status,
                         String statusName, String riskLevel, OffsetDateTime reportedAt, String reportedBy,
                         String responsibleUnit, String responsibleUnitName, String responsibleLeader, String resolver,
                         OffsetDateTime resolveBy, Boolean overdue, OffsetDateTime closedAt, OffsetDateTime updatedAt,
                         List<Party> parties, boolean personalDataMasked) {

    /** From a row of LedgerService's columns, parties still to come (withParties). */
    static LedgerItem of(ResultSet row, LedgerLabels.Names names) throws SQLException {
        boolean unmasked = row.getBoolean("unmasked");
        String category = row.getString("category");
        String community = row.getString("community");
        String unit = row.getString("responsible_unit");
        return new LedgerItem(row.getString("number"), row.getString("title"), category, names.code(Kind.CATEGORY, category),
                row.getString("source"), community, names.community(community), row.getString("grid"),
                row.getString("address"), row.getString("status"), LedgerLabels.Names.status(row.getString("status")),
                row.getString("risk_level"), LedgerService.offset(row.getTimestamp("reported_at")),
                row.getString("reported_by"), unit, names.unit(unit), row.getString("responsible_leader"),
                row.getString("resolver"), LedgerService.offset(row.getTimestamp("resolve_by")),
                row.getObject("overdue", Boolean.class), LedgerService.offset(row.getTimestamp("closed_at")),
                LedgerService.offset(row.getTimestamp("updated_at")),
                List.of(), !unmasked);
    }

    /** The same row with its parties, masked unless the caller sees personal data. */
    LedgerItem withParties(List<Party> all) {
        return new LedgerItem(number, title, category, categoryName, source, community, communityName, grid, address,
                status, statusName, riskLevel, reportedAt, reportedBy, responsibleUnit, responsibleUnitName,
                responsibleLeader, resolver, resolveBy, overdue, closedAt, updatedAt,
                all.stream().map(p -> Masking.party(p, !personalDataMasked)).toList(), personalDataMasked);
    }
}
