package casegrid.meeting;

import casegrid.item.Codes;
import casegrid.item.RiskItemStore;
import casegrid.org.OrgDirectory;
import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The key-matters ledger (重点事项台账): meetings, attendees, decisions and action items. */
@Component
public class MeetingStore {

    /** From the lowest tier up (Codes.MEETING_TIERS names them). */
    public static final List<String> TIERS = List.copyOf(Codes.MEETING_TIERS.keySet());

    public record ActionItem(String owner, Date due, String content) {
    }

    private final JdbcClient jdbc;
    private final OrgDirectory org;

    public MeetingStore(JdbcClient jdbc, OrgDirectory org) {
        this.jdbc = jdbc;
        this.org = org;
    }

    /** First escalation of an item: the community tier; each further one a tier above the highest held so far. */
    public String nextTier(String number) {
        List<String> held = jdbc.sql("select tier from meeting where number = ?").param(number).query(String.class).list();
        int highest = held.stream().mapToInt(TIERS::indexOf).max().orElse(-1);
        return TIERS.get(Math.min(highest + 1, TIERS.size() - 1));
    }

    public static String above(String tier) {
        return TIERS.get(Math.min(TIERS.indexOf(tier) + 1, TIERS.size() - 1));
    }

    public long open(String number, String community, String tier, Date escalatedAt, String approvedBy, String organiser,
                     Date conveneDue) {
        return jdbc.sql("""
                insert into meeting (number, community, tier, escalated_at, approved_by, organiser, convene_due)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(number, community, tier, ts(escalatedAt), approvedBy, organiser, ts(conveneDue))
                .query(Long.class).single();
    }

    public void convened(long meetingId, String actor, Date meetingAt, String place, List<String> invited) {
        jdbc.sql("update meeting set convened_at = ?, convened_by = ?, meeting_at = ?, place = ?, invited = ? where id = ?")
                .params(ts(ClockUtil.getCurrentTime()), actor, ts(meetingAt), place, String.join(",", invited), meetingId)
                .update();
    }

    public void minutes(long meetingId, String number, String actor, String outcome, List<String> attendees,
                        List<String> decisions, List<ActionItem> actions) {
        jdbc.sql("update meeting set outcome = ?, minutes_by = ?, minutes_at = ? where id = ?")
                .params(outcome, actor, ts(ClockUtil.getCurrentTime()), meetingId).update();
        attendees.forEach(a -> jdbc.sql("insert into meeting_attendee (meeting_id, name) values (?, ?)")
                .params(meetingId, a).update());
        decisions.forEach(d -> jdbc.sql("insert into meeting_decision (meeting_id, content) values (?, ?)")
                .params(meetingId, d).update());
        actions.forEach(a -> jdbc.sql("insert into meeting_action (meeting_id, number, owner, due_at, content) values (?, ?, ?, ?, ?)")
                .params(meetingId, number, a.owner(), ts(a.due()), a.content()).update());
    }

    public Map<String, Object> meeting(long id) {
        return jdbc.sql("select * from meeting where id = ?").param(id).query().singleRow();
    }

    public List<Map<String, Object>> actions(long meetingId) {
        return jdbc.sql("select * from meeting_action where meeting_id = ? order by id").param(meetingId).query().listOfRows();
    }

    public Optional<Map<String, Object>> action(long id) {
        return jdbc.sql("select * from meeting_action where id = ?").param(id).query().listOfRows().stream().findFirst();
    }

    public void actionDone(long id, String note) {
        jdbc.sql("update meeting_action set state = 'DONE', done_at = ?, done_note = ? where id = ?")
                .params(ts(ClockUtil.getCurrentTime()), note, id).update();
    }

    public void actionOverdue(long id) {
        jdbc.sql("update meeting_action set state = 'OVERDUE' where id = ? and state = 'OPEN'").param(id).update();
    }

    public List<String> attendees(long meetingId) {
        return jdbc.sql("select name from meeting_attendee where meeting_id = ? order by id").param(meetingId)
                .query(String.class).list();
    }

    public List<String> decisions(long meetingId) {
        return jdbc.sql("select content from meeting_decision where meeting_id = ? order by id").param(meetingId)
                .query(String.class).list();
    }

    /** A unit that can own an action item, by its group id or its printed name. */
    public Optional<String> unit(String codeOrName) {
        String wanted = codeOrName.trim();
        return org.unitNames().entrySet().stream()
                .filter(unit -> unit.getKey().equals(wanted) || unit.getValue().equals(wanted))
                .map(Map.Entry::getKey).findFirst();
    }

    public String unitName(String code) {
        return org.unitNames().getOrDefault(code, code);
    }

    static Timestamp ts(Date date) {
        return RiskItemStore.ts(date);
    }
}
