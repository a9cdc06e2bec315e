package casegrid.reporting;

import casegrid.deadline.WorkingCalendar;
import casegrid.item.ItemStatus;
import casegrid.item.Overdue;
import casegrid.item.RiskItemStore;
import casegrid.org.Office;
import casegrid.org.OrgDirectory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The leaders' morning view (docs/reports.md, 实时概况): the street as it stands at the moment of the
 * read, from the records only (no period, no snapshot). Every query is bounded by the open-status,
 * deadline or step indexes and each list by {@link #LIST_LIMIT}, so it stays cheap on a large ledger.
 */
@Service
public class LivePanel {

    /** Longest list shown per section: the leader acts on the first rows; the ledger has the rest. */
    static final int LIST_LIMIT = 100;
    /** "Due soon": a deadline before the end of the second working day after today. */
    static final int DUE_SOON_WORKING_DAYS = 2;

    public record LiveItem(String number, String title, String community, String street, String level, String unit, String unitName,
                           String deadline, OffsetDateTime dueAt, List<String> waitingOn) {
    }

    public record HighItem(String number, String title, String community, String street, String unit, String unitName,
                           boolean emergencyPlan, String nextDeadline, OffsetDateTime nextDueAt, boolean overdueNow,
                           List<String> waitingOn) {
    }

    public record LevelCount(String community, String communityName, String street, Map<String, Integer> byLevel, int total) {
    }

    public record Ladder(String unit, String unitName, int reminders, int supervisions, int notices) {
    }

    public record ReportInWaiting(String number, String title, String community, String street, String department, String departmentName,
                                  OffsetDateTime dueAt, boolean missed) {
    }

    public record MeetingToConvene(String number, String title, String community, String street, String tier, String organiser,
                                   String organiserName, OffsetDateTime conveneDue) {
    }

    public record ActionDue(String number, String content, String owner, String ownerName, OffsetDateTime dueAt,
                            boolean overdue) {
    }

    /** A street the panel covers (every item names its street by code), {@code whole} when all its communities. */
    public record StreetRef(String code, String name, boolean whole) {
    }

    public record Live(OffsetDateTime at, List<String> scope, List<StreetRef> streets, OffsetDateTime dueSoonUntil, int open,
                       Map<String, Integer> openByLevel, List<LevelCount> openByCommunity, List<LiveItem> overdue,
                       List<LiveItem> dueSoon, List<HighItem> high, List<Ladder> ladder,
                       List<ReportInWaiting> reportInsWaiting, List<MeetingToConvene> meetingsToConvene,
                       List<ActionDue> actionsDue, TargetForecast.Forecast forecastWeek,
                       TargetForecast.Forecast forecastMonth) {
    }

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final WorkingCalendar calendar;
    private final TargetForecast forecast;

    LivePanel(JdbcClient jdbc, OrgDirectory org, WorkingCalendar calendar, TargetForecast forecast) {
        this.jdbc = jdbc;
        this.org = org;
        this.calendar = calendar;
        this.forecast = forecast;
    }

    /** The panel over {@code communities} (null: every street). */
    public Live compute(Collection<String> communities) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        LocalDate today = LocalDate.ofInstant(now, Office.ZONE);
        Instant soon = calendar.plusWorkingDays(today, DUE_SOON_WORKING_DAYS).plusDays(1).atStartOfDay(Office.ZONE).toInstant();
        List<OrgDirectory.Community> all = org.communities();
        List<String> scope = communities == null ? all.stream().map(OrgDirectory.Community::code).toList()
                : List.copyOf(communities);
        Map<String, Object> p = new LinkedHashMap<>(ItemStatus.SQL_PARAMS);
        p.putAll(Overdue.params());
        p.put("communities", scope.isEmpty() ? List.of("") : scope);
        p.put("now", RiskItemStore.ts(java.util.Date.from(now)));
        p.put("soon", Timestamp.from(soon));
        p.put("limit", LIST_LIMIT);
        Map<String, String> units = org.unitNames();
        Map<String, String> streetOf = org.streetOfEveryCommunity();
        List<StreetRef> streets = org.streets().stream().filter(s -> scope.stream().anyMatch(c -> s.code().equals(streetOf.get(c))))
                .map(s -> new StreetRef(s.code(), s.name(), streetOf.entrySet().stream()
                        .allMatch(e -> !s.code().equals(e.getValue()) || scope.contains(e.getKey())))).toList();

        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        Map<String, Integer> byLevel = new LinkedHashMap<>();
        for (String level : List.of("HIGH", "MEDIUM", "LOW", "NONE")) {
            byLevel.put(level, 0);
        }
        jdbc.sql("""
                select community, coalesce(risk_level, 'NONE') as level, count(*) as n from risk_item
                where status in (:open) and community in (:communities) group by 1, 2""").params(p).query((rs, n) -> {
                    counts.computeIfAbsent(rs.getString("community"), c -> new LinkedHashMap<>())
                            .put(rs.getString("level"), rs.getInt("n"));
                    byLevel.merge(rs.getString("level"), rs.getInt("n"), Integer::sum);
                    return null;
                }).list();
        List<LevelCount> byCommunity = new ArrayList<>();
        for (OrgDirectory.Community c : all) {
            if (scope.contains(c.code())) {
                Map<String, Integer> levels = counts.getOrDefault(c.code(), Map.of());
                byCommunity.add(new LevelCount(c.code(), c.name(), streetOf.get(c.code()), levels,
                        levels.values().stream().mapToInt(Integer::intValue).sum()));
            }
        }

        // The deadline an item waits on next: the earliest of the ones still running.
        String next = """
                select i.number, i.title, i.community, i.risk_level, i.responsible_unit, i.emergency_plan is not null as has_plan,
                    %s as overdue_now, d.deadline, d.due_at
                from risk_item i
                cross join lateral (select x.deadline, x.due_at from (values
                        ('feedback', case when i.feedback_at is null then i.feedback_due end),
                        ('weekly-update', i.weekly_update_due), ('resolve-by', i.resolve_by)) as x(deadline, due_at)
                    where x.due_at is not null order by x.due_at limit 1) d
                where i.status in (:open) and i.community in (:communities) and %s
                order by d.due_at, i.number limit :limit""";
        List<Map<String, Object>> overdueRows = jdbc.sql(next.formatted(Overdue.of("i"), Overdue.of("i")))
                .params(p).query().listOfRows();
        List<Map<String, Object>> soonRows = jdbc.sql(next.formatted(Overdue.of("i"), "not " + Overdue.of("i") + """
                 and ((i.feedback_at is null and i.feedback_due < :soon) or i.weekly_update_due < :soon or i.resolve_by < :soon)"""))
                .params(p).query().listOfRows();
        List<Map<String, Object>> highRows = jdbc.sql("""
                select i.number, i.title, i.community, i.risk_level, i.responsible_unit, i.emergency_plan is not null as has_plan,
                    %s as overdue_now, d.deadline, d.due_at
                from risk_item i
                left join lateral (select x.deadline, x.due_at from (values
                        ('feedback', case when i.feedback_at is null then i.feedback_due end),
                        ('weekly-update', i.weekly_update_due), ('resolve-by', i.resolve_by)) as x(deadline, due_at)
                    where x.due_at is not null order by x.due_at limit 1) d on true
                where i.status in (:open) and i.community in (:communities) and i.risk_level = 'HIGH'
                order by d.due_at nulls last, i.number limit :limit""".formatted(Overdue.of("i")))
                .params(p).query().listOfRows();

        Set<String> numbers = new LinkedHashSet<>();
        for (List<Map<String, Object>> rows : List.of(overdueRows, soonRows, highRows)) {
            rows.forEach(r -> numbers.add((String) r.get("number")));
        }
        Map<String, List<String>> waiting = waitingSteps(numbers);

        List<Ladder> ladder = jdbc.sql("""
                select r.unit,
                    count(*) filter (where r.step = 'REMINDER') as reminders,
                    count(*) filter (where r.step = 'SUPERVISION') as supervisions,
                    count(*) filter (where r.step = 'NOTICE') as notices
                from supervision_record r join risk_item i on i.number = r.number
                where i.status in (:open) and i.community in (:communities) and r.replied_at is null
                group by r.unit order by count(*) desc, r.unit""").params(p)
                .query((rs, n) -> new Ladder(rs.getString("unit"), name(units, rs.getString("unit")), rs.getInt("reminders"),
                        rs.getInt("supervisions"), rs.getInt("notices"))).list();
        List<ReportInWaiting> reportIns = jdbc.sql("""
                select r.number, i.title, i.community, r.department, r.due_at, r.missed
                from report_in r join risk_item i on i.number = r.number
                where r.reported_at is null and not r.declined and i.status in (:open) and i.community in (:communities)
                order by r.due_at, r.number limit :limit""").params(p)
                .query((rs, n) -> new ReportInWaiting(rs.getString("number"), rs.getString("title"), rs.getString("community"),
                        streetOf.get(rs.getString("community")), rs.getString("department"), name(units, rs.getString("department")), time(rs, "due_at"),
                        rs.getBoolean("missed"))).list();
        List<MeetingToConvene> meetings = jdbc.sql("""
                select m.number, i.title, m.community, m.tier, m.organiser, m.convene_due
                from meeting m join risk_item i on i.number = m.number
                where m.convened_at is null and i.status in (:open) and m.community in (:communities)
                order by m.convene_due, m.number limit :limit""").params(p)
                .query((rs, n) -> new MeetingToConvene(rs.getString("number"), rs.getString("title"), rs.getString("community"),
                        streetOf.get(rs.getString("community")), rs.getString("tier"), rs.getString("organiser"), name(units, rs.getString("organiser")),
                        time(rs, "convene_due"))).list();
        List<ActionDue> actions = jdbc.sql("""
                select a.number, a.content, a.owner, a.due_at, a.due_at < :now as overdue
                from meeting_action a join risk_item i on i.number = a.number
                where a.state in ('OPEN', 'OVERDUE') and a.due_at < :soon and i.community in (:communities)
                order by a.due_at, a.id limit :limit""").params(p)
                .query((rs, n) -> new ActionDue(rs.getString("number"), rs.getString("content"), rs.getString("owner"),
                        name(units, rs.getString("owner")), time(rs, "due_at"), rs.getBoolean("overdue"))).list();

        int open = byLevel.values().stream().mapToInt(Integer::intValue).sum();
        return new Live(OffsetDateTime.ofInstant(now, Office.ZONE), communities == null ? null : scope, streets,
                OffsetDateTime.ofInstant(soon, Office.ZONE), open, byLevel, byCommunity,
                liveItems(overdueRows, units, waiting, streetOf), liveItems(soonRows, units, waiting, streetOf),
                highRows.stream().map(r -> new HighItem((String) r.get("number"), (String) r.get("title"),
                        (String) r.get("community"), streetOf.get((String) r.get("community")), (String) r.get("responsible_unit"),
                        name(units, (String) r.get("responsible_unit")), Boolean.TRUE.equals(r.get("has_plan")),
                        (String) r.get("deadline"), time(r.get("due_at")), Boolean.TRUE.equals(r.get("overdue_now")),
                        waiting.getOrDefault(r.get("number"), List.of()))).toList(),
                ladder, reportIns, meetings, actions,
                forecast.compute(ReportPeriod.weekOf(today), now, communities, streetCodes(all)),
                forecast.compute(ReportPeriod.monthOf(today), now, communities, streetCodes(all)));
    }

    /**
     * The steps each item waits on: the names of the open (not suspended) user tasks of every instance
     * with the item's business key (the main process and its whistle or meeting instances), up to the " · " that
     * separates the step from its detail.
     */
    private Map<String, List<String>> waitingSteps(Set<String> numbers) {
        Map<String, List<String>> steps = new LinkedHashMap<>();
        if (numbers.isEmpty()) {
            return steps;
        }
        // The caller was already admitted to these items by the access policy; the engine's task
        // authorizations (who may work on a task) would hide other units' tasks from a leader.
        jdbc.sql("""
                select e.business_key_ as number, t.name_ as name from act_ru_task t
                join act_ru_execution e on e.id_ = t.proc_inst_id_
                where e.business_key_ in (:numbers) and t.suspension_state_ = 1
                order by t.create_time_""").param("numbers", List.copyOf(numbers)).query((rs, n) -> {
                    String name = rs.getString("name") == null ? "" : rs.getString("name");
                    int dot = name.indexOf(" · ");
                    String step = dot < 0 ? name : name.substring(0, dot);
                    List<String> list = steps.computeIfAbsent(rs.getString("number"), k -> new ArrayList<>());
                    if (!step.isEmpty() && !list.contains(step)) {
                        list.add(step);
                    }
                    return null;
                }).list();
        return steps;
    }

    private static List<LiveItem> liveItems(List<Map<String, Object>> rows, Map<String, String> units,
                                            Map<String, List<String>> waiting, Map<String, String> streetOf) {
        return rows.stream().map(r -> new LiveItem((String) r.get("number"), (String) r.get("title"),
                (String) r.get("community"), streetOf.get((String) r.get("community")), (String) r.get("risk_level"), (String) r.get("responsible_unit"),
                name(units, (String) r.get("responsible_unit")), (String) r.get("deadline"), time(r.get("due_at")),
                waiting.getOrDefault(r.get("number"), List.of()))).toList();
    }

    private static List<String> streetCodes(List<OrgDirectory.Community> all) {
        return all.stream().map(OrgDirectory.Community::code).toList();
    }

    private static String name(Map<String, String> units, String code) {
        return code == null ? null : units.getOrDefault(code, code);
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return time(rs.getTimestamp(column));
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof Timestamp ts) {
            return OffsetDateTime.ofInstant(ts.toInstant(), Office.ZONE);
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.atZoneSameInstant(Office.ZONE).toOffsetDateTime();
        }
        return null;
    }
}
