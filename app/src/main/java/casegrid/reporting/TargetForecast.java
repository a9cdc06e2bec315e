package casegrid.reporting;

import casegrid.item.ItemStatus;
import casegrid.org.Office;
import casegrid.reference.ReferenceData;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The forecast against the resolution targets for a period still running (docs/reports.md,
 * 目标预测): the resolution rate's items due in the period, how many are closed, the pace so far,
 * and the open items on which the target now depends.
 */
@Service
public class TargetForecast {

    public record OpenItem(String number, String title, String community, String unit, OffsetDateTime resolveBy,
                           boolean overdue) {
    }

    /**
     * @param due          items of the level due in the period (the rate's denominator)
     * @param closed       of those, closed now
     * @param dueSoFar     of those, with the resolve-by already passed
     * @param closedSoFar  of {@code dueSoFar}, closed now
     * @param pace         closedSoFar / dueSoFar; null when nothing has fallen due yet
     * @param projected    the projected resolved count: closed + pace × open items not yet due (pace 1 when null)
     * @param projectedRate projected / due
     * @param mustClose    open items that must still close in the period for the target to be met
     * @param verdict      ON_TRACK, WILL_MISS, or NO_DATA (nothing due)
     */
    public record LevelForecast(String level, BigDecimal target, int due, int closed, int dueSoFar, int closedSoFar,
                                BigDecimal pace, BigDecimal projected, BigDecimal projectedRate, int mustClose,
                                String verdict, List<OpenItem> openItems) {
    }

    public record Forecast(String period, String from, String to, List<LevelForecast> levels) {
    }

    private final JdbcClient jdbc;
    private final ReferenceData reference;

    TargetForecast(JdbcClient jdbc, ReferenceData reference) {
        this.jdbc = jdbc;
        this.reference = reference;
    }

    /** The forecast for {@code period} as of {@code now}, over {@code communities} (null: the whole street). */
    public Forecast compute(ReportPeriod period, Instant now, Collection<String> communities, List<String> street) {
        List<String> scope = communities == null ? street : List.copyOf(communities);
        Map<String, Object> p = new LinkedHashMap<>(ItemStatus.SQL_PARAMS);
        p.put("s", period.start());
        p.put("e", period.end());
        p.put("now", Timestamp.from(now));
        p.put("communities", scope.isEmpty() ? List.of("") : scope);
        Map<String, List<Map<String, Object>>> byLevel = new LinkedHashMap<>();
        jdbc.sql("""
                select i.number, i.title, i.community, i.responsible_unit, i.risk_level, i.resolve_by,
                    i.status = :closed as closed, i.resolve_by < :now as fell_due
                from risk_item i
                where i.resolve_by >= :s and i.resolve_by < :e and i.community in (:communities)
                  and i.risk_level is not null and i.status <> :merged and i.status <> :transferred
                order by i.resolve_by, i.number""").params(p).query().listOfRows()
                .forEach(r -> byLevel.computeIfAbsent((String) r.get("risk_level"), k -> new ArrayList<>()).add(r));
        List<LevelForecast> levels = new ArrayList<>();
        Map<String, BigDecimal> targets = reference.targets();
        for (String level : List.of("HIGH", "MEDIUM", "LOW")) {
            levels.add(level(level, targets.get(level), byLevel.getOrDefault(level, List.of())));
        }
        return new Forecast(period.label(), period.from().toString(), period.lastDay().toString(), levels);
    }

    private static LevelForecast level(String level, BigDecimal target, List<Map<String, Object>> rows) {
        int due = rows.size();
        int closed = 0, dueSoFar = 0, closedSoFar = 0, openNotYetDue = 0;
        List<OpenItem> open = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            boolean isClosed = Boolean.TRUE.equals(r.get("closed"));
            boolean fellDue = Boolean.TRUE.equals(r.get("fell_due"));
            closed += isClosed ? 1 : 0;
            dueSoFar += fellDue ? 1 : 0;
            closedSoFar += fellDue && isClosed ? 1 : 0;
            if (!isClosed) {
                openNotYetDue += fellDue ? 0 : 1;
                open.add(new OpenItem((String) r.get("number"), (String) r.get("title"), (String) r.get("community"),
                        (String) r.get("responsible_unit"), time(r.get("resolve_by")), fellDue));
            }
        }
        if (due == 0) {
            return new LevelForecast(level, target, 0, 0, 0, 0, null, null, null, 0, "NO_DATA", List.of());
        }
        BigDecimal pace = dueSoFar == 0 ? null : ratio(closedSoFar, dueSoFar);
        BigDecimal projected = BigDecimal.valueOf(closed)
                .add((pace == null ? BigDecimal.ONE : pace).multiply(BigDecimal.valueOf(openNotYetDue)))
                .setScale(2, RoundingMode.HALF_UP);
        BigDecimal projectedRate = projected.divide(BigDecimal.valueOf(due), 4, RoundingMode.HALF_UP);
        int needed = target.multiply(BigDecimal.valueOf(due)).setScale(0, RoundingMode.CEILING).intValue();
        String verdict = projectedRate.compareTo(target) >= 0 ? "ON_TRACK" : "WILL_MISS";
        return new LevelForecast(level, target, due, closed, dueSoFar, closedSoFar, pace, projected, projectedRate,
                Math.max(0, needed - closed), verdict, open);
    }

    private static BigDecimal ratio(int numerator, int denominator) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
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
