package casegrid.whistle;

import casegrid.item.RiskItemStore;
import casegrid.process.ModelApi;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The whistle's rows (whistle, report_in, report_in_rating). Also the whistle model's routing
 * source, as bean {@code whistleCalls}: which departments were called, who declined, who was held
 * to report; the process keeps only the whistle's id.
 */
@ModelApi
@Component("whistleCalls")
public class WhistleStore {

    public static final String RELEASED = "RELEASED";
    public static final String HELD = "HELD";

    private final JdbcClient jdbc;

    public WhistleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long open(String number, String community, String calledBy, List<String> departments, Date dueAt) {
        Date now = ClockUtil.getCurrentTime();
        long id = jdbc.sql("insert into whistle (number, called_at, called_by, community) values (?, ?, ?, ?) returning id")
                .params(number, RiskItemStore.ts(now), calledBy, community).query(Long.class).single();
        for (String department : departments) {
            jdbc.sql("insert into report_in (whistle_id, number, department, called_at, due_at) values (?, ?, ?, ?, ?)")
                    .params(id, number, department, RiskItemStore.ts(now), RiskItemStore.ts(dueAt)).update();
        }
        return id;
    }

    /** The departments called, for the model's multi-instance (a new list each time: nothing is serialized). */
    @ModelApi
    public List<String> departments(Object whistleId) {
        return jdbc.sql("select department from report_in where whistle_id = ? order by id").param(id(whistleId))
                .query(String.class).list();
    }

    @ModelApi
    public boolean declined(Object whistleId, String department) {
        return Boolean.TRUE.equals(row(whistleId, department).get("declined"));
    }

    @ModelApi
    public boolean held(Object whistleId, String department) {
        return HELD.equals(row(whistleId, department).get("arbitration"));
    }

    public Map<String, Object> row(Object whistleId, String department) {
        return jdbc.sql("select * from report_in where whistle_id = ? and department = ?")
                .params(id(whistleId), department).query().singleRow();
    }

    public List<Map<String, Object>> reportIns(long whistleId) {
        return jdbc.sql("""
                select r.*, d.name as department_name from report_in r left join department d on d.code = r.department
                where r.whistle_id = ? order by r.id""").param(whistleId).query().listOfRows();
    }

    public void reported(long whistleId, String department, String actor, String person, String opinion) {
        jdbc.sql("""
                update report_in set reported_at = ?, reported_by = ?, reported_person = ?, opinion = ?, declined = false,
                       decline_reason = null where whistle_id = ? and department = ?""")
                .params(now(), actor, person, opinion, whistleId, department).update();
    }

    public void declined(long whistleId, String department, String actor, String reason) {
        jdbc.sql("""
                update report_in set declined = true, decline_reason = ?, reported_by = ?, arbitration = null
                where whistle_id = ? and department = ?""")
                .params(reason, actor, whistleId, department).update();
    }

    /** The street center's ruling; a department held to report gets a fresh deadline. */
    public void arbitrated(long whistleId, String department, String actor, String ruling, String note, Date newDue) {
        jdbc.sql("""
                update report_in set arbitration = ?, arbitration_note = ?, arbitrated_by = ?, arbitrated_at = ?,
                       due_at = coalesce(?, due_at) where whistle_id = ? and department = ?""")
                .params(ruling, note, actor, now(), RiskItemStore.ts(newDue), whistleId, department).update();
    }

    public void missed(long whistleId, String department) {
        jdbc.sql("update report_in set missed = true where whistle_id = ? and department = ?")
                .params(whistleId, department).update();
    }

    public void handled(long whistleId, String actor, String jointAction) {
        jdbc.sql("update whistle set joint_action = ?, handled_at = ?, handled_by = ? where id = ?")
                .params(jointAction, now(), actor, whistleId).update();
    }

    public void rate(long whistleId, String number, String department, int timeliness, int effectiveness, String actor) {
        jdbc.sql("""
                insert into report_in_rating (whistle_id, number, department, timeliness, effectiveness, rated_by, rated_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (whistle_id, department) do update
                set timeliness = excluded.timeliness, effectiveness = excluded.effectiveness,
                    rated_by = excluded.rated_by, rated_at = excluded.rated_at""")
                .params(whistleId, number, department, timeliness, effectiveness, actor, now()).update();
    }

    static long id(Object whistleId) {
        return ((Number) whistleId).longValue();
    }

    private static java.sql.Timestamp now() {
        return RiskItemStore.ts(ClockUtil.getCurrentTime());
    }
}
