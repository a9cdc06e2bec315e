package casegrid.supervision;

import casegrid.item.RiskItemStore;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The supervision ledger: one row per missed deadline, climbing 催办 → 督办 → 通报. */
@Component
public class SupervisionRecords {

    public static final String MISSED = "MISSED";
    public static final String REMINDER = "REMINDER";
    public static final String SUPERVISION = "SUPERVISION";
    public static final String NOTICE = "NOTICE";

    private final JdbcClient jdbc;

    public SupervisionRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a miss once per deadline, due time and unit; empty if this miss was already recorded. */
    public Optional<Long> recordMiss(String number, String deadline, Date dueAt, int missNumber, String unit,
                                     String supervisionGroup) {
        return jdbc.sql("""
                insert into supervision_record (number, deadline, due_at, miss_number, step, unit, supervision_group, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (number, deadline, due_at, unit) do nothing returning id""")
                .params(number, deadline, RiskItemStore.ts(dueAt), missNumber, MISSED, unit, supervisionGroup,
                        RiskItemStore.ts(ClockUtil.getCurrentTime()))
                .query(Long.class).optional();
    }

    /** Moves the record up to {@code step}; a notice is never downgraded. */
    public void climb(long id, String step) {
        jdbc.sql("update supervision_record set step = ? where id = ? and step <> ?").params(step, id, NOTICE).update();
    }

    public void notice(long id, String notice) {
        jdbc.sql("update supervision_record set notice = ? where id = ?").params(notice, id).update();
    }

    public void reply(long id, String reply) {
        jdbc.sql("update supervision_record set reply = ?, replied_at = ? where id = ?")
                .params(reply, RiskItemStore.ts(ClockUtil.getCurrentTime()), id).update();
    }
}
