package casegrid.ledger;

import casegrid.item.RiskItemStore;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records who read case data, including parties' personal data: an item (READ_ITEM), its archive
 * case file (ARCHIVE_ITEM), a ledger page (LIST_LEDGER) or a ledger export (EXPORT_LEDGER). Ledger
 * reads are one row with the query in {@code detail}, since they have no single number.
 */
@Component
public class ReadAudit {

    public static final String READ_ITEM = "READ_ITEM";
    public static final String ARCHIVE_ITEM = "ARCHIVE_ITEM";
    public static final String LIST_LEDGER = "LIST_LEDGER";
    public static final String EXPORT_LEDGER = "EXPORT_LEDGER";

    private final JdbcClient jdbc;

    public ReadAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void read(String userId, String number) {
        record(userId, number, READ_ITEM, null);
    }

    public void record(String userId, String number, String action, String detail) {
        jdbc.sql("insert into access_audit (at, user_id, number, action, detail) values (?, ?, ?, ?, ?)")
                .params(RiskItemStore.ts(ClockUtil.getCurrentTime()), userId, number, action, detail).update();
    }
}
