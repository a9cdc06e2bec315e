package casegrid.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.item.ItemEvent;
import casegrid.item.RiskItemStore;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The online ledger over HTTP: filters, paging, sorting, visibility and masking per role, bad
 * parameters. Five items are written straight into the item tables (the process adds nothing to
 * a list) and marked with a token in their titles, so the tests see only their own items.
 */
@CasegridTest
class LedgerApiTest {

    static final String TOKEN = "台账测试" + Long.toString(System.nanoTime(), 36);
    static final Map<String, String> NUMBERS = new HashMap<>();

    @LocalServerPort int port;
    @Autowired RiskItemStore store;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void fixture() {
        if (!NUMBERS.isEmpty()) {
            return;
        }
        item("A", "C03", "DISPUTE", "HIGH", "RESOLVING", "community-C03", "2026-10-05T10:00:00+08:00", true,
                "c03-grid1", "c03-staff", "张三丰", "13912345678");
        item("B", "C03", "PUBLIC_SAFETY", "LOW", "CLOSED", "dept-urban", "2026-10-20T10:00:00+08:00", false,
                "c03-grid2", "urban1", "李四", "010-88886666");
        item("C", "C07", "DISPUTE", "MEDIUM", "RESOLVING", "dept-justice", "2026-11-02T23:30:00+08:00", false,
                "c07-grid1", "justice1", "王小五", "13800001111");
        item("D", "C12", "GROUP_CLAIM", "HIGH", "WHISTLE", "community-C12", "2026-11-15T10:00:00+08:00", true,
                "center1", "c12-staff", "赵六", null);
        item("E", "C01", "SUPPORT", null, "GRADING", null, "2026-11-20T10:00:00+08:00", false,
                "c01-grid1", null, "钱七", "13700002222");
        // The police were called into C (a whistle): they may read it, but are not its owner.
        store.addEvent(NUMBERS.get("C"), "c07-staff", ItemEvent.DEPARTMENT_SUMMONED, "吹哨：派出所报到", "dept-police");
    }

    void item(String key, String community, String category, String level, String status, String unit, String reportedAt,
              boolean overdue, String reporter, String resolver, String party, String phone) {
        String number = store.nextNumber(Date.from(OffsetDateTime.parse("2098-01-01T12:00:00+08:00").toInstant()), community);
        Map<String, Object> columns = new HashMap<>();
        columns.put("title", TOKEN + " 事项" + key + ("E".equals(key) ? " 楼上漏水" : ""));
        columns.put("description", "台账测试事项");
        columns.put("category", category);
        columns.put("source", "GRID_SURVEY");
        columns.put("community", community);
        columns.put("grid", community + "-G1");
        columns.put("address", community + " 测试路1号");
        columns.put("reported_at", Date.from(OffsetDateTime.parse(reportedAt).toInstant()));
        columns.put("reported_by", reporter);
        columns.put("people_involved", 2);
        columns.put("status", status);
        columns.put("risk_level", level);
        columns.put("responsible_unit", unit);
        columns.put("resolver", resolver);
        // Overdue is computed from the stored deadlines when read (Overdue), not taken from a flag: an
        // overdue fixture has a weekly update that fell due long ago.
        if (overdue) {
            columns.put("weekly_update_due", Date.from(OffsetDateTime.parse("2020-01-06T00:00:00+08:00").toInstant()));
        }
        // Fixture rows in any status, written as the table holds them (the app's own writes go through
        // RiskItemStore's steps, which would refuse a jump straight to, say, RESOLVING).
        columns.put("number", number);
        columns.replaceAll((k, v) -> v instanceof Date d ? RiskItemStore.ts(d) : v);
        jdbc.sql("insert into risk_item (" + String.join(", ", columns.keySet()) + ") values (:"
                + String.join(", :", columns.keySet()) + ")").params(columns).update();
        jdbc.sql("insert into risk_item_party (number, name, phone, role) values (?, ?, ?, '当事人')")
                .params(number, party, phone).update();
        NUMBERS.put(key, number);
    }

    JsonNode list(String user, String query) {
        Http.Response response = new Http(port).as(user).get("/api/risk-items?q=" + enc(TOKEN) + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The fixture keys (A…E) of the items on the page, in order. */
    List<String> keys(JsonNode page) {
        List<String> keys = new ArrayList<>();
        page.path("items").forEach(i -> NUMBERS.forEach((k, n) -> {
            if (n.equals(i.path("number").asText())) {
                keys.add(k);
            }
        }));
        return keys;
    }

    JsonNode itemOf(JsonNode page, String key) {
        for (JsonNode item : page.path("items")) {
            if (item.path("number").asText().equals(NUMBERS.get(key))) {
                return item;
            }
        }
        throw new AssertionError("no item " + key + " in " + page);
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void theStreetCenterSeesEveryItemNewestFirstWithTotalsAndChineseNames() {
        JsonNode page = list("center1", "");
        assertThat(page.path("total").asLong()).isEqualTo(5);
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(20);
        assertThat(keys(page)).containsExactly("E", "D", "C", "B", "A");
        JsonNode a = itemOf(page, "A");
        assertThat(a.path("communityName").asText()).isEqualTo("福寿社区");
        assertThat(a.path("categoryName").asText()).isEqualTo("社会矛盾纠纷");
        assertThat(a.path("statusName").asText()).isEqualTo("化解中");
        assertThat(a.path("responsibleUnitName").asText()).isEqualTo("福寿社区");
        assertThat(a.path("reportedAt").asText()).isEqualTo("2026-10-05T10:00:00+08:00");
        assertThat(itemOf(page, "B").path("responsibleUnitName").asText()).isEqualTo("城市管理办公室");
    }

    @Test
    void pagesAreStableSlicesOfTheSortedLedger() {
        JsonNode first = list("center1", "&size=2&page=0");
        assertThat(first.path("total").asLong()).isEqualTo(5);
        assertThat(keys(first)).containsExactly("E", "D");
        assertThat(keys(list("center1", "&size=2&page=1"))).containsExactly("C", "B");
        assertThat(keys(list("center1", "&size=2&page=2"))).containsExactly("A");
        JsonNode beyond = list("center1", "&size=2&page=3");
        assertThat(beyond.path("items")).isEmpty();
        assertThat(beyond.path("total").asLong()).isEqualTo(5);
    }

    @Test
    void sortsByWhitelistedFieldsWithNullsLast() {
        assertThat(keys(list("center1", "&sort=reportedAt,asc"))).containsExactly("A", "B", "C", "D", "E");
        // Level by rank (高 > 中 > 低), not alphabetically; ties by number in the same direction; ungraded last.
        assertThat(keys(list("center1", "&sort=riskLevel,desc"))).containsExactly("D", "A", "C", "B", "E");
        assertThat(keys(list("center1", "&sort=riskLevel,asc"))).containsExactly("B", "C", "A", "D", "E");
        assertThat(keys(list("center1", "&sort=community,asc&sort=reportedAt,desc"))).containsExactly("E", "B", "A", "C", "D");
        assertThat(keys(list("center1", "&sort=number,asc"))).containsExactly("A", "B", "C", "D", "E");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "status=RESOLVING|C,A",
            "status=RESOLVING,WHISTLE|D,C,A",
            "level=HIGH&level=MEDIUM|D,C,A",
            "community=C03|B,A",
            "category=DISPUTE|C,A",
            "department=dept-urban|B",
            "department=community-C03,community-C12|D,A",
            "overdue=true|D,A",
            "overdue=false|E,C,B",
            "from=2026-10-15&to=2026-11-02|C,B",
            "from=2026-11-02T23:00:00%2B08:00|E,D,C",
            "to=2026-11-02T23:00:00%2B08:00|B,A",
            "community=C03&overdue=false|B",
            "q2=漏水|E"})
    void filtersNarrowTheLedger(String query, String expected) {
        String extra = query.startsWith("q2=") ? "" : "&" + query;
        JsonNode page = query.startsWith("q2=")
                ? new Http(port).as("center1").get("/api/risk-items?q=" + enc(TOKEN + " 事项E 楼上" + query.substring(3))).json()
                : list("center1", extra);
        assertThat(keys(page)).containsExactly(expected.split(","));
        assertThat(page.path("total").asLong()).isEqualTo(expected.split(",").length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "c03-staff|B,A",
            "c03-leader|B,A",
            "c03-grid1|A",
            "c07-staff|C",
            "justice1|C",
            "police1|C",
            "urban1|B",
            "sup1|E,B,A",
            "sup3|D",
            "c12-leader|D",
            "leader1|E,D,C,B,A",
            "admin|E,D,C,B,A"})
    void eachRoleListsOnlyWhatItMaySee(String user, String expected) {
        JsonNode page = list(user, "");
        assertThat(keys(page)).containsExactly(expected.split(","));
        assertThat(page.path("total").asLong()).isEqualTo(expected.split(",").length);
        // The list and the single item follow the same rules.
        for (String key : List.of("A", "B", "C", "D", "E")) {
            int status = new Http(port).as(user).get("/api/risk-items/" + NUMBERS.get(key)).status();
            assertThat(status).as(user + " GET " + key).isEqualTo(List.of(expected.split(",")).contains(key) ? 200 : 403);
        }
    }

    @Test
    void rolesOutsideEveryItemSeeAnEmptyLedger() {
        for (String user : List.of("designer", "c05-grid2", "market1")) {
            JsonNode page = list(user, "");
            assertThat(page.path("total").asLong()).as(user).isZero();
            assertThat(page.path("items")).as(user).isEmpty();
        }
        // The district reads every street (docs/streets.md): here, the demo street's whole ledger.
        assertThat(list("district1", "").path("total").asLong()).isEqualTo(list("leader1", "").path("total").asLong());
    }

    @ParameterizedTest(name = "{0} sees {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "center1|A|张三丰|13912345678",
            "c03-staff|A|张三丰|13912345678",
            "c03-leader|B|李四|010-88886666",
            "c03-grid1|A|张三丰|13912345678",
            "urban1|B|李四|010-88886666",
            "justice1|C|王小五|13800001111",
            "leader1|A|张**|139****5678",
            "admin|C|王**|138****1111",
            "sup1|B|李*|*******6666",
            "police1|C|王**|138****1111"})
    void partiesAreMaskedForRolesThatDoNotNeedThem(String user, String key, String name, String phone) {
        JsonNode item = itemOf(list(user, ""), key);
        assertThat(item.path("parties").get(0).path("name").asText()).isEqualTo(name);
        assertThat(item.path("parties").get(0).path("phone").asText()).isEqualTo(phone);
        assertThat(item.path("personalDataMasked").asBoolean()).isEqualTo(name.contains("*"));
        // The single item shows the same.
        JsonNode single = new Http(port).as(user).get("/api/risk-items/" + NUMBERS.get(key)).json();
        assertThat(single.path("parties").get(0).path("name").asText()).isEqualTo(name);
        assertThat(single.path("parties").get(0).path("phone").asText()).isEqualTo(phone);
    }

    @Test
    void theResolverNamedInThePlanSeesTheContactsEvenOutsideTheUnit() {
        // D's resolver is c12-staff (its community anyway); A's resolver c03-staff. Name a street leader on C.
        jdbc.sql("update risk_item set responsible_leader = 'leader2' where number = ?").param(NUMBERS.get("C")).update();
        try {
            assertThat(itemOf(list("leader2", ""), "C").path("parties").get(0).path("name").asText()).isEqualTo("王小五");
            assertThat(itemOf(list("leader1", ""), "C").path("parties").get(0).path("name").asText()).isEqualTo("王**");
        } finally {
            jdbc.sql("update risk_item set responsible_leader = null where number = ?").param(NUMBERS.get("C")).update();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "status=OPEN|status",
            "level=URGENT|level",
            "community=C99|community",
            "category=WEATHER|category",
            "department=dept-nowhere|department",
            "overdue=maybe|overdue",
            "from=yesterday|from",
            "to=2026-13-01|to",
            "from=2026-11-10&to=2026-11-01|to",
            "page=-1|page",
            "page=x|page",
            "size=0|size",
            "size=1000|size",
            "sort=title,desc|sort",
            "sort=reportedAt,up|sort",
            "color=red|color",
            "overdue=true&overdue=false|overdue"})
    void aBadParameterIsA400ProblemNamingIt(String query, String field) {
        Http.Response response = new Http(port).as("center1").get("/api/risk-items?" + query);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactly(field);
        assertThat(response.json().path("errors").get(0).path("message").asText()).isNotBlank();
    }

    @Test
    void severalBadParametersAreAllNamed() {
        Http.Response response = new Http(port).as("center1").get("/api/risk-items?status=X&size=0&sort=foo");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("status", "size", "sort");
    }

    @Test
    void withoutCredentialsTheLedgerIs401() {
        assertThat(new Http(port).get("/api/risk-items").status()).isEqualTo(401);
        assertThat(new Http(port).get("/api/risk-items/export").status()).isEqualTo(401);
    }

    @Test
    void everyLedgerPageIsAudited() {
        list("sup2", "&community=C07");
        String detail = jdbc.sql("select detail from access_audit where user_id = 'sup2' and action = 'LIST_LEDGER' order by id desc limit 1")
                .query(String.class).single();
        assertThat(detail).contains("community=C07").contains("q=" + TOKEN).contains("rows=1");
    }

    // ---- export (.xlsx) ----

    /** The exported sheet as rows of cell texts (dates as LocalDateTime), header first. */
    List<List<Object>> export(String user, String query) throws IOException {
        HttpResponse<byte[]> response = new Http(port).as(user).download("/api/risk-items/export?q=" + enc(TOKEN) + query);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment").contains(".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("在线台账");
            List<List<Object>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<Object> cells = new ArrayList<>();
                for (int c = 0; c < LedgerService.HEADERS.length; c++) {
                    Cell cell = row.getCell(c);
                    if (cell == null) {
                        cells.add(null);
                    } else if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
                        cells.add(cell.getLocalDateTimeCellValue());
                    } else {
                        cells.add(cell.getStringCellValue());
                    }
                }
                rows.add(cells);
            }
            return rows;
        }
    }

    List<Object> rowOf(List<List<Object>> rows, String key) {
        return rows.stream().filter(r -> NUMBERS.get(key).equals(r.get(0))).findFirst().orElseThrow();
    }

    @Test
    void theExportIsAnXlsxWithChineseHeadersAndTheLedgersCells() throws IOException {
        List<List<Object>> rows = export("center1", "");
        assertThat(rows.get(0)).containsExactly((Object[]) LedgerService.HEADERS);
        assertThat(rows.get(0).get(0)).isEqualTo("编号");
        assertThat(rows).hasSize(6);
        assertThat(rows.subList(1, 6).stream().map(r -> r.get(0)).toList()).containsExactly(
                NUMBERS.get("E"), NUMBERS.get("D"), NUMBERS.get("C"), NUMBERS.get("B"), NUMBERS.get("A"));
        List<Object> a = rowOf(rows, "A");
        assertThat(a.get(1)).isEqualTo(TOKEN + " 事项A");
        assertThat(a.get(2)).isEqualTo("社会矛盾纠纷");
        assertThat(a.get(3)).isEqualTo("网格排查");
        assertThat(a.get(4)).isEqualTo("福寿社区");
        assertThat(a.get(7)).isEqualTo(LocalDateTime.parse("2026-10-05T10:00"));
        assertThat(a.get(8)).isEqualTo("福寿社区网格员1（c03-grid1）");
        assertThat(a.get(9)).isEqualTo("高");
        assertThat(a.get(10)).isEqualTo("化解中");
        assertThat(a.get(11)).isEqualTo("福寿社区");
        assertThat(a.get(13)).isEqualTo("福寿社区工作人员（c03-staff）");
        assertThat(a.get(15)).isEqualTo("是");
        assertThat(a.get(16)).isEqualTo("张三丰");
        assertThat(a.get(17)).isEqualTo("13912345678");
        assertThat(rowOf(rows, "B").get(11)).isEqualTo("城市管理办公室");
        assertThat(rowOf(rows, "B").get(15)).isEqualTo("否");
        assertThat(rowOf(rows, "E").get(9)).isNull();
        assertThat(jdbc.sql("select detail from access_audit where user_id = 'center1' and action = 'EXPORT_LEDGER' order by id desc limit 1")
                .query(String.class).single()).contains("q=" + TOKEN).contains("rows=5");
    }

    @Test
    void theExportHasTheListsFiltersVisibilityAndMasking() throws IOException {
        assertThat(export("center1", "&status=RESOLVING").subList(1, 3).stream().map(r -> r.get(0)).toList())
                .containsExactly(NUMBERS.get("C"), NUMBERS.get("A"));
        List<List<Object>> staff = export("c03-staff", "");
        assertThat(staff.stream().skip(1).map(r -> r.get(0)).toList()).containsExactly(NUMBERS.get("B"), NUMBERS.get("A"));
        assertThat(rowOf(staff, "A").get(16)).isEqualTo("张三丰");
        List<List<Object>> leader = export("leader1", "&sort=number,asc");
        assertThat(leader).hasSize(6);
        assertThat(rowOf(leader, "A").get(16)).isEqualTo("张**");
        assertThat(rowOf(leader, "A").get(17)).isEqualTo("139****5678");
        assertThat(rowOf(leader, "B").get(17)).isEqualTo("*******6666");
        List<List<Object>> district = export("district1", "&sort=number,asc");
        assertThat(district).hasSize(6);
        assertThat(rowOf(district, "A").get(16)).as("the district sees parties masked").isEqualTo("张**");
    }

    @Test
    void theExportRefusesBadParametersBeforeWritingAnything() {
        Http.Response paged = new Http(port).as("center1").get("/api/risk-items/export?page=1");
        assertThat(paged.status()).isEqualTo(400);
        assertThat(paged.header("Content-Type")).startsWith("application/problem+json");
        assertThat(paged.json().path("errors").get(0).path("field").asText()).isEqualTo("page");
        Http.Response status = new Http(port).as("center1").get("/api/risk-items/export?status=NOPE");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.json().path("errors").get(0).path("field").asText()).isEqualTo("status");
    }
}
