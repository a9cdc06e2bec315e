package casegrid.ledger;

import casegrid.item.Overdue;
import casegrid.item.RiskItemStore;
import casegrid.platform.PlatformOutbox;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads an item's detail view (ItemView); access is decided before (ItemAccess). */
@Component
class ItemViews {

    private final JdbcClient jdbc;
    private final RiskItemStore items;
    private final PlatformOutbox platform;

    ItemViews(JdbcClient jdbc, RiskItemStore items, PlatformOutbox platform) {
        this.jdbc = jdbc;
        this.items = items;
        this.platform = platform;
    }

    Optional<ItemView> find(String number, boolean unmasked) {
        List<RiskItemStore.Party> parties = items.parties(number);
        List<ItemView.Source> sources = jdbc.sql("""
                        select source, via_number, reported_at from risk_item_source where number = ? order by id""")
                .param(number).query((rs, row) -> new ItemView.Source(rs.getString("source"), rs.getString("via_number"),
                        rs.getTimestamp("reported_at"))).list();
        List<RiskItemStore.Event> timeline = items.events(number);
        PlatformOutbox.Status platformSync = platform.status(number).orElse(null);
        return jdbc.sql("select r.*, " + Overdue.of("r") + " as overdue_now from risk_item r where r.number = :number")
                .params(Overdue.params()).param("number", number)
                .query((rs, row) -> ItemView.of(rs, parties, unmasked, sources, timeline, platformSync)).optional();
    }
}
