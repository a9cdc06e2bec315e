package casegrid.access;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.SecondStreet;
import casegrid.tasklist.TasklistFilters;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several streets in one installation (docs/streets.md): a second street, 和兴街道 (HX), is imported from
 * an organisation xlsx as an administrator would (SecondStreet; a broken file is refused whole in
 * OrgImportHttpTest), its groups, users and grants derived from it; an item runs through it
 * from intake to 销号 with its own center, leaders and community staff, numbered on its own counter.
 * The demo street's people cannot see it anywhere; the district sees and compares both streets.
 */
@CasegridTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreetsHttpTest {

    static final String QF_PEOPLE = "center1, leader1, c01-staff, justice1, sup1";

    @Autowired casegrid.org.OrgImport orgImport;
    @Autowired JdbcClient jdbc;
    @Autowired TasklistFilters filters;
    @Autowired IdentityService identity;
    @LocalServerPort int port;

    @BeforeAll
    void secondStreet() {
        SecondStreet.ensure(orgImport, filters);
    }

    Map<String, Object> report(String community, String title) {
        long unique = System.nanoTime();
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", "两户因排水管漏水多次争吵，一方扬言报复。");
        body.put("category", "DISPUTE");
        body.put("source", "GRID_SURVEY");
        body.put("community", community);
        body.put("grid", community + "-G1");
        body.put("address", community + " 和兴路" + unique + "号");
        body.put("occurredAt", "2026-11-20T09:30:00+08:00");
        body.put("peopleInvolved", 3);
        body.put("parties", List.of(Map.of("name", "钱" + unique, "phone", String.format("139%08d", unique % 100_000_000L),
                "role", "当事人")));
        body.put("threatOfViolence", true);
        body.put("involvesMinors", false);
        body.put("crossJurisdiction", false);
        return body;
    }

    String registered(String user, String community) {
        Http.Response response = new Http(port).as(user).postJson("/api/risk-items", report(community, "和兴街道排水纠纷"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("number").asText();
    }

    /** The user's open tasks on the item through Tasklist's REST API (the engine's task authorizations). */
    List<JsonNode> tasks(String user, String number) {
        Http.Response r = new Http(port).as(user).get("/engine-rest/task?maxResults=50&processInstanceBusinessKey=" + number);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> tasks = new ArrayList<>();
        r.json().forEach(tasks::add);
        return tasks;
    }

    /** The user finds the task in their Tasklist, claims and completes it. */
    void complete(String user, String number, String taskKey, Object... keyValues) {
        JsonNode task = tasks(user, number).stream().filter(t -> taskKey.equals(t.path("taskDefinitionKey").asText()))
                .findFirst().orElseThrow(() -> new AssertionError(user + " does not see " + taskKey + " of " + number));
        String path = "/engine-rest/task/" + task.path("id").asText();
        Http http = new Http(port).as(user);
        assertThat(http.postJson(path + "/claim", Map.of("userId", user)).status()).isEqualTo(204);
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            variables.put((String) keyValues[i], Map.of("value", keyValues[i + 1]));
        }
        Http.Response done = http.postJson(path + "/complete", Map.of("variables", variables));
        assertThat(done.status()).as(taskKey + " " + done.body()).isIn(200, 204);
    }

    String status(String number) {
        return jdbc.sql("select status from risk_item where number = ?").param(number).query(String.class).single();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void anItemOfTheSecondStreetRunsToClosureWithItsOwnPeopleAndNumber() {
        String number = registered("c16-grid1", "C16");
        assertThat(number).matches("HX-\\d{4}-\\d{6}");
        int counter = jdbc.sql("select last_value from item_number_counter where street_code = 'HX' and year = ?")
                .param(Integer.parseInt(number.substring(3, 7))).query(Integer.class).single();
        assertThat(Integer.parseInt(number.substring(8))).as("its own counter").isEqualTo(counter);

        complete("c16-staff", number, "Task_Grade", "riskLevel", "HIGH", "fixableNow", false, "gradeReason", "扬言报复");
        // HIGH: the plan is the HX center's, not the demo street's.
        assertThat(tasks("center1", number)).isEmpty();
        complete("hx-center1", number, "Task_Plan", "responsibleUnit", "community-C16", "responsibleLeader", "c16-leader",
                "investigator", "c16-grid1", "resolver", "c16-staff", "stabiliser", "c16-grid2", "dispatcher", "hx-center1",
                "measures", "组织双方调解，修复排水管。", "resolveBy", "");
        complete("hx-center1", number, "Task_EmergencyPlan", "activationCriteria", "双方发生肢体冲突", "standDownCriteria",
                "达成调解协议", "command", "街道分管领导任总指挥", "duties", "社区稳控，派出所出警", "emergencyMeasures",
                "现场隔离劝离", "supplies", "执法记录仪");
        assertThat(tasks("leader1", number)).as("the demo street's leaders").isEmpty();
        complete("hx-leader1", number, "Task_ApproveEmergencyPlan", "approved", true, "approvalNote", "同意");
        complete("c16-staff", number, "Task_Feedback", "feedbackNote", "已核实，双方同意调解");
        complete("c16-staff", number, "Task_Resolve", "resolutionOutcome", "RESOLVED", "progressNote", "签订调解协议，已维修");
        complete("c16-staff", number, "Task_RequestClosure", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "调解协议书",
                "noEvidenceReason", "纸质材料在社区存档");
        complete("hx-leader1", number, "Task_ApproveClosure", "approved", true, "approvalNote", "同意销号");
        assertThat(status(number)).isEqualTo("CLOSED");

        for (String user : QF_PEOPLE.split(", ")) {
            assertThat(tasks(user, number)).as(user).isEmpty();
        }
        assertThat(new Http(port).as("hx-center1").get("/api/risk-items/" + number).status()).isEqualTo(200);
    }

    @Test
    void theFirstStreetsPeopleCannotSeeTheSecondStreetAnywhere() throws IOException {
        String number = registered("c16-grid1", "C16");
        complete("c16-staff", number, "Task_Grade", "riskLevel", "HIGH", "fixableNow", false, "gradeReason", "扬言报复");
        assertThat(tasks("hx-center1", number)).extracting(t -> t.path("taskDefinitionKey").asText()).contains("Task_Plan");
        String week = week(number);
        for (String user : QF_PEOPLE.split(", ")) {
            Http http = new Http(port).as(user);
            assertThat(http.get("/api/risk-items/" + number).status()).as(user + " item").isEqualTo(403);
            assertThat(http.get("/items/" + number).status()).as(user + " case page").isEqualTo(403);
            assertThat(http.get("/api/risk-items?size=200&community=C16").json().path("items")).as(user + " ledger").isEmpty();
            assertThat(AccessTableHttpTest.exported(http.download("/api/risk-items/export?community=C16"))).as(user + " export")
                    .doesNotContain(number);
            assertThat(tasks(user, number)).as(user + " tasks").isEmpty();
            Http.Response live = http.get("/api/reports/live");
            if (live.status() == 200) {
                assertThat(live.body()).as(user + " live").doesNotContain(number).doesNotContain("\"C16\"");
            } else {
                assertThat(live.status()).as(user + " live").isEqualTo(403);
            }
            Http.Response weekly = http.get("/api/reports/weekly?week=" + week);
            if (weekly.status() == 200) {
                assertThat(weekly.body()).as(user + " weekly").doesNotContain(number).doesNotContain("和兴社区");
            } else {
                assertThat(weekly.status()).as(user + " weekly").isEqualTo(403);
            }
            assertThat(http.get("/api/reports/district?week=" + week).status()).as(user + " district").isEqualTo(403);
        }
        // The demo street's center may not register in the second street, nor its department; the HX center
        // may not register in the demo street.
        Http.Response qfCenter = new Http(port).as("center1").postJson("/api/risk-items", report("C16", "越界登记"));
        assertThat(qfCenter.status()).as(qfCenter.body()).isEqualTo(403);
        assertThat(new Http(port).as("justice1").postJson("/api/risk-items", report("C16", "越界登记")).status()).isEqualTo(403);
        assertThat(new Http(port).as("hx-center1").postJson("/api/risk-items", report("C01", "越界登记")).status()).isEqualTo(403);
        assertThat(registered("hx-center1", "C16")).startsWith("HX-");
        assertThat(registered("center1", "C01")).startsWith("QF-");
    }

    @Test
    void theSecondStreetsCenterCannotSeeTheDemoStreet() {
        String qf = registered("c01-grid1", "C01");
        Http hx = new Http(port).as("hx-center1");
        assertThat(hx.get("/api/risk-items/" + qf).status()).isEqualTo(403);
        assertThat(hx.get("/items/" + qf).status()).isEqualTo(403);
        JsonNode ledger = hx.get("/api/risk-items?size=200").json();
        ledger.path("items").forEach(row -> assertThat(row.path("number").asText()).startsWith("HX-"));
        assertThat(hx.get("/api/risk-items?size=200&community=C01").json().path("items")).isEmpty();
        JsonNode live = hx.get("/api/reports/live").json();
        assertThat(live.path("scope")).extracting(JsonNode::asText).containsExactly("C16");
        assertThat(live.path("streets")).extracting(s -> s.path("code").asText()).containsExactly("HX");
        assertThat(hx.get("/api/reports/live?street=QF").status()).isEqualTo(403);
        assertThat(tasks("hx-center1", qf)).isEmpty();
    }

    @Test
    void theDistrictSeesBothStreetsFiltersTheLivePanelByStreetAndComparesThem() {
        String hx = registered("c16-grid1", "C16");
        String qf = registered("c01-grid1", "C01");
        Http district = new Http(port).as("district1");
        assertThat(district.get("/api/risk-items/" + hx).status()).isEqualTo(200);
        assertThat(district.get("/api/risk-items/" + qf).status()).isEqualTo(200);
        assertThat(district.get("/api/risk-items/" + hx).json().path("personalDataMasked").asBoolean()).isTrue();

        JsonNode live = district.get("/api/reports/live").json();
        assertThat(live.path("streets")).extracting(s -> s.path("code").asText()).contains("QF", "HX");
        JsonNode c16 = null;
        for (JsonNode row : live.path("openByCommunity")) {
            if ("C16".equals(row.path("community").asText())) {
                c16 = row;
            }
        }
        assertThat(c16).isNotNull();
        assertThat(c16.path("street").asText()).isEqualTo("HX");
        JsonNode onlyHx = district.get("/api/reports/live?street=HX").json();
        assertThat(onlyHx.path("scope")).extracting(JsonNode::asText).containsExactly("C16");
        onlyHx.path("openByCommunity").forEach(row -> assertThat(row.path("street").asText()).isEqualTo("HX"));
        Http.Response unknown = district.get("/api/reports/live?street=XX");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("street");

        String week = week(hx);
        JsonNode report = district.get("/api/reports/district?week=" + week).json();
        assertThat(report.path("period").asText()).isEqualTo(week);
        Map<String, JsonNode> streets = new HashMap<>();
        report.path("streets").forEach(s -> streets.put(s.path("code").asText(), s));
        assertThat(streets).containsKeys("QF", "HX");
        assertThat(streets.get("HX").path("name").asText()).isEqualTo("和兴街道");
        assertThat(streets.get("HX").path("totals").path("newItems").asInt()).isEqualTo(
                jdbc.sql("""
                        select count(*) from risk_item where community = 'C16' and status <> 'MERGED'
                        and reported_at >= ? and reported_at < ?""")
                        .params(java.sql.Timestamp.valueOf(monday(week).atStartOfDay()),
                                java.sql.Timestamp.valueOf(monday(week).plusWeeks(1).atStartOfDay()))
                        .query(Integer.class).single());
        assertThat(streets.get("HX").path("resolutionRates")).hasSize(3);
        int openHx = 0;
        for (JsonNode n : streets.get("HX").path("openNowByLevel")) {
            openHx += n.asInt();
        }
        assertThat(openHx).isEqualTo(jdbc.sql("""
                select count(*) from risk_item where community = 'C16'
                and status not in ('CLOSED', 'MERGED', 'TRANSFERRED')""").query(Integer.class).single());
        assertThat(district.get("/api/reports/district?month=" + LocalDate.now().toString().substring(0, 7)).status())
                .isEqualTo(200);
        assertThat(district.get("/api/reports/district").status()).isEqualTo(400);
        assertThat(new Http(port).as("admin").get("/api/reports/district?week=" + week).status()).isEqualTo(200);
        assertThat(new Http(port).as("hx-leader1").get("/api/reports/district?week=" + week).status()).isEqualTo(403);
    }

    /** The ISO week (office zone) the item was reported in. */
    String week(String number) {
        LocalDate day = jdbc.sql("select (reported_at at time zone 'Asia/Shanghai')::date from risk_item where number = ?")
                .param(number).query(LocalDate.class).single();
        return "%d-W%02d".formatted(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    static LocalDate monday(String week) {
        int year = Integer.parseInt(week.substring(0, 4));
        int w = Integer.parseInt(week.substring(6));
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, w).with(java.time.DayOfWeek.MONDAY);
    }
}
