package casegrid.access;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CalledWork;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every role × every read endpoint answers what the AccessPolicy says about four items: A (C03,
 * reported by c03-grid1, planned, with a community meeting), B (C03, reported by c03-grid2), C (C07,
 * owned by the justice department) and D (C12, ungraded). The single-item endpoints decide in
 * memory, the ledger, its export and the meetings ledger in SQL (VisibleItems): the table holds
 * both to the same policy.
 */
@CasegridTest
class AccessTableHttpTest {

    /** In every fixture title, so the ledger can be asked for exactly these items. */
    static final String TAG = "权限表" + System.nanoTime();
    static final Map<String, String> ITEMS = new LinkedHashMap<>();
    /** Cells the fixture must produce, so that the table cannot pass on a policy that says no (or yes) to all. */
    static final Map<String, String> READS = Map.of("center1", "ABCD", "c03-staff", "AB", "c03-grid1", "A", "sup1", "AB",
            "justice1", "C", "district1", "ABCD");
    static final Map<String, String> DOES_NOT_READ = Map.of("c03-staff", "CD", "c03-grid1", "BCD", "sup1", "CD",
            "justice1", "BD", "designer", "ABCD");

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @Autowired ItemAccess access;

    @BeforeEach
    void fourItems() {
        if (!ITEMS.isEmpty()) {
            return;
        }
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
        try {
            Scenario a = planned("C03", "c03-grid1", "community-C03");
            CalledWork meeting = new CalledWork(engine, a);
            a.complete("Task_Resolve", "c03-staff", "resolutionOutcome", "ESCALATE", "progressNote", "调解未果");
            meeting.complete("Task_ConveneMeeting", "c03-staff", "meetingAt", "2026-11-25T14:00+08:00", "place", "社区会议室",
                    "invitedDepartments", "dept-justice");
            meeting.complete("Task_RecordMinutes", "c03-staff", "attendees", "张三、李四", "decisions", "再次调解",
                    "actionItems", "派出所|2026-12-05|加强巡逻", "meetingOutcome", "RESOLVED");
            ITEMS.put("A", a.number);
            ITEMS.put("B", reported("C03", "c03-grid2").number);
            ITEMS.put("C", planned("C07", "c07-grid1", "dept-justice").number);
            ITEMS.put("D", reported("C12", "c12-grid1").number);
        } finally {
            ClockUtil.reset();
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    Scenario reported(String community, String reporter) {
        Scenario item = new Scenario(engine, intake, jdbc);
        return item.intake(reporter, Scenario.request(community, TAG + " 楼道堆物纠纷", community + " 和平路" + System.nanoTime() + "号",
                "王" + System.nanoTime(), "13900001111", "DISPUTE", 2));
    }

    Scenario planned(String community, String reporter, String unit) {
        String c = community.toLowerCase();
        Scenario item = reported(community, reporter);
        item.complete("Task_Grade", c + "-staff", "riskLevel", "MEDIUM", "fixableNow", false, "gradeReason", "现场核实后调整");
        item.complete("Task_Plan", c + "-staff", "responsibleUnit", unit, "responsibleLeader", c + "-leader",
                "investigator", c + "-grid1", "resolver", c + "-staff", "stabiliser", c + "-grid2", "dispatcher", "center1",
                "measures", "组织双方调解。", "resolveBy", "");
        return item;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"admin", "center1", "leader1", "c03-staff", "c03-leader", "c03-grid1", "justice1", "sup1",
            "district1", "designer"})
    void everyReadEndpointAnswersWhatThePolicySays(String user) throws IOException {
        AccessPolicy policy = access.policy();
        Scope scope = access.scope(user);
        Map<String, Boolean> reads = new HashMap<>();
        Map<String, Boolean> unmasked = new HashMap<>();
        for (var item : ITEMS.entrySet()) {
            ItemFacts facts = access.facts(item.getValue()).orElseThrow();
            reads.put(item.getKey(), policy.mayRead(scope, facts));
            unmasked.put(item.getKey(), policy.seesPersonalData(scope, facts));
        }
        reads.forEach((key, read) -> {
            assertThat(READS.getOrDefault(user, "").contains(key) && !read).as(user + " must read " + key).isFalse();
            assertThat(DOES_NOT_READ.getOrDefault(user, "").contains(key) && read).as(user + " must not read " + key).isFalse();
        });
        Http http = new Http(port).as(user);

        JsonNode ledger = http.get("/api/risk-items?size=200&q=" + enc(TAG)).json();
        Map<String, JsonNode> listed = new HashMap<>();
        ledger.path("items").forEach(row -> listed.put(row.path("number").asText(), row));
        Set<String> exported = exported(http.download("/api/risk-items/export?q=" + enc(TAG)));
        Set<String> meetings = new TreeSet<>();
        http.get("/api/meetings?size=200&community=C03").json().path("items")
                .forEach(m -> meetings.add(m.path("number").asText()));

        for (var item : ITEMS.entrySet()) {
            String key = item.getKey();
            String number = item.getValue();
            boolean read = reads.get(key);
            String cell = user + " " + key + " ";
            assertThat(listed.containsKey(number)).as(cell + "ledger").isEqualTo(read);
            assertThat(exported.contains(number)).as(cell + "export").isEqualTo(read);
            Http.Response detail = http.get("/api/risk-items/" + number);
            assertThat(detail.status()).as(cell + "detail").isEqualTo(read ? 200 : 403);
            assertThat(http.download("/api/risk-items/" + number + "/archive").statusCode()).as(cell + "archive")
                    .isEqualTo(read ? 200 : 403);
            assertThat(http.get("/api/risk-items/" + number + "/grade").status()).as(cell + "level (调整风险等级)")
                    .isEqualTo(read ? 200 : 403);
            if (read) {
                boolean masked = !unmasked.get(key);
                assertThat(detail.json().path("personalDataMasked").asBoolean()).as(cell + "detail masked").isEqualTo(masked);
                assertThat(listed.get(number).path("personalDataMasked").asBoolean()).as(cell + "ledger masked")
                        .isEqualTo(masked);
            }
        }
        // Only A had a meeting: the meetings ledger shows it to exactly A's readers.
        assertThat(meetings.contains(ITEMS.get("A"))).as(user + " meetings").isEqualTo(reads.get("A"));

        boolean mayReport;
        try {
            policy.reportCommunities(scope);
            mayReport = true;
        } catch (RuntimeException forbidden) {
            mayReport = false;
        }
        assertThat(http.get("/api/reports/weekly?week=2026-W48").status()).as(user + " weekly report")
                .isEqualTo(mayReport ? 200 : 403);

        // An unknown number is 404 for everyone, before any access question.
        assertThat(http.get("/api/risk-items/QF-2026-999999").status()).as(user + " unknown").isEqualTo(404);
        assertThat(http.download("/api/risk-items/QF-2026-999999/archive").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/risk-items/QF-2026-999999/grade").status()).isEqualTo(404);
    }

    /** The item numbers in the first column of the export, below the header row. */
    static Set<String> exported(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(200);
        Set<String> numbers = new TreeSet<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            for (Row row : workbook.getSheetAt(0)) {
                if (row.getRowNum() > 0) {
                    numbers.add(row.getCell(0).getStringCellValue());
                }
            }
        }
        return numbers;
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
