package casegrid.reference;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A category renamed on /api/admin/reference is printed by its new name everywhere an item's category
 * is shown: the online ledger's row, the ledger's xlsx export, the case file's details and the archive
 * PDF; deactivated, it keeps its name there and the ledger can still be filtered by it.
 */
@CasegridTest
class ReferenceNamesHttpTest {

    static final String RENAMED = "公共安全隐患（消防、燃气）";

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void restoreTheContractName() {
        jdbc.sql("update reference_code set name = '公共安全', active = true where kind = 'CATEGORY' and code = 'PUBLIC_SAFETY'")
                .update();
        jdbc.sql("update reference_code set name = '区人民法院', active = true where kind = 'TRANSFER_BODY' and code = 'DISTRICT_COURT'")
                .update();
    }

    @Test
    void aRenamedCategoryIsPrintedByItsNewNameInTheLedgerTheExportTheCaseFileAndTheArchive() throws IOException {
        String token = "改名" + System.nanoTime();
        Scenario item = new Scenario(engine, intake, jdbc).intake("c05-grid1",
                Scenario.request("C05", token + " 燃气管道老化", "C05 福安路" + System.nanoTime() + "号", "钱七", null,
                        "PUBLIC_SAFETY", 1));
        Http center = new Http(port).as("center1");
        assertThat(ledgerRow(center, token, "").path("categoryName").asText()).isEqualTo("公共安全");

        Http.Response renamed = new Http(port).as("admin").putJson("/api/admin/reference/CATEGORY/PUBLIC_SAFETY",
                Map.of("name", RENAMED));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);

        assertThat(ledgerRow(center, token, "").path("categoryName").asText()).isEqualTo(RENAMED);
        assertThat(exportedCategory(center, token, item.number)).isEqualTo(RENAMED);
        JsonNode details = center.get("/api/risk-items/" + item.number).json();
        assertThat(details.path("labels").path("category").asText()).isEqualTo(RENAMED);
        assertThat(archiveText(center, item.number)).contains("类别" + RENAMED);

        // Deactivated (no longer offered at intake), an old item still shows the name and can be found by its code.
        assertThat(new Http(port).as("admin").putJson("/api/admin/reference/CATEGORY/PUBLIC_SAFETY",
                Map.of("active", false)).status()).isEqualTo(200);
        assertThat(ledgerRow(center, token, "&category=PUBLIC_SAFETY").path("categoryName").asText()).isEqualTo(RENAMED);
        assertThat(center.get("/api/risk-items?category=NO_SUCH_CATEGORY").status()).isEqualTo(400);
    }

    @Test
    void aRenamedTransferBodyIsPrintedByItsNewNameOnTheItemAndTheArchiveAndCannotBeRemovedWhileUsed() throws IOException {
        Scenario item = new Scenario(engine, intake, jdbc).planned("C05", "MEDIUM");
        item.complete("Task_Resolve", "c05-staff", "resolutionOutcome", "TRANSFER", "progressNote", "涉诉事项，移交法院",
                "transferTo", "DISTRICT_COURT");
        Http center = new Http(port).as("center1");
        assertThat(center.get("/api/risk-items/" + item.number).json().path("labels").path("transferredTo").asText())
                .isEqualTo("区人民法院");

        Http admin = new Http(port).as("admin");
        assertThat(admin.putJson("/api/admin/reference/TRANSFER_BODY/DISTRICT_COURT", Map.of("name", "区法院立案庭")).status())
                .isEqualTo(200);
        JsonNode details = center.get("/api/risk-items/" + item.number).json();
        assertThat(details.path("transferredTo").asText()).isEqualTo("DISTRICT_COURT");
        assertThat(details.path("labels").path("transferredTo").asText()).isEqualTo("区法院立案庭");
        assertThat(archiveText(center, item.number)).contains("合并至/移交至区法院立案庭");

        JsonNode court = null;
        for (JsonNode code : admin.get("/api/admin/reference").json().path("kinds").path("TRANSFER_BODY").path("codes")) {
            court = "DISTRICT_COURT".equals(code.path("code").asText()) ? code : court;
        }
        assertThat(court).isNotNull();
        assertThat(court.path("uses").asInt()).isPositive();
        assertThat(admin.delete("/api/admin/reference/TRANSFER_BODY/DISTRICT_COURT").status()).isEqualTo(409);
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    JsonNode ledgerRow(Http http, String token, String query) {
        Http.Response page = http.get("/api/risk-items?q=" + enc(token) + query);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        JsonNode items = page.json().path("items");
        assertThat(items.size()).as(page.body()).isEqualTo(1);
        return items.get(0);
    }

    String exportedCategory(Http http, String token, String number) throws IOException {
        HttpResponse<byte[]> response = http.download("/api/risk-items/export?q=" + enc(token));
        assertThat(response.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Row header = workbook.getSheetAt(0).getRow(0);
            assertThat(header.getCell(2).getStringCellValue()).isEqualTo("类别");
            Row row = workbook.getSheetAt(0).getRow(1);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo(number);
            return row.getCell(2).getStringCellValue();
        }
    }

    /** The archive PDF's text with all white space removed (table cells wrap anywhere). */
    String archiveText(Http http, String number) throws IOException {
        HttpResponse<byte[]> response = http.download("/api/risk-items/" + number + "/archive");
        assertThat(response.statusCode()).isEqualTo(200);
        PdfReader reader = new PdfReader(response.body());
        try {
            StringBuilder text = new StringBuilder();
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page));
            }
            return text.toString().replaceAll("\\s+", "");
        } finally {
            reader.close();
        }
    }
}
