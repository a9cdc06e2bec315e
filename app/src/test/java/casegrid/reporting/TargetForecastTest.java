package casegrid.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The forecast against the targets (docs/reports.md, 目标预测) on a hand-computed fixture: community
 * C09, March 2022, read on Wednesday 16 March 2022 at noon.
 */
@CasegridTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TargetForecastTest {

    @Autowired JdbcClient jdbc;
    @Autowired TargetForecast forecast;

    static final OffsetDateTime NOW = OffsetDateTime.parse("2022-03-16T12:00:00+08:00");
    static final List<String> SCOPE = List.of("C09");

    @BeforeAll
    void seed() {
        if (jdbc.sql("select count(*) from risk_item where number = 'QF-2022-920001'").query(Integer.class).single() > 0) {
            return;
        }
        item("QF-2022-920001", "MEDIUM", "CLOSED", "2022-03-05");   // fell due, closed
        item("QF-2022-920002", "MEDIUM", "RESOLVING", "2022-03-10"); // fell due, still open (overdue)
        item("QF-2022-920003", "MEDIUM", "CLOSED", "2022-03-12");   // fell due, closed
        item("QF-2022-920004", "MEDIUM", "CLOSED", "2022-03-14");   // fell due, closed (also in week 11)
        item("QF-2022-920005", "MEDIUM", "RESOLVING", "2022-03-20"); // not yet due, open (week 11)
        item("QF-2022-920006", "MEDIUM", "CLOSED", "2022-03-25");   // not yet due, closed early
        item("QF-2022-920007", "MEDIUM", "RESOLVING", "2022-03-28"); // not yet due, open
        item("QF-2022-920008", "MEDIUM", "RESOLVING", "2022-04-02"); // due in April: not in March
        item("QF-2022-920009", "MEDIUM", "MERGED", "2022-03-20");   // a merged repeat: never counted
        item("QF-2022-920010", "HIGH", "RESOLVING", "2022-03-20");   // HIGH, not yet due, open (week 11)
    }

    void item(String number, String level, String status, String resolveBy) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("number", number);
        row.put("title", "预测测试 " + number);
        row.put("description", "目标预测测试数据");
        row.put("category", "DISPUTE");
        row.put("source", "GRID_SURVEY");
        row.put("community", "C09");
        row.put("grid", "C09-G1");
        row.put("address", "C09 预测路 1 号");
        row.put("reported_at", Timestamp.from(OffsetDateTime.parse("2022-02-01T09:00:00+08:00").toInstant()));
        row.put("reported_by", "c09-grid1");
        row.put("people_involved", 2);
        row.put("status", status);
        row.put("risk_level", level);
        row.put("resolve_by", Timestamp.from(OffsetDateTime.parse(resolveBy + "T10:00:00+08:00").toInstant()));
        row.put("closed_at", "CLOSED".equals(status) ? Timestamp.from(OffsetDateTime.parse("2022-03-15T10:00:00+08:00").toInstant()) : null);
        row.put("merged_into", "MERGED".equals(status) ? "QF-2022-920001" : null);
        jdbc.sql("insert into risk_item (" + String.join(", ", row.keySet()) + ") values ("
                + String.join(", ", row.keySet().stream().map(k -> ":" + k).toList()) + ")").params(row).update();
    }

    static TargetForecast.LevelForecast level(TargetForecast.Forecast f, String level) {
        return f.levels().stream().filter(l -> l.level().equals(level)).findFirst().orElseThrow();
    }

    @Test
    void theMonthMissesTheMediumTargetAtThePresentPace() {
        TargetForecast.Forecast f = forecast.compute(ReportPeriod.monthOf(LocalDate.of(2022, 3, 1)), NOW.toInstant(), SCOPE, SCOPE);
        assertThat(f.period()).isEqualTo("2022-03");
        TargetForecast.LevelForecast medium = level(f, "MEDIUM");
        // Due in March: 001–007 (008 is April's, 009 merged). Closed: 001, 003, 004, 006.
        assertThat(medium.due()).isEqualTo(7);
        assertThat(medium.closed()).isEqualTo(4);
        // Fallen due by the 16th: 001–004, of which 001, 003, 004 closed: pace 3/4.
        assertThat(medium.dueSoFar()).isEqualTo(4);
        assertThat(medium.closedSoFar()).isEqualTo(3);
        assertThat(medium.pace()).isEqualByComparingTo("0.75");
        // 4 closed + 0.75 × 2 open not yet due (005, 007) = 5.5 of 7 = 0.7857 < 0.90.
        assertThat(medium.projected()).isEqualByComparingTo("5.5");
        assertThat(medium.projectedRate()).isEqualByComparingTo("0.7857");
        assertThat(medium.verdict()).isEqualTo("WILL_MISS");
        // 90 % of 7 is 6.3, so 7 must be resolved: 3 of the open ones.
        assertThat(medium.mustClose()).isEqualTo(3);
        assertThat(medium.openItems()).extracting(TargetForecast.OpenItem::number)
                .containsExactly("QF-2022-920002", "QF-2022-920005", "QF-2022-920007");
        assertThat(medium.openItems()).extracting(TargetForecast.OpenItem::overdue).containsExactly(true, false, false);

        // HIGH: one item, not yet due, nothing fell due (no pace yet): projected 1 of 1, on track, 1 must close.
        TargetForecast.LevelForecast high = level(f, "HIGH");
        assertThat(high.due()).isEqualTo(1);
        assertThat(high.pace()).isNull();
        assertThat(high.projectedRate()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(high.verdict()).isEqualTo("ON_TRACK");
        assertThat(high.mustClose()).isEqualTo(1);

        TargetForecast.LevelForecast low = level(f, "LOW");
        assertThat(low.verdict()).isEqualTo("NO_DATA");
        assertThat(low.projectedRate()).isNull();
    }

    @Test
    void theWeekCountsOnlyItsOwnDeadlines() {
        TargetForecast.Forecast f = forecast.compute(ReportPeriod.weekOf(LocalDate.of(2022, 3, 16)), NOW.toInstant(), SCOPE, SCOPE);
        assertThat(f.period()).isEqualTo("2022-W11");
        // Week 11 (14–20 March): 004 (fell due, closed) and 005 (open, not yet due); pace 1/1.
        TargetForecast.LevelForecast medium = level(f, "MEDIUM");
        assertThat(medium.due()).isEqualTo(2);
        assertThat(medium.closed()).isEqualTo(1);
        assertThat(medium.pace()).isEqualByComparingTo("1");
        assertThat(medium.projectedRate()).isEqualByComparingTo("1");
        assertThat(medium.verdict()).isEqualTo("ON_TRACK");
        assertThat(medium.mustClose()).isEqualTo(1);
        assertThat(medium.openItems()).extracting(TargetForecast.OpenItem::number).containsExactly("QF-2022-920005");
    }

    @Test
    void anotherScopeSeesNoneOfIt() {
        TargetForecast.Forecast f = forecast.compute(ReportPeriod.monthOf(LocalDate.of(2022, 3, 1)), NOW.toInstant(),
                List.of("C01"), SCOPE);
        assertThat(f.levels()).allSatisfy(l -> assertThat(l.verdict()).isEqualTo("NO_DATA"));
    }
}
