package casegrid.ledger;

import casegrid.item.RiskItemStore;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records who read an item's case data, including its parties' personal data. */
@Component
public class ReadAudit {

    private final JdbcClient jdbc;

    public ReadAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void read(String userId, String number) {
        jdbc.sql("insert into access_audit (at, user_id, number, action) values (?, ?, ?, 'READ_ITEM')")
                .params(RiskItemStore.ts(ClockUtil.getCurrentTime()), userId, number).update();
    }
}
