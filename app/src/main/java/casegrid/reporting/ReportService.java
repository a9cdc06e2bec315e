package casegrid.reporting;

import casegrid.item.Overdue;
import casegrid.deadline.WorkingCalendar;
import casegrid.item.Codes;
import casegrid.item.ItemStatus;
import casegrid.org.Office;
import casegrid.org.OrgDirectory;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
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

    /**
     * One row per counted item with its flags for the period; the dimensions group over it. Merged
     * repeats are never counted as items (only as {@code mergedRepeats}); a transferred item counts
     * from its transfer (its TRANSFERRED event) on as gone from the street.
     */
    private static final String FLAGGED = """
            with scoped as (
                select i.*, case when i.status = :transferred then
                    (select max(ev.at) from risk_item_event ev where ev.number = i.number and ev.kind = 'TRANSFERRED')
                    end as transferred_at
                from risk_item i
                where i.community in (:communities) and i.reported_at < :e
                  -- history that cannot touch the period: closed before it (its timers ended with the
                  -- write-off; a reopening would have made it open again) or a repeat merged before it
                  and not (i.status = :closed and i.closed_at < :s) and not (i.status = :merged and i.reported_at < :s)
            ), flagged as (
                select i.*,
                    i.status <> :merged and i.reported_at >= :s as is_new,
                    i.status = :merged and i.reported_at >= :s as is_merged_repeat,
                    i.status = :closed and i.closed_at >= :s and i.closed_at < :e as is_closed,
                    i.status <> :merged and exists (select 1 from risk_item_event ev where ev.number = i.number
                        and ev.kind = 'CLOSURE_REQUESTED' and ev.at >= :s and ev.at < :e) as is_resolved,
                    exists (select 1 from risk_item_event ev where ev.number = i.number
                        and ev.kind = 'REOPENED' and ev.at >= :s and ev.at < :e) as is_reopened,
                    i.status = :transferred and i.transferred_at >= :s and i.transferred_at < :e as is_transferred,
                    i.status <> :merged and exists (select 1 from supervision_record r where r.number = i.number
                        and r.due_at >= :s and r.due_at < :e) as is_overdue,
                    i.status <> :merged and not (i.status = :closed and i.closed_at < :e)
                        and not (i.status = :transferred and coalesce(i.transferred_at < :e, false)) as is_open_at_end
                from scoped i
            )
            """;

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final WorkingCalendar calendar;
    /** The targets of the work plan (resolution_target: HIGH 100 %, MEDIUM and LOW ≥ 90 % as seeded), editable on /admin/reference. */
    private final ReferenceData reference;

    public ReportService(JdbcClient jdbc, OrgDirectory org, WorkingCalendar calendar, ReferenceData reference) {
        this.reference = reference;
        this.jdbc = jdbc;
        this.org = org;
        this.calendar = calendar;
    }

    /** The report of {@code period} over the items of {@code communities} (null: the whole street). */
    public Report compute(ReportPeriod period, Collection<String> communities) {
        List<OrgDirectory.Community> all = org.communities();
        List<String> scope = communities == null ? all.stream().map(OrgDirectory.Community::code).toList()
                : List.copyOf(communities);
        Window w = new Window(period, scope);
        Map<String, String> communityNames = new LinkedHashMap<>();
        all.stream().filter(c -> scope.contains(c.code())).forEach(c -> communityNames.put(c.code(), c.name()));
        return new Report(period.kind().name(), period.label(), period.from().toString(), period.lastDay().toString(),
                OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), Office.ZONE),
                new Report.Scope(communities == null ? null : scope),
                figuresBy(w, "'ALL'").getOrDefault("ALL", Report.Figures.NONE), resolutionRates(w), feedbackOnTime(w),
                weeklyUpdate(w), avgWorkingDaysToClose(w), dimension(figuresBy(w, "f.risk_level"), Codes.LEVELS),
                dimension(figuresBy(w, "f.category"), reference.names(Kind.CATEGORY)), dimension(figuresBy(w, "f.community"), communityNames),
                departments(w), supervision(w), dataQuality(w, communityNames), overdueItems(w), publicNotices(w),
                longTermItems(w));
    }

    /** The window's bounds and scope as query parameters. */
    private record Window(ReportPeriod period, List<String> communities) {
        Map<String, Object> params() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("s", period.start());
            p.put("e", period.end());
            p.put("communities", communities.isEmpty() ? List.of("") : communities);
            p.putAll(ItemStatus.SQL_PARAMS);
            return p;
        }
    }

    private JdbcClient.StatementSpec sql(String sql, Window w) {
        return jdbc.sql(sql).params(w.params()).params(Overdue.params());
    }

    private Map<String, Report.Figures> figuresBy(Window w, String dimension) {
        Map<String, Report.Figures> byKey = new LinkedHashMap<>();
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
                    Report.Figures figures = new Report.Figures(rs.getInt("new_items"), rs.getInt("merged_repeats"),
                            rs.getInt("resolved"), rs.getInt("closed"), rs.getInt("reopened"), rs.getInt("transferred"),
                            rs.getInt("overdue"), rs.getInt("open_at_end"));
                    byKey.put(rs.getString("key") == null ? "NONE" : rs.getString("key"), figures);
                    return figures;
                }).list();
        return byKey;
    }

    /** Every code of {@code names} in order, with zeros where nothing happened. */
    private static List<Report.Dimension> dimension(Map<String, Report.Figures> figures, Map<String, String> names) {
        List<Report.Dimension> rows = new ArrayList<>();
        names.forEach((code, name) -> rows.add(new Report.Dimension(code, name, figures.getOrDefault(code, Report.Figures.NONE))));
        return rows;
    }

    private List<Report.ResolutionRate> resolutionRates(Window w) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        sql("""
                select risk_level, count(*) as due,
                       count(*) filter (where status = :closed and closed_at < :e) as resolved
                from risk_item
                where community in (:communities) and status not in (:elsewhere)
                  and risk_level is not null and resolve_by >= :s and resolve_by < :e
                group by risk_level""", w)
                .query((rs, n) -> counts.put(rs.getString("risk_level"), new int[] {rs.getInt("due"), rs.getInt("resolved")}))
                .list();
        List<Report.ResolutionRate> rates = new ArrayList<>();
        Map<String, BigDecimal> targets = reference.targets();
        Codes.LEVELS.forEach((level, name) -> {
            int[] c = counts.getOrDefault(level, new int[2]);
            BigDecimal rate = rate(c[1], c[0]);
            BigDecimal target = targets.get(level);
            rates.add(new Report.ResolutionRate(level, name, c[0], c[1], rate, target,
                    rate == null ? "NO_DATA" : rate.compareTo(target) >= 0 ? "MET" : "MISSED"));
        });
        return rates;
    }

    private Report.FeedbackOnTime feedbackOnTime(Window w) {
        return sql("""
                select count(*) as due,
                       count(*) filter (where coalesce(feedback_at, (select min(ev.at) from risk_item_event ev
                           where ev.number = i.number and ev.kind = 'RECTIFIED')) <= feedback_due) as on_time
                from risk_item i
                where community in (:communities) and status <> :merged and feedback_due >= :s and feedback_due < :e""", w)
                .query((rs, n) -> {
                    int due = rs.getInt("due");
                    int onTime = rs.getInt("on_time");
                    return new Report.FeedbackOnTime(due, onTime, due - onTime, rate(onTime, due));
                }).single();
    }

    private Report.WeeklyUpdate weeklyUpdate(Window w) {
        return sql("""
                select count(*) as in_resolution,
                       count(*) filter (where exists (select 1 from supervision_record r where r.number = i.number
                           and r.deadline = 'weekly-update' and r.due_at >= :s and r.due_at < :e)) as missed
                from risk_item i
                where community in (:communities) and fixable_now = false and graded_at < :e
                  and status not in (:elsewhere) and (closed_at is null or closed_at >= :s)""", w)
                .query((rs, n) -> {
                    int inResolution = rs.getInt("in_resolution");
                    int missed = rs.getInt("missed");
                    return new Report.WeeklyUpdate(inResolution, missed, inResolution - missed,
                            rate(inResolution - missed, inResolution));
                }).single();
    }

    private BigDecimal avgWorkingDaysToClose(Window w) {
        List<Integer> days = sql("""
                select reported_at, closed_at from risk_item
                where community in (:communities) and status = :closed and closed_at >= :s and closed_at < :e""", w)
                .query((rs, n) -> calendar.workingDaysBetween(day(rs.getTimestamp("reported_at")), day(rs.getTimestamp("closed_at"))))
                .list();
        if (days.isEmpty()) {
            return null;
        }
        return BigDecimal.valueOf(days.stream().mapToInt(Integer::intValue).sum())
                .divide(BigDecimal.valueOf(days.size()), 1, RoundingMode.HALF_UP);
    }

    private List<Report.Department> departments(Window w) {
        Map<String, Report.Figures> figures = figuresBy(w, "f.responsible_unit");
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
        Map<String, Rating> ratings = new LinkedHashMap<>();
        sql("""
                select r.department, round(avg(r.timeliness), 1) as timeliness,
                       round(avg(r.effectiveness), 1) as effectiveness, count(*) as ratings
                from report_in_rating r join risk_item i on i.number = r.number
                where i.community in (:communities) and r.rated_at >= :s and r.rated_at < :e
                group by r.department""", w)
                .query((rs, n) -> ratings.put(rs.getString("department"),
                        new Rating(rs.getBigDecimal("timeliness"), rs.getBigDecimal("effectiveness"), rs.getInt("ratings"))))
                .list();
        List<Report.Department> rows = new ArrayList<>();
        for (OrgDirectory.Unit dept : org.departments()) {
            int[] r = reportIns.getOrDefault(dept.code(), new int[3]);
            Rating rating = ratings.get(dept.code());
            rows.add(new Report.Department(dept.code(), dept.name(), figures.getOrDefault(dept.code(), Report.Figures.NONE),
                    r[0], r[1], r[2], rate(r[1], r[1] + r[2]), rating == null ? 0 : rating.count(),
                    rating == null ? null : rating.timeliness(), rating == null ? null : rating.effectiveness()));
        }
        return rows;
    }

    private Report.Supervision supervision(Window w) {
        Map<String, String> groupNames = org.supervisionGroups().stream()
                .collect(Collectors.toMap(OrgDirectory.Unit::code, OrgDirectory.Unit::name, (a, b) -> a, LinkedHashMap::new));
        Map<String, Report.SupervisionCounts> byGroup = new LinkedHashMap<>();
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
                    Report.SupervisionCounts counts = new Report.SupervisionCounts(rs.getInt("missed"), rs.getInt("reminders"),
                            rs.getInt("issued"), rs.getInt("answered"), rs.getInt("public_notices"));
                    byGroup.put(rs.getString("grp"), counts);
                    return counts;
                }).list();
        Report.SupervisionCounts total = byGroup.values().stream()
                .reduce(Report.SupervisionCounts.NONE, Report.SupervisionCounts::plus);
        List<Report.SupervisionGroup> groups = new ArrayList<>();
        groupNames.forEach((code, name) ->
                groups.add(new Report.SupervisionGroup(code, name, byGroup.getOrDefault(code, Report.SupervisionCounts.NONE))));
        return new Report.Supervision(total, groups);
    }

    private List<Report.DataQuality> dataQuality(Window w, Map<String, String> communityNames) {
        Map<String, Object> params = w.params();
        params.put("from", w.period().from());
        params.put("to", w.period().to());
        Map<String, int[]> rows = jdbc.sql("""
                select c.code,
                    (select count(*) from risk_item i where i.community = c.code and i.status <> :merged
                        and i.reported_at >= :s and i.reported_at < :e) as new_items,
                    (select count(*) from risk_item i where i.community = c.code and i.status <> :merged
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
                .query((rs, n) -> Map.entry(rs.getString("code"), new int[] {rs.getInt("new_items"), rs.getInt("missing_fields"),
                        rs.getInt("late_updates"), rs.getInt("late_feedback"), rs.getInt("checks_due"),
                        rs.getInt("checks_done"), rs.getInt("checks_missed")}))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Report.DataQuality> out = new ArrayList<>();
        communityNames.forEach((code, name) -> {
            int[] r = rows.getOrDefault(code, new int[7]);
            out.add(new Report.DataQuality(code, name, r[0], r[1], r[2], r[3], r[4], r[5], r[6], rate(r[5], r[4])));
        });
        return out;
    }

    private List<Report.OverdueItem> overdueItems(Window w) {
        return sql("""
                select i.number, i.title, i.community, i.risk_level as level, i.responsible_unit as unit, i.status,
                       """ + Overdue.of("i") + """
                        as overdue_now, string_agg(distinct r.deadline, ',') as deadlines, count(*) as misses
                from supervision_record r join risk_item i on i.number = r.number
                where i.community in (:communities) and i.status <> :merged and r.due_at >= :s and r.due_at < :e
                group by i.number order by i.number""", w)
                .query((rs, n) -> new Report.OverdueItem(rs.getString("number"), rs.getString("title"),
                        rs.getString("community"), rs.getString("level"), rs.getString("unit"), rs.getString("status"),
                        rs.getBoolean("overdue_now"), List.of(rs.getString("deadlines").split(",")), rs.getInt("misses")))
                .list();
    }

    /**
     * Items still open after an unresolved district joint meeting (长期化解): the monthly review
     * (月统) goes through them; listed while open at the period's end, with their next review date.
     */
    private List<Report.LongTermItem> longTermItems(Window w) {
        return sql("""
                select i.number, i.title, i.community, i.risk_level as level, i.responsible_unit as unit,
                       i.long_term_review_due
                from risk_item i
                where i.community in (:communities) and i.long_term and i.status in (:open)
                  and i.reported_at < :e
                order by i.long_term_review_due nulls last, i.number""", w)
                .query((rs, n) -> new Report.LongTermItem(rs.getString("number"), rs.getString("title"),
                        rs.getString("community"), rs.getString("level"), rs.getString("unit"),
                        offset(rs.getTimestamp("long_term_review_due"))))
                .list();
    }

    private List<Report.PublicNotice> publicNotices(Window w) {
        return sql("""
                select r.number, i.title, i.community, r.unit, r.deadline, r.due_at, r.miss_number, r.created_at
                from supervision_record r join risk_item i on i.number = r.number
                where i.community in (:communities) and r.step = 'NOTICE' and r.created_at >= :s and r.created_at < :e
                order by r.created_at, r.id""", w)
                .query((rs, n) -> new Report.PublicNotice(rs.getString("number"), rs.getString("title"),
                        rs.getString("community"), rs.getString("unit"), rs.getString("deadline"),
                        offset(rs.getTimestamp("due_at")), rs.getInt("miss_number"), offset(rs.getTimestamp("created_at"))))
                .list();
    }

    /** A department's average ratings by the item's owners (joint handling), and how many. */
    private record Rating(BigDecimal timeliness, BigDecimal effectiveness, int count) {
    }

    /** {@code numerator / denominator} to four places, or null when nothing was due (no rate, not 0 % nor 100 %). */
    static BigDecimal rate(int numerator, int denominator) {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }

    private static LocalDate day(Timestamp at) {
        return at.toInstant().atZone(Office.ZONE).toLocalDate();
    }

    private static OffsetDateTime offset(Timestamp at) {
        return at == null ? null : OffsetDateTime.ofInstant(at.toInstant(), Office.ZONE);
    }
}
