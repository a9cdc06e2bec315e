package casegrid.audit;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.ledger.ReadAudit;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** access_audit made readable: who may read it, paging and filters, the export, and that refusals and meeting reads land in it. */
@CasegridTest
class AuditHttpTest {

    @LocalServerPort int port;
    @Autowired ReadAudit audit;
    @Autowired casegrid.org.OrgImport orgImport;
    @Autowired casegrid.tasklist.TasklistFilters filters;

    /** A user name no other test writes, with {@code count} reads recorded for it. */
    String probe(int count) {
        String user = "probe-" + System.nanoTime();
        for (int i = 0; i < count; i++) {
            audit.record(user, "QF-2026-9" + String.format("%05d", i), ReadAudit.READ_ITEM, null);
        }
        return user;
    }

    List<JsonNode> entries(String user, String query) {
        Http.Response response = new Http(port).as("admin").get("/api/audit?user=" + user + query);
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().path("items").forEach(items::add);
        return items;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"admin, 200", "leader1, 200", "center1, 403", "c03-staff, 403", "designer, 403", "sup1, 403"})
    void onlyTheAdministratorAndTheStreetLeadersReadTheAudit(String user, int status) {
        Http caller = new Http(port).as(user);
        assertThat(caller.get("/api/audit").status()).isEqualTo(status);
        assertThat(caller.download("/api/audit/export").statusCode()).isEqualTo(status);
        Http.Response page = caller.get("/audit");
        assertThat(page.status()).isEqualTo(status);
        if (status == 200) {
            assertThat(page.body()).contains("<html lang=\"zh-CN\"").contains("访问审计").contains("/audit/audit.js")
                    .doesNotContain("<script>").doesNotContain("https://");
            assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
            assertThat(caller.get("/audit/audit.js").status()).isEqualTo(200);
        }
    }

    @Test
    void aStreetsLeadersReadTheirStreetsAuditNotAnotherStreets() {
        casegrid.support.SecondStreet.ensure(orgImport, filters);
        assertThat(new Http(port).as("hx-center1").get("/api/risk-items").status()).isEqualTo(200);
        assertThat(new Http(port).as("center1").get("/api/risk-items").status()).isEqualTo(200);

        Http leader = new Http(port).as("leader1");
        assertThat(leader.get("/api/audit?user=hx-center1").json().path("total").asLong())
                .as("another street's people are not the demo street's leaders' to audit").isZero();
        assertThat(leader.get("/api/audit?user=center1").json().path("total").asLong()).isPositive();
        assertThat(new Http(port).as("admin").get("/api/audit?user=hx-center1").json().path("total").asLong()).isPositive();

        // The second street's leaders read their own street's audit, and only that.
        Http hxLeader = new Http(port).as("hx-leader1");
        Http.Response own = hxLeader.get("/api/audit?user=hx-center1");
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().path("total").asLong()).isPositive();
        assertThat(hxLeader.get("/api/audit?user=center1").json().path("total").asLong()).isZero();
        assertThat(new Http(port).as("hx-center1").get("/api/audit").status()).as("a centre is audited, not an auditor")
                .isEqualTo(403);
    }

    @Test
    void anonymousCallersAreAskedToLogIn() {
        assertThat(new Http(port).get("/api/audit").status()).isEqualTo(401);
        assertThat(new Http(port).get("/audit").status()).isEqualTo(401);
    }

    @Test
    void entriesArePagedNewestFirstAndFilteredByUserAndItem() {
        String user = probe(7);
        Http admin = new Http(port).as("admin");
        JsonNode first = admin.get("/api/audit?user=" + user + "&size=3").json();
        assertThat(first.path("total").asLong()).isEqualTo(7);
        assertThat(first.path("items")).hasSize(3);
        assertThat(first.path("items").get(0).path("item").asText()).isEqualTo("QF-2026-900006");
        assertThat(first.path("items").get(0).path("actionLabel").asText()).isEqualTo("查看事项");
        JsonNode last = admin.get("/api/audit?user=" + user + "&size=3&page=2").json();
        assertThat(last.path("items")).hasSize(1);
        assertThat(last.path("items").get(0).path("item").asText()).isEqualTo("QF-2026-900000");
        assertThat(entries(user, "&item=QF-2026-900003")).hasSize(1);
        assertThat(entries(user, "&from=2000-01-01&to=2000-01-02")).isEmpty();
        // Reading the audit is audited too.
        assertThat(entries("admin", "&action=LIST_AUDIT")).isNotEmpty();
    }

    @Test
    void badFiltersAre400NamingEachField() {
        Http.Response bad = new Http(port).as("admin").get("/api/audit?from=yesterday&action=HACK&page=-1&size=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad.json().path("errors").toString()).contains("from").contains("action").contains("page").contains("size");
        assertThat(new Http(port).as("admin").get("/api/audit/export?to=31.12.2026").status()).isEqualTo(400);
    }

    @Test
    void theExportOpensAsASpreadsheetWithTheFilteredEntries() throws IOException {
        // The probe's rows name no street's person or item: the administrator's to read once a second street exists.
        String user = probe(4);
        HttpResponse<byte[]> export = new Http(port).as("admin").download("/api/audit/export?user=" + user);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/vnd.openxmlformats");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.body()))) {
            Sheet sheet = workbook.getSheet("访问审计");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("时间");
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo(user);
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("QF-2026-900003");
            assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo("查看事项");
        }
        assertThat(entries("admin", "&action=EXPORT_AUDIT")).isNotEmpty();
    }

    @Test
    void refusedAttemptsAreRecordedWithWhoWhatAndWhy() throws IOException {
        // A security rule, an area check in a controller, the engine's authorization, a wrong password.
        assertThat(new Http(port).as("c10-staff").get("/api/audit").status()).isEqualTo(403);
        String number = new Http(port).as("c11-grid1").postJson("/api/risk-items", Scenario.neighbourDispute("C11"))
                .json().path("number").asText();
        assertThat(new Http(port).as("c10-staff").get("/api/risk-items/" + number).status()).isEqualTo(403);
        assertThat(new Http(port).as("c10-staff").postMultipart("/engine-rest/deployment/create",
                Map.of("deployment-name", "not-mine"),
                Map.of("c03-task.bpmn", Files.readAllBytes(Path.of("src/test/resources/test-processes/c03-task.bpmn"))))
                .status()).isEqualTo(403);
        assertThat(new Http(port).as("c10-staff", "wrong").get("/api/me").status()).isEqualTo(401);
        // Without any name, a 401 is a login prompt, not an attempt.
        new Http(port).get("/api/me");

        List<JsonNode> refused = entries("c10-staff", "&action=REFUSED");
        assertThat(refused).extracting(e -> e.path("status").asInt() + " " + e.path("method").asText() + " " + e.path("path").asText())
                .contains("403 GET /api/audit", "403 GET /api/risk-items/" + number,
                        "403 POST /engine-rest/deployment/create", "401 GET /api/me");
        assertThat(refused).allSatisfy(e -> assertThat(e.path("detail").asText()).isNotBlank());
        assertThat(refused).filteredOn(e -> e.path("path").asText().endsWith(number))
                .first().satisfies(e -> assertThat(e.path("detail").asText()).contains(number));
        assertThat(entries(ReadAudit.ANONYMOUS, "&action=REFUSED")).noneMatch(e -> e.path("path").asText().equals("/api/me")
                && e.path("status").asInt() == 401);
    }

    @Test
    void readsOfTheKeyMattersLedgerAreRecorded() {
        assertThat(new Http(port).as("c12-leader").get("/api/meetings?tier=STREET").status()).isEqualTo(200);
        List<JsonNode> reads = entries("c12-leader", "&action=LIST_MEETINGS");
        assertThat(reads).isNotEmpty();
        assertThat(reads.get(0).path("detail").asText()).contains("tier=STREET").contains("page=0");
        assertThat(new Http(port).as("c12-leader").download("/api/meetings/export").statusCode()).isEqualTo(200);
        assertThat(entries("c12-leader", "&action=EXPORT_MEETINGS")).isNotEmpty();
    }
}
