package casegrid.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CalledWork;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** GET /api/meetings over HTTP: the key-matters ledger, its filters and who sees which meeting. */
@CasegridTest
class MeetingApiTest {

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    @BeforeEach
    void setUp() {
        Scenario.clockAt("2026-11-23T10:00:00+08:00");
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    /** An item of {@code community} that had a community meeting, with one action item for the police. */
    String itemWithMeeting(String community) {
        Scenario item = new Scenario(engine, intake, jdbc);
        CalledWork called = new CalledWork(engine, item);
        String c = community.toLowerCase();
        item.planned(community, "MEDIUM");
        item.complete("Task_Resolve", c + "-staff", "resolutionOutcome", "ESCALATE", "progressNote", "调解未果");
        called.complete("Task_ConveneMeeting", c + "-staff", "meetingAt", "2026-11-25T14:00+08:00", "place", "社区会议室",
                "invitedDepartments", "dept-justice");
        called.complete("Task_RecordMinutes", c + "-staff", "attendees", "张三、李四", "decisions", "再次调解",
                "actionItems", "派出所|2026-12-05|加强巡逻", "meetingOutcome", "RESOLVED");
        return item.number;
    }

    List<String> numbers(JsonNode answer) {
        List<String> numbers = new ArrayList<>();
        answer.path("items").forEach(m -> numbers.add(m.path("number").asText()));
        return numbers;
    }

    @Test
    void theLedgerShowsMeetingsWithTheirMinutesToThoseWhoMaySeeTheItem() {
        String c04 = itemWithMeeting("C04");
        String c09 = itemWithMeeting("C09");
        Http.Response center = new Http(port).as("center1").get("/api/meetings?size=200&tier=COMMUNITY");
        assertThat(center.status()).isEqualTo(200);
        assertThat(numbers(center.json())).contains(c04, c09);
        JsonNode meeting = null;
        for (JsonNode m : center.json().path("items")) {
            if (m.path("number").asText().equals(c04)) {
                meeting = m;
            }
        }
        assertThat(meeting.path("tier").asText()).isEqualTo("COMMUNITY");
        assertThat(meeting.path("place").asText()).isEqualTo("社区会议室");
        assertThat(meeting.path("attendees")).hasSize(2);
        assertThat(meeting.path("decisions").get(0).asText()).isEqualTo("再次调解");
        assertThat(meeting.path("actions").get(0).path("owner").asText()).isEqualTo("dept-police");
        assertThat(meeting.path("actions").get(0).path("state").asText()).isEqualTo("OPEN");
        assertThat(meeting.path("openActions").asInt()).isEqualTo(1);

        // A community sees its own meetings only; a department those it owns an action of.
        List<String> c04Staff = numbers(new Http(port).as("c04-staff").get("/api/meetings?size=200").json());
        assertThat(c04Staff).contains(c04).doesNotContain(c09);
        assertThat(numbers(new Http(port).as("police1").get("/api/meetings?size=200").json())).contains(c04, c09);
        assertThat(numbers(new Http(port).as("civil1").get("/api/meetings?size=200").json())).doesNotContain(c04, c09);

        // Filters: community, tier, date range, open actions; paging.
        assertThat(numbers(new Http(port).as("center1").get("/api/meetings?size=200&community=C09").json()))
                .contains(c09).doesNotContain(c04);
        assertThat(numbers(new Http(port).as("center1").get("/api/meetings?size=200&tier=DISTRICT&community=C04").json())).isEmpty();
        assertThat(numbers(new Http(port).as("center1").get("/api/meetings?size=200&community=C04&from=2026-11-25&to=2026-11-25")
                .json())).contains(c04);
        assertThat(numbers(new Http(port).as("center1").get("/api/meetings?size=200&community=C04&from=2026-11-26").json()))
                .doesNotContain(c04);
        assertThat(numbers(new Http(port).as("center1").get("/api/meetings?size=200&community=C04&openActions=true").json()))
                .contains(c04);
        JsonNode firstPage = new Http(port).as("center1").get("/api/meetings?size=1&page=0").json();
        assertThat(firstPage.path("items")).hasSize(1);
        assertThat(firstPage.path("total").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theKeyMattersLedgerExportsAsXlsxWithItsActionItems() throws Exception {
        String c06 = itemWithMeeting("C06");
        java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                "http://localhost:" + port + "/api/meetings/export?community=C06"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("center2:center2".getBytes()))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("spreadsheetml");
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(response.body()))) {
            var meetings = workbook.getSheet("重点事项台账");
            assertThat(meetings.getRow(0).getCell(0).getStringCellValue()).isEqualTo("事项编号");
            assertThat(meetings.getRow(0).getCell(9).getStringCellValue()).isEqualTo("议定事项");
            var row = java.util.stream.IntStream.rangeClosed(1, meetings.getLastRowNum()).mapToObj(meetings::getRow)
                    .filter(r -> r.getCell(0).getStringCellValue().equals(c06)).findFirst().orElseThrow();
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo("社区");
            assertThat(row.getCell(7).getStringCellValue()).isEqualTo("社区会议室");
            assertThat(row.getCell(8).getStringCellValue()).isEqualTo("张三、李四");
            assertThat(row.getCell(10).getStringCellValue()).isEqualTo("已化解");
            assertThat(row.getCell(11).getNumericCellValue()).isEqualTo(1);
            var actions = workbook.getSheet("会议任务");
            var action = java.util.stream.IntStream.rangeClosed(1, actions.getLastRowNum()).mapToObj(actions::getRow)
                    .filter(r -> r.getCell(0).getStringCellValue().equals(c06)).findFirst().orElseThrow();
            assertThat(action.getCell(3).getStringCellValue()).isEqualTo("派出所");
            assertThat(action.getCell(4).getStringCellValue()).startsWith("2026-12-0");
            assertThat(action.getCell(5).getStringCellValue()).isEqualTo("加强巡逻");
            assertThat(action.getCell(6).getStringCellValue()).isEqualTo("进行中");
        }
        // Another community's export does not carry the meeting.
        java.net.http.HttpResponse<byte[]> other = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/meetings/export"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("c07-staff:c07-staff".getBytes()))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(other.body()))) {
            var meetings = workbook.getSheet("重点事项台账");
            for (int i = 1; i <= meetings.getLastRowNum(); i++) {
                assertThat(meetings.getRow(i).getCell(0).getStringCellValue()).isNotEqualTo(c06);
            }
        }
        assertThat(jdbc.sql("select count(*) from access_audit where user_id = 'center2' and action = 'EXPORT_MEETINGS'")
                .query(Integer.class).single()).isPositive();
        assertThat(new Http(port).as("center2").get("/api/meetings/export?tier=CITY").status()).isEqualTo(400);
    }

    @Test
    void badFiltersAndAnonymousCallsAreRefused() {
        Http.Response bad = new Http(port).as("center1").get("/api/meetings?tier=CITY&from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("tier").contains("from");
        assertThat(new Http(port).anonymous().get("/api/meetings").status()).isEqualTo(401);
    }
}
