package casegrid.item;

import casegrid.org.Office;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The item's owner: the only writer of {@code risk_item} and its child tables (parties, channels,
 * timeline). Each write is one typed step of the case; a status change goes through
 * {@link ItemStatus#checkMoveTo}, so neither code nor a model can put an item into a status its
 * current one does not lead to. Every write joins the caller's transaction, which is the engine's
 * when called from a delegate or task listener, so a failing step rolls back the case data with the
 * process state.
 */
@Component
public class RiskItemStore {

    public record Party(String name, String phone, String role) {
    }

    public record Event(OffsetDateTime at, String actor, String kind, String summary, String unit) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ApplicationEventPublisher listeners;

    public RiskItemStore(JdbcClient jdbc, ObjectMapper json, ApplicationEventPublisher listeners) {
        this.jdbc = jdbc;
        this.json = json;
        this.listeners = listeners;
    }

    /**
     * The next number of the year on the counter of the community's street, with that street's
     * prefix (QF-2026-000123). The counter row stays locked until the transaction ends, so
     * concurrent intakes queue here and a rolled-back intake gives its number back: no gaps.
     */
    public String nextNumber(Date now, String community) {
        int year = now.toInstant().atZone(Office.ZONE).getYear();
        record Street(String code, String prefix) {
        }
        Street street = jdbc.sql("""
                select s.code, s.number_prefix as prefix from street s join community c on c.street_code = s.code
                 where c.code = ?""").param(community).query(Street.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("unknown community " + community));
        int value = jdbc.sql("""
                insert into item_number_counter (street_code, year, last_value) values (?, ?, 1)
                on conflict (street_code, year) do update set last_value = item_number_counter.last_value + 1
                returning last_value""").params(street.code(), year).query(Integer.class).single();
        return "%s-%d-%06d".formatted(street.prefix(), year, value);
    }

    /** A new item, REGISTERED, with its parties and its first channel. */
    public void register(String number, NewItem item, List<Party> parties) {
        jdbc.sql("""
                insert into risk_item (number, title, description, category, subcategory, source, community, grid,
                    address, occurred_at, reported_at, reported_by, people_involved, threat_of_violence,
                    involves_minors, cross_jurisdiction, status, latitude, longitude)
                values (:number, :title, :description, :category, :subcategory, :source, :community, :grid,
                    :address, :occurredAt, :reportedAt, :reportedBy, :peopleInvolved, :threat, :minors, :cross, :status,
                    :latitude, :longitude)""")
                .param("number", number).param("title", item.title()).param("description", item.description())
                .param("category", item.category()).param("subcategory", item.subcategory())
                .param("source", item.source()).param("community", item.community()).param("grid", item.grid())
                .param("address", item.address()).param("occurredAt", ts(item.occurredAt()))
                .param("reportedAt", ts(item.reportedAt())).param("reportedBy", item.reportedBy())
                .param("peopleInvolved", item.peopleInvolved()).param("threat", item.threatOfViolence())
                .param("minors", item.involvesMinors()).param("cross", item.crossJurisdiction())
                .param("status", ItemStatus.REGISTERED.name())
                .param("latitude", item.latitude(), java.sql.Types.DOUBLE)
                .param("longitude", item.longitude(), java.sql.Types.DOUBLE).update();
        for (Party party : parties) {
            jdbc.sql("insert into risk_item_party (number, name, phone, role) values (?, ?, ?, ?)")
                    .params(number, party.name(), party.phone(), party.role()).update();
        }
        addSource(number, item.source(), number, item.reportedAt());
    }

    /**
     * An item from a street's existing ledger (底数台账), with its original number, dates and status:
     * it did not live here before, so there is no move through the status table to make; the process
     * that is then started at the matching step (or none, for a closed item) keeps it moving as usual.
     * The street's counter is lifted past the number, so a new intake never hands it out again.
     */
    public void importItem(String number, ImportedItem imported, List<Party> parties) {
        NewItem item = imported.item();
        jdbc.sql("""
                insert into risk_item (number, title, description, category, subcategory, source, community, grid,
                    address, occurred_at, reported_at, reported_by, people_involved, threat_of_violence,
                    involves_minors, cross_jurisdiction, status, risk_level, fixable_now, responsible_unit, resolver,
                    weekly_update_due, resolve_by, closure_outcome, closure_evidence, closed_at)
                values (:number, :title, :description, :category, :subcategory, :source, :community, :grid,
                    :address, :occurredAt, :reportedAt, :reportedBy, :peopleInvolved, :threat, :minors, :cross, :status,
                    :level, :fixable, :unit, :resolver, :weekly, :resolveBy, :outcome, :evidence, :closedAt)""")
                .params(params("number", number, "title", item.title(), "description", item.description(),
                        "category", item.category(), "subcategory", item.subcategory(), "source", item.source(),
                        "community", item.community(), "grid", item.grid(), "address", item.address(),
                        "occurredAt", ts(item.occurredAt()), "reportedAt", ts(item.reportedAt()),
                        "reportedBy", item.reportedBy(), "peopleInvolved", item.peopleInvolved(),
                        "threat", item.threatOfViolence(), "minors", item.involvesMinors(),
                        "cross", item.crossJurisdiction(), "status", imported.status().name(),
                        "level", name(imported.level()), "fixable", imported.fixableNow(),
                        "unit", imported.responsibleUnit(), "resolver", imported.resolver(),
                        "weekly", ts(imported.weeklyUpdateDue()), "resolveBy", ts(imported.resolveBy()),
                        "outcome", imported.closureOutcome(), "evidence", imported.closureEvidence(),
                        "closedAt", ts(imported.closedAt())))
                .update();
        for (Party party : parties) {
            jdbc.sql("insert into risk_item_party (number, name, phone, role) values (?, ?, ?, ?)")
                    .params(number, party.name(), party.phone(), party.role()).update();
        }
        addSource(number, item.source(), number, item.reportedAt());
        claimNumber(number);
        refreshOverdue(number);
    }

    /** Lifts the counter of the number's street and year to at least the number (PREFIX-YYYY-NNNNNN). */
    private void claimNumber(String number) {
        String[] parts = number.split("-");
        String street = jdbc.sql("select code from street where number_prefix = ?").param(parts[0])
                .query(String.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("no street numbers items " + parts[0]));
        jdbc.sql("""
                insert into item_number_counter (street_code, year, last_value) values (?, ?, ?)
                on conflict (street_code, year) do update
                set last_value = greatest(item_number_counter.last_value, excluded.last_value)""")
                .params(street, Integer.parseInt(parts[1]), Integer.parseInt(parts[2])).update();
    }

    /**
     * Ties the item to the riskItem instance its intake started. Only once: a second instance that
     * names the same number (a forged business key) gets false and must not touch the item.
     */
    public boolean bindProcess(String number, String processInstanceId) {
        return jdbc.sql("""
                update risk_item set process_instance_id = ?, updated_at = ?
                where number = ? and process_instance_id is null""")
                .params(processInstanceId, now(), number).update() == 1;
    }

    // ---- status: one method per move that carries data; the models' task statuses through enter()

    /** The status a user task's {@code status} property names, if the table allows the move. */
    public void enter(String number, ItemStatus status) {
        move(number, status, false, "", Map.of());
    }

    public void callWhistle(String number) {
        move(number, ItemStatus.WHISTLE, false, "", Map.of());
    }

    /** To the joint meeting of {@code tier} (COMMUNITY, STREET, DISTRICT). */
    public void escalate(String number, String tier) {
        move(number, ItemStatus.of("MEETING_" + tier), false, "", Map.of());
    }

    public void transfer(String number, String transferredTo) {
        move(number, ItemStatus.TRANSFERRED, true, ", transferred_to = :to", Map.of("to", transferredTo));
    }

    /** Written off (销号): no longer overdue; the follow-up visit is due by {@code followUpDue}. */
    public Deadlines close(String number, Date closedAt, String closedBy, Date followUpDue) {
        move(number, ItemStatus.CLOSED, true, ", closed_at = :at, closed_by = :by, overdue = false, follow_up_due = :visit",
                params("at", ts(closedAt), "by", closedBy, "visit", ts(followUpDue)));
        return deadlines(number);
    }

    /** Back to resolution after an unsatisfied follow-up visit, with the same number. */
    public void reopen(String number) {
        move(number, ItemStatus.RESOLVING, true, ", closed_at = null, closed_by = null, reopen_count = reopen_count + 1",
                Map.of());
    }

    /**
     * A confirmed repeat report: this item ends MERGED into {@code original}, whose repeat count
     * grows and which gains this item's channel.
     */
    public void merge(String number, String original, Date at) {
        move(number, ItemStatus.MERGED, true, ", merged_into = :original", Map.of("original", original));
        RiskItem repeat = require(number);
        jdbc.sql("update risk_item set repeat_count = repeat_count + 1, updated_at = ? where number = ?")
                .params(now(), original).update();
        addSource(original, repeat.source(), number, at);
    }

    /** {@code change}: the step happens once (a second close, merge or transfer is refused, not repeated). */
    private void move(String number, ItemStatus to, boolean change, String assignments, Map<String, Object> params) {
        String current = jdbc.sql("select status from risk_item where number = ? for update").param(number)
                .query(String.class).optional().orElseThrow(() -> new IllegalStateException("no risk item " + number));
        if (change) {
            ItemStatus.of(current).checkChangeTo(to);
        } else {
            ItemStatus.of(current).checkMoveTo(to);
        }
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("number", number);
        all.put("status", to.name());
        all.put("now", now());
        jdbc.sql("update risk_item set status = :status, updated_at = :now" + assignments + " where number = :number")
                .params(all).update();
    }

    // ---- the steps' data

    public void grade(String number, Grade grade) {
        set(number, """
                risk_level = :level, suggested_level = :suggested, grade_reason = :reason, graded_at = :at,
                graded_by = :by, fixable_now = :fixable""",
                params("level", name(grade.level()), "suggested", name(grade.suggested()), "reason", grade.reason(),
                        "at", ts(grade.gradedAt()), "by", grade.gradedBy(), "fixable", grade.fixableNow()));
    }

    /** A new level after grading; any waiting request to lower it is settled by this. */
    public void regrade(String number, RiskLevel level) {
        set(number, "risk_level = :level, regrade_level = null, regrade_reason = null, regrade_by = null, regrade_at = null",
                params("level", name(level)));
    }

    /** A request to lower a HIGH, waiting for a street leader (one per item: a new one replaces it). */
    public void requestRegrade(String number, RegradeRequest request) {
        set(number, "regrade_level = :level, regrade_reason = :reason, regrade_by = :by, regrade_at = :at",
                params("level", name(request.level()), "reason", request.reason(), "by", request.requestedBy(),
                        "at", ts(request.requestedAt())));
    }

    public void dropRegradeRequest(String number) {
        set(number, "regrade_level = null, regrade_reason = null, regrade_by = null, regrade_at = null", params());
    }

    public Optional<RegradeRequest> regradeRequest(String number) {
        return jdbc.sql("select regrade_level, regrade_reason, regrade_by, regrade_at from risk_item "
                        + "where number = :number and regrade_level is not null")
                .param("number", number)
                .query((rs, row) -> new RegradeRequest(RiskLevel.valueOf(rs.getString("regrade_level")),
                        rs.getString("regrade_reason"), rs.getString("regrade_by"), date(rs, "regrade_at")))
                .optional();
    }

    public Optional<Date> gradedAt(String number) {
        return jdbc.sql("select graded_at from risk_item where number = :number").param("number", number)
                .query((rs, row) -> date(rs, "graded_at")).optional();
    }

    /** The plan; a planned item is no longer a fix-now item, whatever the grading said. */
    public void plan(String number, Plan plan) {
        set(number, """
                responsible_unit = :unit, responsible_leader = :leader, investigator = :investigator,
                resolver = :resolver, stabiliser = :stabiliser, dispatcher = :dispatcher, measures = :measures,
                fixable_now = false""",
                params("unit", plan.responsibleUnit(), "leader", plan.responsibleLeader(),
                        "investigator", plan.investigator(), "resolver", plan.resolver(),
                        "stabiliser", plan.stabiliser(), "dispatcher", plan.dispatcher(), "measures", plan.measures()));
    }

    public void emergencyPlan(String number, Map<String, String> plan) {
        try {
            set(number, "emergency_plan = cast(:plan as jsonb)", Map.of("plan", json.writeValueAsString(plan)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decision table's suggestion after a repeat report. */
    public void resuggest(String number, RiskLevel suggested) {
        set(number, "suggested_level = :suggested", Map.of("suggested", suggested.name()));
    }

    public void feedbackGiven(String number, Date at) {
        set(number, "feedback_at = :at", Map.of("at", ts(at)));
        refreshOverdue(number);
    }

    public void recordClosureRequest(String number, String outcome, String evidence) {
        set(number, "closure_outcome = :outcome, closure_evidence = :evidence",
                Map.of("outcome", outcome, "evidence", evidence));
    }

    public void recordSatisfaction(String number, String satisfaction) {
        set(number, "satisfaction = :satisfaction", Map.of("satisfaction", satisfaction));
    }

    /** A missed deadline: the item is overdue and its count of misses grows. */
    public void recordMiss(String number) {
        set(number, "miss_count = miss_count + 1, overdue = true", Map.of());
    }

    /** Unresolved even at the district tier: a long-term matter, reviewed by {@code reviewDue}. */
    public void flagLongTerm(String number, Date reviewDue) {
        set(number, "long_term = true, long_term_review_due = :due", Map.of("due", ts(reviewDue)));
    }

    // ---- deadlines: stored here once; ItemDeadlines copies them into the process

    /** Changes the given deadlines (null = unchanged) and returns all of them as stored now. */
    public Deadlines changeDeadlines(String number, Deadlines change) {
        set(number, """
                feedback_due = coalesce(:feedback, feedback_due), weekly_update_due = coalesce(:weekly, weekly_update_due),
                resolve_by = coalesce(:resolveBy, resolve_by), follow_up_due = coalesce(:visit, follow_up_due)""",
                params("feedback", ts(change.feedbackDue()), "weekly", ts(change.weeklyUpdateDue()),
                        "resolveBy", ts(change.resolveBy()), "visit", ts(change.followUpDue())));
        refreshOverdue(number);
        return deadlines(number);
    }

    public Deadlines deadlines(String number) {
        return require(number).deadlines();
    }

    /** Overdue = open and behind on any deadline now; cleared once the work catches up. */
    public void refreshOverdue(String number) {
        jdbc.sql("update risk_item r set overdue = " + Overdue.of("r") + " where r.number = :number")
                .params(Overdue.params()).param("number", number).update();
    }

    private void set(String number, String assignments, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("number", number);
        all.put("now", now());
        int rows = jdbc.sql("update risk_item set " + assignments + ", updated_at = :now where number = :number")
                .params(all).update();
        if (rows != 1) {
            throw new IllegalStateException("no risk item " + number);
        }
    }

    // ---- child tables

    private void addSource(String number, String source, String viaNumber, Date at) {
        jdbc.sql("insert into risk_item_source (number, source, via_number, reported_at) values (?, ?, ?, ?)")
                .params(number, source, viaNumber, ts(at)).update();
    }

    /** A timeline row; {@code taskKey} is the completed task's id, a trace for the designer, never counted. */
    public void addEvent(String number, String actor, ItemEvent kind, String summary, String unit, String taskKey) {
        jdbc.sql("insert into risk_item_event (number, at, actor, kind, summary, unit, task_key) values (?, ?, ?, ?, ?, ?, ?)")
                .params(number, ts(ClockUtil.getCurrentTime()), actor, kind.name(), summary, unit, taskKey).update();
        listeners.publishEvent(new ItemEventRecorded(number, kind));
    }

    /** A timeline row of the item's past (an imported ledger's dated history), at its own time rather than now. */
    public void addPastEvent(String number, Date at, String actor, ItemEvent kind, String summary) {
        jdbc.sql("insert into risk_item_event (number, at, actor, kind, summary) values (?, ?, ?, ?, ?)")
                .params(number, ts(at), actor, kind.name(), summary).update();
        listeners.publishEvent(new ItemEventRecorded(number, kind));
    }

    public void addEvent(String number, String actor, ItemEvent kind, String summary, String unit) {
        addEvent(number, actor, kind, summary, unit, null);
    }

    public void addEvent(String number, String actor, ItemEvent kind, String summary) {
        addEvent(number, actor, kind, summary, null, null);
    }

    // ---- reads

    public Optional<RiskItem> item(String number) {
        return jdbc.sql("select * from risk_item where number = ?").param(number).query(RiskItemStore::toItem).optional();
    }

    public RiskItem require(String number) {
        return item(number).orElseThrow(() -> new IllegalStateException("no risk item " + number));
    }

    /** The row as the read views (detail, archive) show it. */
    public Optional<Map<String, Object>> find(String number) {
        // overdue_now: as of this read (Overdue), whatever the stored flag last said.
        return jdbc.sql("select r.*, " + Overdue.of("r") + " as overdue_now from risk_item r where r.number = :number")
                .params(Overdue.params()).param("number", number).query().listOfRows().stream().findFirst();
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
     * Possible duplicates: same community and category, still open or closed within the last 30
     * days, and either an overlapping party (name or phone), a similar address (pg_trgm, so that
     * "福泰小区1号楼" and "福泰小区1号楼2单元" meet) or, when both were reported with the phone's location,
     * a spot within 50 m (DuplicateCandidate.NEARBY_METRES). A similar title only counts beside a similar
     * address: the same "楼上漏水" in two buildings is two matters. Addresses whose numbers
     * disagree ("福华路8号", "福华路9号") are two places however alike they read. Every branch starts from an
     * index (the address trigram index, the party name/phone indexes, the coordinates' b-tree read as a
     * bounding box, as PostGIS is not in the embedded PostgreSQL), not from every item of the community;
     * the strongest match comes first, nearness adding to the similarities.
     */
    public List<DuplicateCandidate> possibleDuplicates(String number) {
        return jdbc.sql("""
                with item as (select number, community, category, address, title, latitude, longitude
                              from risk_item where number = :number),
                -- The items a duplicate can be (same community and category, not merged or transferred, open or
                -- closed within 30 days: the conditions of "scored" below), found first by risk_item_duplicate_idx.
                -- OFFSET 0 keeps the similarity test out of the scan: through the trigram index it read every
                -- similar address of the whole ledger (7,412 index entries at 100k items, 41 ms p50) to keep a few.
                scope as (
                    select other.number, other.address from item join risk_item other
                        on other.community = item.community and other.category = item.category
                    where other.merged_into is null and other.status not in (:elsewhere)
                      and (other.status <> :closed or other.closed_at >= :since)
                    offset 0),
                matches as (
                    select scope.number from item join scope on scope.address % item.address
                    union
                    select q.number from item join risk_item_party p on p.number = item.number
                    join risk_item_party q on q.name = p.name or (p.phone is not null and q.phone = p.phone)
                    union
                    select other.number from item join risk_item other
                        on other.latitude between item.latitude - :boxLat and item.latitude + :boxLat
                       and other.longitude between item.longitude - :boxLat / cos(radians(item.latitude))
                                               and item.longitude + :boxLat / cos(radians(item.latitude))
                     where item.latitude is not null),
                scored as (
                    select other.number, other.address, item.address as item_address, other.reported_at,
                           similarity(other.address, item.address) as address_similarity,
                           similarity(other.title, item.title) as title_similarity,
                           exists (select 1 from risk_item_party p join risk_item_party q on q.number = other.number
                                   where p.number = item.number
                                     and (p.name = q.name or (p.phone is not null and p.phone = q.phone))) as same_party,
                           -- Haversine on a sphere of the Earth's mean radius: metres, exact enough at 50 m.
                           case when item.latitude is not null and other.latitude is not null then
                               2 * 6371008.8 * asin(sqrt(power(sin(radians(other.latitude - item.latitude) / 2), 2)
                                   + cos(radians(item.latitude)) * cos(radians(other.latitude))
                                     * power(sin(radians(other.longitude - item.longitude) / 2), 2)))
                           end as distance_m
                    from item join matches m on m.number <> item.number
                    join risk_item other on other.number = m.number
                    where other.community = item.community and other.category = item.category
                      and other.merged_into is null and other.status not in (:elsewhere)
                      and (other.status <> :closed or other.closed_at >= :since))
                select * from scored
                order by same_party desc,
                         address_similarity + title_similarity
                             + coalesce(greatest(0, 1 - distance_m / :nearby), 0) desc,
                         reported_at desc
                limit 10""")
                .params(ItemStatus.SQL_PARAMS).param("number", number)
                .param("since", ts(Date.from(ClockUtil.getCurrentTime().toInstant().minus(java.time.Duration.ofDays(30)))))
                // 50 m in degrees of latitude (111.2 km each), a little wider so the circle fits inside the box.
                .param("boxLat", DuplicateCandidate.NEARBY_METRES / 111_000.0)
                .param("nearby", DuplicateCandidate.NEARBY_METRES)
                .query((rs, row) -> new DuplicateCandidate(rs.getString("number"),
                        DuplicateCandidate.samePlaceNumbers(rs.getString("address"), rs.getString("item_address"))
                                ? rs.getDouble("address_similarity") : 0,
                        rs.getDouble("title_similarity"), rs.getBoolean("same_party"),
                        rs.getObject("distance_m", Double.class)))
                .list().stream().filter(DuplicateCandidate::likely).toList();
    }

    public static Timestamp ts(Date date) {
        return date == null ? null : new Timestamp(date.getTime());
    }

    private static Timestamp now() {
        return ts(ClockUtil.getCurrentTime());
    }

    private static RiskItem toItem(ResultSet rs, int row) throws SQLException {
        Plan plan = new Plan(rs.getString("responsible_unit"), rs.getString("responsible_leader"),
                rs.getString("investigator"), rs.getString("resolver"), rs.getString("stabiliser"),
                rs.getString("dispatcher"), rs.getString("measures"));
        Deadlines deadlines = new Deadlines(date(rs, "feedback_due"), date(rs, "weekly_update_due"),
                date(rs, "resolve_by"), date(rs, "follow_up_due"));
        return new RiskItem(rs.getString("number"), rs.getString("process_instance_id"), rs.getString("title"),
                rs.getString("description"), rs.getString("category"), rs.getString("subcategory"),
                rs.getString("source"), rs.getString("community"), rs.getString("grid"), rs.getString("address"),
                date(rs, "occurred_at"), date(rs, "reported_at"), rs.getString("reported_by"),
                rs.getInt("people_involved"), rs.getBoolean("threat_of_violence"), rs.getBoolean("involves_minors"),
                rs.getBoolean("cross_jurisdiction"), rs.getInt("repeat_count"), ItemStatus.of(rs.getString("status")),
                RiskLevel.ofNullable(rs.getString("suggested_level")), RiskLevel.ofNullable(rs.getString("risk_level")),
                rs.getObject("fixable_now", Boolean.class), plan, deadlines, date(rs, "feedback_at"),
                rs.getBoolean("overdue"), rs.getInt("miss_count"), rs.getInt("reopen_count"),
                rs.getString("merged_into"), rs.getString("transferred_to"), rs.getString("closure_outcome"),
                date(rs, "closed_at"), rs.getString("closed_by"), rs.getString("satisfaction"),
                rs.getBoolean("long_term"), date(rs, "long_term_review_due"));
    }

    /** A plain Date: a Timestamp is not equal to the Date of the same instant, and the engine stores Dates. */
    private static Date date(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : new Date(value.getTime());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** Named parameters of which some may be null (Map.of refuses nulls). */
    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], pairs[i + 1]);
        }
        return params;
    }
}
