package casegrid.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The live panel (GET /api/reports/live): a fixture relative to the engine clock, read by each role.
 * Other tests leave their own open items in the shared database, so the checks look for the
 * fixture's items rather than exact totals.
 */
@CasegridTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivePanelHttpTest {

    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    /** Overdue (C05), due within the hour (C05), HIGH without an emergency plan (C12). */
    static final String OVERDUE = "QF-2021-910001", SOON = "QF-2021-910002", HIGH = "QF-2021-910003";

    @BeforeAll
    void seed() {
        jdbc.sql("delete from supervision_record where number in (?, ?, ?)").params(OVERDUE, SOON, HIGH).update();
        jdbc.sql("delete from risk_item where number in (?, ?, ?)").params(OVERDUE, SOON, HIGH).update();
        Instant now = ClockUtil.getCurrentTime().toInstant();
        item(OVERDUE, "C05", "MEDIUM", "dept-justice", now.minus(Duration.ofDays(3)));
        item(SOON, "C05", "LOW", "community-C05", now.plus(Duration.ofHours(1)));
        item(HIGH, "C12", "HIGH", "dept-police", now.plus(Duration.ofDays(20)));
        jdbc.sql("""
                insert into supervision_record (number, deadline, due_at, miss_number, step, unit, supervision_group, created_at)
                values (?, 'resolve-by', ?, 2, 'SUPERVISION', 'dept-justice', 'supervision-1', ?)""")
                .params(OVERDUE, Timestamp.from(now.minus(Duration.ofDays(3))), Timestamp.from(now.minus(Duration.ofDays(2))))
                .update();
    }

    void item(String number, String community, String level, String unit, Instant resolveBy) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("number", number);
        row.put("title", "实时概况测试 " + number);
        row.put("description", "实时概况测试数据");
        row.put("category", "DISPUTE");
        row.put("source", "GRID_SURVEY");
        row.put("community", community);
        row.put("grid", community + "-G1");
        row.put("address", community + " 测试路 2 号");
        row.put("reported_at", Timestamp.from(resolveBy.minus(Duration.ofDays(30))));
        row.put("reported_by", community.toLowerCase() + "-grid1");
        row.put("people_involved", 2);
        row.put("status", "RESOLVING");
        row.put("risk_level", level);
        row.put("fixable_now", false);
        row.put("feedback_at", Timestamp.from(resolveBy.minus(Duration.ofDays(29))));
        row.put("resolve_by", Timestamp.from(resolveBy));
        row.put("responsible_unit", unit);
        jdbc.sql("insert into risk_item (" + String.join(", ", row.keySet()) + ") values ("
                + String.join(", ", row.keySet().stream().map(k -> ":" + k).toList()) + ")").params(row).update();
    }

    JsonNode live(String user) {
        Http.Response r = new Http(port).as(user).get("/api/reports/live");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static List<String> numbers(JsonNode list) {
        List<String> numbers = new ArrayList<>();
        list.forEach(x -> numbers.add(x.path("number").asText()));
        return numbers;
    }

    static JsonNode find(JsonNode list, String number) {
        for (JsonNode x : list) {
            if (number.equals(x.path("number").asText())) {
                return x;
            }
        }
        throw new AssertionError(number + " not in " + list);
    }

    @Test
    void theCenterSeesTheStreetNow() {
        JsonNode r = live("center1");
        assertThat(r.path("scope")).hasSize(15);
        assertThat(r.path("streets")).extracting(s -> s.path("code").asText()).contains("QF");
        assertThat(numbers(r.path("overdue"))).contains(OVERDUE).doesNotContain(SOON, HIGH);
        JsonNode overdue = find(r.path("overdue"), OVERDUE);
        assertThat(overdue.path("deadline").asText()).isEqualTo("resolve-by");
        assertThat(overdue.path("unitName").asText()).isEqualTo("司法所");
        assertThat(numbers(r.path("dueSoon"))).contains(SOON).doesNotContain(OVERDUE, HIGH);
        JsonNode high = find(r.path("high"), HIGH);
        assertThat(high.path("emergencyPlan").asBoolean()).isFalse();
        assertThat(high.path("nextDeadline").asText()).isEqualTo("resolve-by");
        assertThat(high.path("overdueNow").asBoolean()).isFalse();
        JsonNode justice = null;
        for (JsonNode x : r.path("ladder")) {
            if ("dept-justice".equals(x.path("unit").asText())) {
                justice = x;
            }
        }
        assertThat(justice).isNotNull();
        assertThat(justice.path("supervisions").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode c05 = null;
        for (JsonNode x : r.path("openByCommunity")) {
            if ("C05".equals(x.path("community").asText())) {
                c05 = x;
            }
        }
        assertThat(c05.path("byLevel").path("MEDIUM").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(c05.path("byLevel").path("LOW").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(r.path("openByLevel").path("HIGH").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aLeaderSeesTheSame() {
        JsonNode r = live("leader1");
        assertThat(numbers(r.path("overdue"))).contains(OVERDUE);
        assertThat(numbers(r.path("high"))).contains(HIGH);
    }

    @Test
    void aSupervisionGroupSeesItsCommunitiesOnly() {
        JsonNode r = live("sup1");
        assertThat(r.path("scope")).extracting(JsonNode::asText).containsExactly("C01", "C02", "C03", "C04", "C05");
        assertThat(numbers(r.path("overdue"))).contains(OVERDUE);
        assertThat(numbers(r.path("high"))).doesNotContain(HIGH);                 // HIGH is in C12
        r.path("openByCommunity").forEach(x -> assertThat(x.path("community").asText()).isIn("C01", "C02", "C03", "C04", "C05"));
        r.path("dueSoon").forEach(x -> assertThat(x.path("community").asText()).isIn("C01", "C02", "C03", "C04", "C05"));
    }

    @Test
    void communitiesDepartmentsAndGridWorkersMayNotReadItAndStrangersMustLogIn() {
        // AccessPolicy.reportCommunities: the reports are for the street and the supervision groups only.
        Http http = new Http(port);
        assertThat(http.as("c03-staff").get("/api/reports/live").status()).isEqualTo(403);
        assertThat(http.as("c03-grid1").get("/api/reports/live").status()).isEqualTo(403);
        assertThat(http.as("justice1").get("/api/reports/live").status()).isEqualTo(403);
        Http.Response refused = http.as("c05-grid1").get("/api/reports/live");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.anonymous().get("/api/reports/live").status()).isEqualTo(401);
    }
}
