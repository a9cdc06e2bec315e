package casegrid.reporting;

import casegrid.item.ItemStatus;
import casegrid.org.OrgDirectory;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The district joint meeting's comparison of its streets for one week or month (docs/streets.md):
 * each street's figures are the street's own weekly or monthly report (ReportService over the
 * street's communities, the same counting rules), cut down to what the district compares —
 * items by level, resolution rates against the targets, overdue items and public notices — and
 * the items open in each street now, by level.
 */
@Service
public class DistrictReport {

    public record StreetFigures(String code, String name, int communities, Report.Figures totals,
                                List<Report.Dimension> byLevel, List<Report.ResolutionRate> resolutionRates,
                                Boolean targetsMet, BigDecimal feedbackOnTimeRate, int publicNotices,
                                Map<String, Integer> openNowByLevel) {
    }

    public record District(String kind, String period, String from, String to, OffsetDateTime computedAt,
                           List<StreetFigures> streets) {
    }

    private final ReportService reports;
    private final OrgDirectory org;
    private final JdbcClient jdbc;

    DistrictReport(ReportService reports, OrgDirectory org, JdbcClient jdbc) {
        this.reports = reports;
        this.org = org;
        this.jdbc = jdbc;
    }

    public District compute(ReportPeriod period) {
        Map<String, Map<String, Integer>> open = openNow();
        List<StreetFigures> streets = new ArrayList<>();
        Report any = null;
        for (OrgDirectory.Street s : org.streets()) {
            List<String> communities = org.communitiesOfStreet(s.code());
            Report r = reports.compute(period, communities);
            any = r;
            // null: nothing fell due in the period, so no target was met or missed.
            Boolean met = r.resolutionRates().stream().allMatch(x -> x.rate() == null) ? null
                    : r.resolutionRates().stream().noneMatch(x -> "MISSED".equals(x.verdict()));
            Map<String, Integer> byLevel = new LinkedHashMap<>();
            for (String level : List.of("HIGH", "MEDIUM", "LOW", "NONE")) {
                byLevel.put(level, open.getOrDefault(s.code(), Map.of()).getOrDefault(level, 0));
            }
            streets.add(new StreetFigures(s.code(), s.name(), communities.size(), r.totals(), r.byLevel(),
                    r.resolutionRates(), met, r.feedbackOnTime().rate(), r.supervision().counts().publicNotices(), byLevel));
        }
        // from and to are the first and last day, as in the weekly and monthly reports.
        return new District(period.kind().name(), period.label(), period.from().toString(), period.lastDay().toString(),
                any == null ? null : any.computedAt(), streets);
    }

    /** Street → level → items open now (one grouped query over the open-status index). */
    private Map<String, Map<String, Integer>> openNow() {
        Map<String, Map<String, Integer>> open = new LinkedHashMap<>();
        jdbc.sql("""
                select c.street_code as street, coalesce(i.risk_level, 'NONE') as level, count(*) as n
                from risk_item i join community c on c.code = i.community
                where i.status in (:open) group by 1, 2""").params(ItemStatus.SQL_PARAMS)
                .query((rs, n) -> open.computeIfAbsent(rs.getString("street"), k -> new LinkedHashMap<>())
                        .put(rs.getString("level"), rs.getInt("n"))).list();
        return open;
    }
}
