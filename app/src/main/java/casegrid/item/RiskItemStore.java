package casegrid.item;

import casegrid.org.Office;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The item's own tables: the item, its parties, its channels and its timeline. Every write joins
 * the caller's transaction, which is the engine's when called from a delegate or task listener,
 * so a failing step rolls back the case data with the process state.
 */
@Component
public class RiskItemStore {

    /** @deprecated the zone is Office.ZONE; kept while the process handlers still name it here. */
    @Deprecated
    public static final ZoneId OFFICE_ZONE = Office.ZONE;

    public record Party(String name, String phone, String role) {
    }

    public record Event(OffsetDateTime at, String actor, String kind, String summary, String unit) {
    }

    /** Columns a process step may set through {@link #update}. */
    private static final Set<String> UPDATABLE = Set.of("process_instance_id", "status", "suggested_level",
            "risk_level", "grade_reason", "graded_at", "graded_by", "fixable_now", "responsible_unit",
            "responsible_leader", "investigator", "resolver", "stabiliser", "dispatcher", "measures",
            "feedback_due", "feedback_at", "weekly_update_due", "resolve_by", "overdue", "merged_into",
            "transferred_to", "closure_outcome", "closure_evidence", "closed_at", "closed_by", "satisfaction",
            "repeat_count");

    private final JdbcClient jdbc;

    public RiskItemStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next number of the year. The counter row stays locked until the transaction ends, so
     * concurrent intakes queue here and a rolled-back intake gives its number back: no gaps.
     */
    public String nextNumber(Date now) {
        int year = now.toInstant().atZone(OFFICE_ZONE).getYear();
        int value = jdbc.sql("""
                insert into item_number_counter (year, last_value) values (?, 1)
                on conflict (year) do update set last_value = item_number_counter.last_value + 1
                returning last_value""").param(year).query(Integer.class).single();
        String street = jdbc.sql("select code from street order by code limit 1").query(String.class).single();
        return "%s-%d-%06d".formatted(street, year, value);
    }

    public void insert(String number, Map<String, Object> columns, List<Party> parties) {
        Map<String, Object> row = new LinkedHashMap<>(columns);
        row.put("number", number);
        String names = String.join(", ", row.keySet());
        String marks = row.keySet().stream().map(k -> ":" + k).collect(Collectors.joining(", "));
        jdbc.sql("insert into risk_item (" + names + ") values (" + marks + ")").params(toSql(row)).update();
        for (Party party : parties) {
            jdbc.sql("insert into risk_item_party (number, name, phone, role) values (?, ?, ?, ?)")
                    .params(number, party.name(), party.phone(), party.role()).update();
        }
    }

    public void update(String number, Map<String, Object> columns) {
        if (!UPDATABLE.containsAll(columns.keySet())) {
            throw new IllegalArgumentException("not updatable: " + columns.keySet());
        }
        String assignments = columns.keySet().stream().map(k -> k + " = :" + k).collect(Collectors.joining(", "));
        Map<String, Object> params = toSql(columns);
        params.put("number", number);
        params.put("updated_at", now());
        int rows = jdbc.sql("update risk_item set " + assignments + ", updated_at = :updated_at where number = :number")
                .params(params).update();
        if (rows != 1) {
            throw new IllegalStateException("no risk item " + number);
        }
    }

    public void setStatus(String number, ItemStatus status) {
        update(number, Map.of("status", status.name()));
    }

    public void addSource(String number, String source, String viaNumber, Date at) {
        jdbc.sql("insert into risk_item_source (number, source, via_number, reported_at) values (?, ?, ?, ?)")
                .params(number, source, viaNumber, ts(at)).update();
    }

    public void addEvent(String number, String actor, String kind, String summary, String unit) {
        jdbc.sql("insert into risk_item_event (number, at, actor, kind, summary, unit) values (?, ?, ?, ?, ?, ?)")
                .params(number, ts(ClockUtil.getCurrentTime()), actor, kind, summary, unit).update();
    }

    public void addEvent(String number, String actor, String kind, String summary) {
        addEvent(number, actor, kind, summary, null);
    }

    public void incrementCounter(String number, String column) {
        if (!Set.of("repeat_count", "miss_count", "reopen_count").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        jdbc.sql("update risk_item set " + column + " = " + column + " + 1 where number = ?").param(number).update();
    }

    public Optional<Map<String, Object>> find(String number) {
        return jdbc.sql("select * from risk_item where number = ?").param(number).query().listOfRows().stream().findFirst();
    }

    public boolean exists(String number) {
        return jdbc.sql("select count(*) from risk_item where number = ?").param(number).query(Integer.class).single() > 0;
    }

    public List<Party> parties(String number) {
        return jdbc.sql("select name, phone, role from risk_item_party where number = ? order by id")
                .param(number).query(Party.class).list();
    }

    public List<Event> events(String number) {
        return jdbc.sql("select at, actor, kind, summary, unit from risk_item_event where number = ? order by at, id")
                .param(number).query(Event.class).list();
    }

    public List<Map<String, Object>> sources(String number) {
        return jdbc.sql("select source, via_number, reported_at from risk_item_source where number = ? order by id")
                .param(number).query().listOfRows();
    }

    /**
     * Possible duplicates: same community and category, an overlapping party (name or phone) or
     * the same address, still open or closed within the last 30 days.
     */
    public List<String> possibleDuplicates(String number) {
        return jdbc.sql("""
                select other.number from risk_item item
                join risk_item other on other.community = item.community and other.category = item.category
                     and other.number <> item.number
                where item.number = :number
                  and other.merged_into is null and other.status not in ('MERGED', 'TRANSFERRED')
                  and (other.status <> 'CLOSED' or other.closed_at >= :since)
                  and (lower(trim(other.address)) = lower(trim(item.address))
                       or exists (select 1 from risk_item_party p join risk_item_party q on q.number = other.number
                                  where p.number = item.number
                                    and (p.name = q.name or (p.phone is not null and p.phone = q.phone))))
                order by other.reported_at desc""")
                .param("number", number)
                .param("since", ts(Date.from(ClockUtil.getCurrentTime().toInstant().minus(java.time.Duration.ofDays(30)))))
                .query(String.class).list();
    }

    public static Timestamp ts(Date date) {
        return date == null ? null : new Timestamp(date.getTime());
    }

    private static Timestamp now() {
        return ts(ClockUtil.getCurrentTime());
    }

    private static Map<String, Object> toSql(Map<String, Object> columns) {
        Map<String, Object> params = new LinkedHashMap<>();
        columns.forEach((k, v) -> params.put(k, v instanceof Date d ? ts(d) : v));
        return params;
    }
}
