package casegrid.reporting;

import casegrid.deadline.WorkingCalendar;
import casegrid.item.Codes;
import casegrid.org.Office;
import casegrid.org.OrgDirectory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The weekly and monthly figures (周调·月统) over the item tables, the supervision ledger, the
 * daily checks and the timeline. Every figure and rate here is defined in docs/reports.md; the
 * two must say the same thing, so a change to one is a change to the other.
 *
 * <p>The result is a plain JSON-shaped map (ordered), so the same value is answered by the API,
 * stored as the meeting's snapshot and drawn by the dashboard.
 */
@Service
public class ReportService {

    /** Targets of the work plan: high-risk items 100 % resolved, medium and low at least 90 %. */
    static final Map<String, BigDecimal> TARGETS = Map.of(
            "HIGH", new BigDecimal("1.00"), "MEDIUM", new BigDecimal("0.90"), "LOW", new BigDecimal("0.90"));

    /**
     * One row per counted item with its flags for the period; the dimensions group over it. Merged
     * repeats are never counted as items (only as {@code mergedRepeats}); a transferred item counts
     * from its transfer (the last 化解处置 completion) on as gone from the street.
     */
    private static final String FLAGGED = """
            with scoped as (
                select i.*, case when i.status = 'TRANSFERRED' then
                    (select max(ev.at) from risk_item_event ev where ev.number = i.number and ev.kind = 'Task_Resolve')
                    end as transferred_at
                from risk_item i
                where i.community in (:communities) and i.reported_at < :e
                  -- history that cannot touch the period: closed before it (its timers ended with the
                  -- write-off; a reopening would have made it open again) or a repeat merged before it
                  and not (i.status = 'CLOSED' and i.closed_at < :s) and not (i.status = 'MERGED' and i.reported_at < :s)
            ), flagged as (
                select i.*,
                    i.status <> 'MERGED' and i.reported_at >= :s as is_new,
                    i.status = 'MERGED' and i.reported_at >= :s as is_merged_repeat,
                    i.status = 'CLOSED' and i.closed_at >= :s and i.closed_at < :e as is_closed,
                    i.status <> 'MERGED' and exists (select 1 from risk_item_event ev where ev.number = i.number
                        and ev.kind = 'Task_RequestClosure' and ev.at >= :s and ev.at < :e) as is_resolved,
                    exists (select 1 from risk_item_event ev where ev.number = i.number
                        and ev.kind = 'REOPENED' and ev.at >= :s and ev.at < :e) as is_reopened,
                    i.status = 'TRANSFERRED' and i.transferred_at >= :s and i.transferred_at < :e as is_transferred,
                    i.status <> 'MERGED' and exists (select 1 from supervision_record r where r.number = i.number
                        and r.due_at >= :s and r.due_at < :e) as is_overdue,
                    i.status <> 'MERGED' and not (i.status = 'CLOSED' and i.closed_at < :e)
                        and not (i.status = 'TRANSFERRED' and coalesce(i.transferred_at < :e, false)) as is_open_at_end
                from scoped i
            )
            """;

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final WorkingCalendar calendar;

    public ReportService(JdbcClient jdbc, OrgDirectory org, WorkingCalendar calendar) {
        this.jdbc = jdbc;
        this.org = org;
        this.calendar = calendar;
    }

    /** The report of {@code period} over the items of {@code communities} (null: the whole street). */
    public Map<String, Object> compute(ReportPeriod period, Collection<String> communities) {
        List<OrgDirectory.Community> all = org.communities();
        List<String> scope = communities == null ? all.stream().map(OrgDirectory.Community::code).toList()
                : List.copyOf(communities);
        Window w = new Window(period, scope);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("kind", period.kind().name());
        report.put("period", period.label());
        report.put("from", period.from().toString());
        report.put("to", period.lastDay().toString());
        report.put("computedAt", OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), Office.ZONE));
        report.put("scope", communities == null ? "ALL" : scope);

        Map<String, Map<String, Object>> totals = figuresBy(w, "'ALL'");
        report.put("totals", totals.getOrDefault("ALL", emptyFigures()));
        report.put("resolutionRates", resolutionRates(w));
        report.put("feedbackOnTime", feedbackOnTime(w));
        report.put("weeklyUpdate", weeklyUpdate(w));
        report.put("avgWorkingDaysToClose", avgWorkingDaysToClose(w));
        report.put("byLevel", dimension(figuresBy(w, "f.risk_level"), Codes.LEVELS));
        report.put("byCategory", dimension(figuresBy(w, "f.category"), Codes.CATEGORIES));
        Map<String, String> communityNames = new LinkedHashMap<>();
        all.stream().filter(c -> scope.contains(c.code())).forEach(c -> communityNames.put(c.code(), c.name()));
        report.put("byCommunity", dimension(figuresBy(w, "f.community"), communityNames));
        report.put("byDepartment", departments(w));
        report.put("supervision", supervision(w));
        report.put("dataQuality", dataQuality(w, communityNames));
        report.put("overdueItems", overdueItems(w));
        report.put("publicNotices", publicNotices(w));
        report.put("longTermItems", longTermItems(w));
        return report;
    }

    /** The window's bounds and scope as query parameters. */
    private record Window(ReportPeriod period, List<String> communities) {
        Map<String, Object> params() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("s", period.start());
            p.put("e", period.end());
            p.put("communities", communities.isEmpty() ? List.of("") : communities);
            return p;
        }
    }

    private JdbcClient.StatementSpec sql(String sql, Window w) {
        return jdbc.sql(sql).params(w.params());
    }

    private static final List<String> FIGURES = List.of("newItems", "mergedRepeats", "resolved", "closed", "reopened",
            "transferred", "overdue", "openAtEnd");

    private Map<String, Map<String, Object>> figuresBy(Window w, String dimension) {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        sql(FLAGGED + """
                select %s as key,
                    count(*) filter (where is_new) as new_items,
                    count(*) filter (where is_merged_repeat) as merged_repeats,
                    count(*) filter (where is_resolved) as resolved,
                    count(*) filter (where is_closed) as closed,
                    count(*) filter (where is_reopened) as reopened,
                    count(*) filter (where is_transferred) as transferred,
                    count(*) filter (where is_overdue) as overdue,
                    count(*) filter (where is_open_at_end) as open_at_end
                from flagged f group by 1""".formatted(dimension), w).query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    String[] columns = {"new_items", "merged_repeats", "resolved", "closed", "reopened", "transferred",
                            "overdue", "open_at_end"};
                    for (int i = 0; i < columns.length; i++) {
                        row.put(FIGURES.get(i), rs.getInt(columns[i]));
                    }
                    byKey.put(rs.getString("key") == null ? "NONE" : rs.getString("key"), row);
                    return row;
                }).list();
        return byKey;
    }

    private static Map<String, Object> emptyFigures() {
        Map<String, Object> row = new LinkedHashMap<>();
        FIGURES.forEach(f -> row.put(f, 0));
        return row;
    }

    /** Every code of {@code names} in order, with zeros where nothing happened. */
    private static List<Map<String, Object>> dimension(Map<String, Map<String, Object>> figures, Map<String, String> names) {
        List<Map<String, Object>> rows = new ArrayList<>();
        names.forEach((code, name) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", code);
            row.put("name", name);
            row.putAll(figures.getOrDefault(code, emptyFigures()));
            rows.add(row);
        });
        return rows;
    }

    private List<Map<String, Object>> resolutionRates(Window w) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        sql("""
                select risk_level, count(*) as due,
                       count(*) filter (where status = 'CLOSED' and closed_at < :e) as resolved
                from risk_item
                where community in (:communities) and status not in ('MERGED', 'TRANSFERRED')
                  and risk_level is not null and resolve_by >= :s and resolve_by < :e
                group by risk_level""", w)
                .query((rs, n) -> counts.put(rs.getString("risk_level"), new int[] {rs.getInt("due"), rs.getInt("resolved")}))
                .list();
        List<Map<String, Object>> rates = new ArrayList<>();
        Codes.LEVELS.forEach((level, name) -> {
            int[] c = counts.getOrDefault(level, new int[2]);
            BigDecimal rate = rate(c[1], c[0]);
            BigDecimal target = TARGETS.get(level);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("level", level);
            row.put("name", name);
            row.put("due", c[0]);
            row.put("resolved", c[1]);
            row.put("rate", rate);
            row.put("target", target);
            row.put("verdict", rate == null ? "NO_DATA" : rate.compareTo(target) >= 0 ? "MET" : "MISSED");
            rates.add(row);
        });
        return rates;
    }

    private Map<String, Object> feedbackOnTime(Window w) {
        Map<String, Object> row = sql("""
                select count(*) as due,
                       count(*) filter (where coalesce(feedback_at, (select min(ev.at) from risk_item_event ev
                           where ev.number = i.number and ev.kind = 'Task_RectifyNow')) <= feedback_due) as on_time
                from risk_item i
                where community in (:communities) and status <> 'MERGED' and feedback_due >= :s and feedback_due < :e""", w)
                .query().singleRow();
        int due = ((Number) row.get("due")).intValue();
        int onTime = ((Number) row.get("on_time")).intValue();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("due", due);
        out.put("onTime", onTime);
        out.put("late", due - onTime);
        out.put("rate", rate(onTime, due));
        return out;
    }

    private Map<String, Object> weeklyUpdate(Window w) {
        Map<String, Object> row = sql("""
                select count(*) as in_resolution,
                       count(*) filter (where exists (select 1 from supervision_record r where r.number = i.number
                           and r.deadline = 'weekly-update' and r.due_at >= :s and r.due_at < :e)) as missed
                from risk_item i
                where community in (:communities) and fixable_now = false and graded_at < :e
                  and status not in ('MERGED', 'TRANSFERRED') and (closed_at is null or closed_at >= :s)""", w)
                .query().singleRow();
        int inResolution = ((Number) row.get("in_resolution")).intValue();
        int missed = ((Number) row.get("missed")).intValue();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inResolution", inResolution);
        out.put("missed", missed);
        out.put("compliant", inResolution - missed);
        out.put("rate", rate(inResolution - missed, inResolution));
        return out;
    }

    private BigDecimal avgWorkingDaysToClose(Window w) {
        List<Integer> days = sql("""
                select reported_at, closed_at from risk_item
                where community in (:communities) and status = 'CLOSED' and closed_at >= :s and closed_at < :e""", w)
                .query((rs, n) -> calendar.workingDaysBetween(day(rs.getTimestamp("reported_at")), day(rs.getTimestamp("closed_at"))))
                .list();
        if (days.isEmpty()) {
            return null;
        }
        return BigDecimal.valueOf(days.stream().mapToInt(Integer::intValue).sum())
                .divide(BigDecimal.valueOf(days.size()), 1, RoundingMode.HALF_UP);
    }

    private List<Map<String, Object>> departments(Window w) {
        Map<String, Map<String, Object>> figures = figuresBy(w, "f.responsible_unit");
        Map<String, int[]> reportIns = new LinkedHashMap<>();
        // A department's report-in is on time unless a miss was recorded for the same item since its previous report-in.
        sql("""
                select ev.unit,
                    count(*) filter (where ev.kind = 'REPORTED_IN') as reported,
                    count(*) filter (where ev.kind = 'REPORTED_IN' and not exists (
                        select 1 from risk_item_event m where m.number = ev.number and m.unit = ev.unit
                          and m.kind = 'REPORT_IN_MISSED' and m.at < ev.at
                          and m.at > coalesce((select max(p.at) from risk_item_event p where p.number = ev.number
                              and p.unit = ev.unit and p.kind = 'REPORTED_IN' and p.at < ev.at), '-infinity'))) as on_time,
                    count(distinct ev.number) filter (where ev.kind = 'REPORT_IN_MISSED') as missed
                from risk_item_event ev join risk_item i on i.number = ev.number
                where i.community in (:communities) and ev.kind in ('REPORTED_IN', 'REPORT_IN_MISSED')
                  and ev.at >= :s and ev.at < :e and ev.unit is not null
                group by ev.unit""", w)
                .query((rs, n) -> reportIns.put(rs.getString("unit"),
                        new int[] {rs.getInt("reported"), rs.getInt("on_time"), rs.getInt("missed")}))
                .list();
        Map<String, Object[]> ratings = new LinkedHashMap<>();
        sql("""
                select r.department, round(avg(r.timeliness), 1) as timeliness,
                       round(avg(r.effectiveness), 1) as effectiveness, count(*) as ratings
                from report_in_rating r join risk_item i on i.number = r.number
                where i.community in (:communities) and r.rated_at >= :s and r.rated_at < :e
                group by r.department""", w)
                .query((rs, n) -> ratings.put(rs.getString("department"),
                        new Object[] {rs.getBigDecimal("timeliness"), rs.getBigDecimal("effectiveness"), rs.getInt("ratings")}))
                .list();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (OrgDirectory.Unit dept : org.departments()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", dept.code());
            row.put("name", dept.name());
            row.putAll(figures.getOrDefault(dept.code(), emptyFigures()));
            int[] r = reportIns.getOrDefault(dept.code(), new int[3]);
            row.put("reportIns", r[0]);
            row.put("reportInsOnTime", r[1]);
            row.put("reportInsMissed", r[2]);
            row.put("reportInTimeliness", rate(r[1], r[1] + r[2]));
            Object[] rating = ratings.get(dept.code());
            row.put("ratings", rating == null ? 0 : rating[2]);
            row.put("ratingTimeliness", rating == null ? null : rating[0]);
            row.put("ratingEffectiveness", rating == null ? null : rating[1]);
            rows.add(row);
        }
        return rows;
    }

    private Map<String, Object> supervision(Window w) {
        Map<String, String> groupNames = org.supervisionGroups().stream()
                .collect(Collectors.toMap(OrgDirectory.Unit::code, OrgDirectory.Unit::name, (a, b) -> a, LinkedHashMap::new));
        Map<String, Map<String, Object>> byGroup = new LinkedHashMap<>();
        sql("""
                select r.supervision_group as grp,
                    count(*) as missed,
                    count(*) filter (where r.step = 'REMINDER') as reminders,
                    count(*) filter (where r.notice is not null) as issued,
                    count(*) filter (where r.notice is not null and r.replied_at is not null) as answered,
                    count(*) filter (where r.step = 'NOTICE') as public_notices
                from supervision_record r join risk_item i on i.number = r.number
                where i.community in (:communities) and r.created_at >= :s and r.created_at < :e
                group by r.supervision_group""", w)
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("missedDeadlines", rs.getInt("missed"));
                    row.put("reminders", rs.getInt("reminders"));
                    row.put("noticesIssued", rs.getInt("issued"));
                    row.put("noticesAnswered", rs.getInt("answered"));
                    row.put("publicNotices", rs.getInt("public_notices"));
                    byGroup.put(rs.getString("grp"), row);
                    return row;
                }).list();
        List<String> keys = List.of("missedDeadlines", "reminders", "noticesIssued", "noticesAnswered", "publicNotices");
        Map<String, Object> total = new LinkedHashMap<>();
        keys.forEach(k -> total.put(k, byGroup.values().stream().mapToInt(r -> (Integer) r.get(k)).sum()));
        total.put("answerRate", rate((Integer) total.get("noticesAnswered"), (Integer) total.get("noticesIssued")));
        List<Map<String, Object>> groups = new ArrayList<>();
        groupNames.forEach((code, name) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", code);
            row.put("name", name);
            Map<String, Object> figures = byGroup.get(code);
            keys.forEach(k -> row.put(k, figures == null ? 0 : figures.get(k)));
            row.put("answerRate", rate((Integer) row.get("noticesAnswered"), (Integer) row.get("noticesIssued")));
            groups.add(row);
        });
        total.put("byGroup", groups);
        return total;
    }

    private List<Map<String, Object>> dataQuality(Window w, Map<String, String> communityNames) {
        Map<String, Object> params = w.params();
        params.put("from", w.period().from());
        params.put("to", w.period().to());
        Map<String, Map<String, Object>> rows = jdbc.sql("""
                select c.code,
                    (select count(*) from risk_item i where i.community = c.code and i.status <> 'MERGED'
                        and i.reported_at >= :s and i.reported_at < :e) as new_items,
                    (select count(*) from risk_item i where i.community = c.code and i.status <> 'MERGED'
                        and i.reported_at >= :s and i.reported_at < :e
                        and (i.occurred_at is null or not exists (select 1 from risk_item_party p where p.number = i.number))) as missing_fields,
                    (select count(*) from supervision_record r join risk_item i on i.number = r.number
                        where i.community = c.code and r.deadline = 'weekly-update' and r.due_at >= :s and r.due_at < :e) as late_updates,
                    (select count(*) from supervision_record r join risk_item i on i.number = r.number
                        where i.community = c.code and r.deadline = 'feedback' and r.due_at >= :s and r.due_at < :e) as late_feedback,
                    (select count(*) from daily_check d where d.community = c.code and d.check_day >= :from and d.check_day < :to) as checks_due,
                    (select count(*) from daily_check d where d.community = c.code and d.check_day >= :from and d.check_day < :to
                        and d.status = 'DONE') as checks_done,
                    (select count(*) from daily_check d where d.community = c.code and d.check_day >= :from and d.check_day < :to
                        and d.status = 'MISSED') as checks_missed
                from community c where c.code in (:communities)""").params(params)
                .query().listOfRows().stream().collect(Collectors.toMap(r -> (String) r.get("code"), Function.identity()));
        List<Map<String, Object>> out = new ArrayList<>();
        communityNames.forEach((code, name) -> {
            Map<String, Object> r = rows.get(code);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", code);
            row.put("name", name);
            row.put("newItems", intOf(r, "new_items"));
            row.put("missingFields", intOf(r, "missing_fields"));
            row.put("lateWeeklyUpdates", intOf(r, "late_updates"));
            row.put("lateFeedback", intOf(r, "late_feedback"));
            row.put("dailyChecksDue", intOf(r, "checks_due"));
            row.put("dailyChecksDone", intOf(r, "checks_done"));
            row.put("dailyChecksMissed", intOf(r, "checks_missed"));
            row.put("dailyCheckRate", rate(intOf(r, "checks_done"), intOf(r, "checks_due")));
            out.add(row);
        });
        return out;
    }

    private List<Map<String, Object>> overdueItems(Window w) {
        return sql("""
                select i.number, i.title, i.community, i.risk_level as level, i.responsible_unit as unit, i.status,
                       i.overdue as overdue_now, string_agg(distinct r.deadline, ',') as deadlines, count(*) as misses
                from supervision_record r join risk_item i on i.number = r.number
                where i.community in (:communities) and i.status <> 'MERGED' and r.due_at >= :s and r.due_at < :e
                group by i.number order by i.number""", w)
                .query((rs, n) -> {
                    Map<String, Object> row = itemColumns(rs);
                    row.put("level", rs.getString("level"));
                    row.put("unit", rs.getString("unit"));
                    row.put("status", rs.getString("status"));
                    row.put("overdueNow", rs.getBoolean("overdue_now"));
                    row.put("deadlines", List.of(rs.getString("deadlines").split(",")));
                    row.put("misses", rs.getInt("misses"));
                    return row;
                }).list();
    }

    /**
     * Items still open after an unresolved district joint meeting (长期化解): the monthly review
     * (月统) goes through them; listed while open at the period's end, with their next review date.
     */
    private List<Map<String, Object>> longTermItems(Window w) {
        return sql("""
                select i.number, i.title, i.community, i.risk_level as level, i.responsible_unit as unit,
                       i.long_term_review_due
                from risk_item i
                where i.community in (:communities) and i.long_term and i.status not in ('CLOSED', 'MERGED', 'TRANSFERRED')
                  and i.reported_at < :e
                order by i.long_term_review_due nulls last, i.number""", w)
                .query((rs, n) -> {
                    Map<String, Object> row = itemColumns(rs);
                    row.put("level", rs.getString("level"));
                    row.put("unit", rs.getString("unit"));
                    row.put("reviewDue", offset(rs.getTimestamp("long_term_review_due")));
                    return row;
                }).list();
    }

    private List<Map<String, Object>> publicNotices(Window w) {
        return sql("""
                select r.number, i.title, i.community, r.unit, r.deadline, r.due_at, r.miss_number, r.created_at
                from supervision_record r join risk_item i on i.number = r.number
                where i.community in (:communities) and r.step = 'NOTICE' and r.created_at >= :s and r.created_at < :e
                order by r.created_at, r.id""", w)
                .query((rs, n) -> {
                    Map<String, Object> row = itemColumns(rs);
                    row.put("unit", rs.getString("unit"));
                    row.put("deadline", rs.getString("deadline"));
                    row.put("dueAt", offset(rs.getTimestamp("due_at")));
                    row.put("missNumber", rs.getInt("miss_number"));
                    row.put("noticedAt", offset(rs.getTimestamp("created_at")));
                    return row;
                }).list();
    }

    /** The columns every item list of a report starts with. */
    private static Map<String, Object> itemColumns(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("number", rs.getString("number"));
        row.put("title", rs.getString("title"));
        row.put("community", rs.getString("community"));
        return row;
    }

    /** {@code numerator / denominator} to four places, or null when nothing was due (no rate, not 0 % nor 100 %). */
    static BigDecimal rate(int numerator, int denominator) {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }

    private static int intOf(Map<String, Object> row, String column) {
        return row == null || row.get(column) == null ? 0 : ((Number) row.get(column)).intValue();
    }

    private static LocalDate day(Timestamp at) {
        return at.toInstant().atZone(Office.ZONE).toLocalDate();
    }

    private static OffsetDateTime offset(Timestamp at) {
        return at == null ? null : OffsetDateTime.ofInstant(at.toInstant(), Office.ZONE);
    }
}
