package casegrid.ledgerimport;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import casegrid.support.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A street's existing ledger (底数台账) of 200 items in mixed states over four communities, generated
 * here with POI: first with broken rows (the dry run lists each by row and column, the real run writes
 * nothing), then fixed and imported over HTTP; every open item waits at its step with its process, the
 * street's counter moved past the numbers, a second run creates nothing; then a few imported items are
 * driven on to 销号 through the normal tasks, and one past its resolve-by is chased.
 *
 * <p>The ledger lives in 2027 on the engine clock, after every date the other test classes use, so its
 * items neither crowd their deadline lists nor take their numbers.
 */
@CasegridTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerImportHttpTest {

    static final String IMPORT_AT = "2027-03-01T10:00:00+08:00";
    static final String[] COMMUNITIES = {"C10", "C13", "C14", "C15"};
    static final int ITEMS = 200;

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    int base;
    String prefix;
    Map<String, String> communityNames = new LinkedHashMap<>();
    Map<String, String> departmentNames = new LinkedHashMap<>();
    List<Map<LedgerColumn, Object>> ledger;
    String takenNumber;

    @BeforeAll
    void ledger() {
        Scenario.clockAt(IMPORT_AT);
        prefix = jdbc.sql("select s.number_prefix from street s join community c on c.street_code = s.code where c.code = 'C14'")
                .query(String.class).single();
        // Far past this street's 2027 counter: the gap shows the counter is lifted, not merely counted on.
        base = jdbc.sql("select coalesce(max(last_value), 0) from item_number_counter where year = 2027")
                .query(Integer.class).single() + 1000;
        jdbc.sql("select code, name from community").query((rs, n) -> communityNames.put(rs.getString(1), rs.getString(2))).list();
        jdbc.sql("select code, name from department order by code")
                .query((rs, n) -> departmentNames.put(rs.getString(1), rs.getString(2))).list();
        takenNumber = new Scenario(engine, intake, jdbc).intake("c13-grid1", Scenario.neighbourDispute("C13")).number;
        ledger = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            ledger.add(row(i));
        }
    }

    @BeforeEach
    void clock() {
        Scenario.clockAt(IMPORT_AT);
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    /** The ledger's statuses, in blocks: 10 registered, 20 grading, ..., 40 closed (200 in all). */
    static String status(int i) {
        if (i < 10) return "已登记";
        if (i < 30) return "GRADING";
        if (i < 40) return "立即整改中";
        if (i < 60) return "制定方案";
        if (i < 120) return "化解中";
        if (i < 125) return "吹哨报到";
        if (i < 130) return "街道联席会议";
        if (i < 160) return "待销号审核";
        return "已销号";
    }

    String number(int i) {
        return "%s-2027-%06d".formatted(prefix, base + i);
    }

    Map<LedgerColumn, Object> row(int i) {
        String community = COMMUNITIES[i % COMMUNITIES.length];
        String status = status(i);
        boolean graded = i >= 30;
        LocalDateTime reported = LocalDateTime.of(2027, 1, 5, 9, 30).plusDays(i % 40);
        Map<LedgerColumn, Object> row = new LinkedHashMap<>();
        row.put(LedgerColumn.NUMBER, number(i));
        row.put(LedgerColumn.TITLE, "台账事项" + i + " 邻里纠纷");
        row.put(LedgerColumn.CATEGORY, List.of("矛盾纠纷", "DISPUTE", "治安隐患", "PUBLIC_SAFETY").get(i % 4));
        row.put(LedgerColumn.SOURCE, i % 3 == 0 ? "网格排查" : "HOTLINE_12345");
        row.put(LedgerColumn.COMMUNITY, i % 2 == 0 ? community : communityNames.get(community));
        row.put(LedgerColumn.GRID, i % 3 == 0 ? community + "-G2" : communityNames.get(community) + "第一网格");
        row.put(LedgerColumn.ADDRESS, communityNames.get(community) + "台账路" + i + "号");
        if (graded) {
            row.put(LedgerColumn.LEVEL, i % 20 == 0 ? "高" : i % 2 == 0 ? "MEDIUM" : "低");
        }
        row.put(LedgerColumn.STATUS, status);
        if (i >= 60 && i < 160) {
            row.put(LedgerColumn.UNIT, i % 5 == 0 ? departmentNames.values().iterator().next()
                    : i % 2 == 0 ? "community-" + community : communityNames.get(community));
        }
        if (i >= 60 && i < 130 && i % 4 == 1) {
            row.put(LedgerColumn.RESOLVER, community.toLowerCase() + "-staff");
        }
        // Typed as a date-time cell in every third row, as text elsewhere.
        row.put(LedgerColumn.REPORTED_AT, i % 3 == 1 ? reported : reported.toString().replace('T', ' '));
        if (i >= 60 && i < 130) {
            row.put(LedgerColumn.RESOLVE_BY, i == 61 || i == 62 ? "2027-02-25" : "2027/05/31");
        }
        row.put(LedgerColumn.PARTIES, "张" + i + "/1380000" + "%04d".formatted(i) + "/当事人；李" + i + "//对方");
        row.put(LedgerColumn.NOTES, reported.toLocalDate().plusDays(2) + " 已约谈双方\n"
                + reported.toLocalDate().plusDays(5) + " 组织调解一次");
        if (i >= 145 && i < 160) {
            row.put(LedgerColumn.CLOSURE_OUTCOME, "合理诉求已解决");
            row.put(LedgerColumn.CLOSURE_EVIDENCE, "调解协议书");
        }
        if (i >= 160) {
            row.put(LedgerColumn.CLOSURE_OUTCOME, "CLAIM_EXPLAINED");
            row.put(LedgerColumn.CLOSED_AT, reported.toLocalDate().plusDays(10).toString());
        }
        return row;
    }

    static byte[] xlsx(List<Map<LedgerColumn, Object>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("台账");
            CellStyle dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            LedgerColumn[] columns = LedgerColumn.values();
            Row header = sheet.createRow(0);
            for (int c = 0; c < columns.length; c++) {
                header.createCell(c).setCellValue(columns[c].header);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row line = sheet.createRow(r + 1);
                for (int c = 0; c < columns.length; c++) {
                    Object value = rows.get(r).get(columns[c]);
                    if (value instanceof LocalDateTime at) {
                        var cell = line.createCell(c);
                        cell.setCellValue(at);
                        cell.setCellStyle(dateTime);
                    } else if (value != null) {
                        line.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Http admin() {
        return new Http(port).as("admin");
    }

    Http.Response upload(Http http, boolean dryRun, byte[] file) {
        return http.postMultipart("/api/admin/ledger-import?dryRun=" + dryRun, Map.of(), Map.of("file", file));
    }

    List<Map<LedgerColumn, Object>> copy(List<Map<LedgerColumn, Object>> rows) {
        return new ArrayList<>(rows.stream().map(r -> (Map<LedgerColumn, Object>) new LinkedHashMap<>(r)).toList());
    }

    List<String> numbers() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            numbers.add(number(i));
        }
        return numbers;
    }

    int counter() {
        return jdbc.sql("select coalesce(max(c.last_value), 0) from item_number_counter c join street s on s.code = c.street_code"
                + " where s.number_prefix = ? and c.year = 2027").param(prefix).query(Integer.class).single();
    }

    long importedItems() {
        return jdbc.sql("select count(*) from risk_item where number in (:n)").param("n", numbers()).query(Long.class).single();
    }

    @Test
    @Order(1)
    void aLedgerWithBrokenRowsIsListedRowByRowInTheDryRunAndTheRealRunWritesNothing() {
        List<Map<LedgerColumn, Object>> broken = copy(ledger);
        Map<Integer, String> expected = new TreeMap<>();  // sheet row -> the column its problem names
        Consumer<Object[]> breakRow = spec -> {
            int i = (Integer) spec[0];
            @SuppressWarnings("unchecked") Consumer<Map<LedgerColumn, Object>> change = (Consumer<Map<LedgerColumn, Object>>) spec[1];
            change.accept(broken.get(i));
            expected.put(i + 2, (String) spec[2]);
        };
        breakRow.accept(new Object[] {0, (Consumer<Map<LedgerColumn, Object>>) r -> r.put(LedgerColumn.COMMUNITY, "幸福社区"), "社区"});
        breakRow.accept(new Object[] {5, (Consumer<Map<LedgerColumn, Object>>) r -> r.put(LedgerColumn.GRID, "C01-G1"), "网格"});
        breakRow.accept(new Object[] {12, (Consumer<Map<LedgerColumn, Object>>) r -> r.put(LedgerColumn.REPORTED_AT, "2027-13-45"), "上报时间"});
        breakRow.accept(new Object[] {70, (Consumer<Map<LedgerColumn, Object>>) r -> r.put(LedgerColumn.NUMBER, takenNumber), "事项编号"});
        breakRow.accept(new Object[] {71, (Consumer<Map<LedgerColumn, Object>>) r -> r.remove(LedgerColumn.LEVEL), "风险等级"});
        breakRow.accept(new Object[] {73, (Consumer<Map<LedgerColumn, Object>>) r -> r.remove(LedgerColumn.UNIT), "责任单位"});
        breakRow.accept(new Object[] {20, (Consumer<Map<LedgerColumn, Object>>) r -> r.put(LedgerColumn.LEVEL, "高"), "风险等级"});
        breakRow.accept(new Object[] {170, (Consumer<Map<LedgerColumn, Object>>) r -> r.remove(LedgerColumn.CLOSED_AT), "销号时间"});
        breakRow.accept(new Object[] {171, (Consumer<Map<LedgerColumn, Object>>) r -> r.put(LedgerColumn.NOTES, "已约谈双方"), "进展情况"});
        breakRow.accept(new Object[] {172, (Consumer<Map<LedgerColumn, Object>>) r -> r.put(LedgerColumn.NUMBER, number(3)), "事项编号"});
        byte[] file = xlsx(broken);
        int counterBefore = counter();
        long importsBefore = jdbc.sql("select count(*) from ledger_import").query(Long.class).single();

        Http.Response dry = upload(admin(), true, file);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        JsonNode report = dry.json();
        assertThat(report.path("rows").asInt()).isEqualTo(ITEMS);
        assertThat(report.path("errors").asInt()).isEqualTo(expected.size());
        assertThat(report.path("created").asInt()).isEqualTo(ITEMS - expected.size());
        Map<Integer, List<String>> columnsByRow = new TreeMap<>();
        for (JsonNode line : report.path("lines")) {
            if ("ERROR".equals(line.path("action").asText())) {
                line.path("problems").forEach(p -> columnsByRow.computeIfAbsent(line.path("row").asInt(), r -> new ArrayList<>())
                        .add(p.path("column").asText() + "：" + p.path("message").asText()));
            }
        }
        assertThat(columnsByRow.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((row, column) -> assertThat(columnsByRow.get(row)).as("row %d", row)
                .anyMatch(text -> text.startsWith(column)));
        assertThat(columnsByRow.get(2)).anyMatch(t -> t.contains("未知社区「幸福社区」"));
        assertThat(columnsByRow.get(7)).anyMatch(t -> t.contains("不属于"));
        assertThat(columnsByRow.get(72)).anyMatch(t -> t.contains("已被系统中的另一事项使用"));
        assertThat(columnsByRow.get(73)).anyMatch(t -> t.contains("必须填写风险等级"));
        assertThat(columnsByRow.get(75)).anyMatch(t -> t.contains("必须填写责任单位"));
        assertThat(columnsByRow.get(174)).anyMatch(t -> t.contains("与第 5 行重复"));

        Http.Response real = upload(admin(), false, file);
        assertThat(real.status()).as(real.body()).isEqualTo(422);
        assertThat(real.header("Content-Type")).startsWith("application/problem+json");
        assertThat(real.json().path("errors")).hasSizeGreaterThanOrEqualTo(expected.size());
        assertThat(real.json().path("errors").get(0).path("field").asText()).isEqualTo("第 2 行 社区（G 列）");
        assertThat(importedItems()).isZero();
        assertThat(counter()).isEqualTo(counterBefore);
        assertThat(jdbc.sql("select count(*) from ledger_import").query(Long.class).single()).isEqualTo(importsBefore);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(number(1)).count()).isZero();
    }

    @Test
    @Order(2)
    void theFixedLedgerImportsEveryItemWithItsNumberAtItsStep() {
        byte[] file = xlsx(ledger);
        JsonNode dry = upload(admin(), true, file).json();
        assertThat(dry.path("errors").asInt()).as(dry.toString()).isZero();
        assertThat(dry.path("created").asInt()).isEqualTo(ITEMS);
        assertThat(importedItems()).as("a dry run writes nothing").isZero();

        long started = System.nanoTime();
        Http.Response real = upload(admin(), false, file);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("ledger import: %d items in %d ms%n", ITEMS, millis);
        assertThat(real.status()).as(real.body()).isEqualTo(200);
        assertThat(real.json().path("imported").asBoolean()).isTrue();
        assertThat(real.json().path("created").asInt()).isEqualTo(ITEMS);

        Map<String, Long> byStatus = new TreeMap<>();
        jdbc.sql("select status, count(*) from risk_item where number in (:n) group by status").param("n", numbers())
                .query((rs, n) -> byStatus.put(rs.getString(1), rs.getLong(2))).list();
        // Registered items are at grading at once; whistle and meeting items resume at resolution.
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of("GRADING", 30L, "RECTIFYING", 10L,
                "PLANNING", 20L, "RESOLVING", 70L, "CLOSURE_PENDING", 30L, "CLOSED", 40L));

        Map<String, Long> tasks = new TreeMap<>();
        for (String number : numbers()) {
            for (Task task : engine.getTaskService().createTaskQuery().processInstanceBusinessKey(number).list()) {
                tasks.merge(task.getTaskDefinitionKey(), 1L, Long::sum);
            }
        }
        assertThat(tasks).containsExactlyInAnyOrderEntriesOf(Map.of("Task_Grade", 30L, "Task_RectifyNow", 10L,
                "Task_Plan", 20L, "Task_Resolve", 70L, "Task_RequestClosure", 15L, "Task_ApproveClosure", 15L));

        // No open item without its process, no closed item with one, no process without its item.
        List<Map<String, Object>> rows = jdbc.sql("select number, status, process_instance_id from risk_item where number in (:n)")
                .param("n", numbers()).query().listOfRows();
        for (Map<String, Object> row : rows) {
            String number = (String) row.get("number");
            List<ProcessInstance> instances = engine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceBusinessKey(number).list();
            if ("CLOSED".equals(row.get("status"))) {
                assertThat(row.get("process_instance_id")).as(number).isNull();
                assertThat(instances).as(number).isEmpty();
            } else {
                assertThat(instances).as(number).hasSize(1);
                assertThat(instances.get(0).getId()).isEqualTo(row.get("process_instance_id"));
            }
        }

        // The timeline: one IMPORTED row by the administrator naming the file's row; the ledger's notes at their dates.
        String item = number(100);
        List<Map<String, Object>> events = jdbc.sql("select at, actor, kind, summary from risk_item_event where number = ? order by at, id")
                .param(item).query().listOfRows();
        assertThat(events).extracting(e -> e.get("kind")).containsExactly("IMPORTED_NOTE", "IMPORTED_NOTE", "IMPORTED");
        assertThat(events.get(2).get("actor")).isEqualTo("admin");
        assertThat((String) events.get(2).get("summary")).contains("第 102 行").contains("化解中").contains("化解处置");
        assertThat(((java.sql.Timestamp) events.get(0).get("at")).toInstant())
                .isEqualTo(ZonedDateTime.parse("2027-01-27T00:00:00+08:00").toInstant());
        assertThat(jdbc.sql("select count(*) from risk_item_event where number in (:n) and kind = 'IMPORTED'")
                .param("n", numbers()).query(Long.class).single()).isEqualTo(ITEMS);
        assertThat(jdbc.sql("select summary from risk_item_event where number = ? and kind = 'IMPORTED'").param(number(121))
                .query(String.class).single()).contains("吹哨报到").contains("重新吹哨");

        // Original dates, parties and the resolve-by timer on the ledger's date (end of that day).
        Map<String, Object> stored = jdbc.sql("select * from risk_item where number = ?").param(item).query().singleRow();
        assertThat(((java.sql.Timestamp) stored.get("reported_at")).toInstant())
                .isEqualTo(ZonedDateTime.parse("2027-01-25T09:30:00+08:00").toInstant());
        assertThat(stored.get("reported_by")).isEqualTo("admin");
        assertThat(jdbc.sql("select count(*) from risk_item_party where number = ?").param(item).query(Long.class).single()).isEqualTo(2);
        Job timer = engine.getManagementService().createJobQuery().processInstanceId((String) stored.get("process_instance_id"))
                .activityId("Timer_ResolveByPassed").singleResult();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(ZonedDateTime.parse("2027-06-01T00:00:00+08:00").toInstant()));

        // The street's counter is past every imported number: the next intake follows the highest one.
        assertThat(counter()).isEqualTo(base + ITEMS - 1);
        String next = new Scenario(engine, intake, jdbc).intake("c14-grid1", Scenario.neighbourDispute("C14")).number;
        assertThat(next).isEqualTo(number(ITEMS));

        // Through the API as any reader sees it: status, level and the imported history.
        JsonNode view = new Http(port).as("center1").get("/api/risk-items/" + item).json();
        assertThat(view.path("status").asText()).isEqualTo("RESOLVING");
        assertThat(view.path("overdue").asBoolean()).isFalse();
        assertThat(view.path("timeline").findValuesAsText("kind")).contains("IMPORTED", "IMPORTED_NOTE");
    }

    @Test
    @Order(3)
    void runningTheSameFileAgainCreatesNothingAndAChangedRowIsAConflictNotAnOverwrite() {
        Http.Response again = upload(admin(), false, xlsx(ledger));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("created").asInt()).isZero();
        assertThat(again.json().path("skipped").asInt()).isEqualTo(ITEMS);
        assertThat(importedItems()).isEqualTo(ITEMS);
        assertThat(jdbc.sql("select count(*) from risk_item_event where number in (:n) and kind = 'IMPORTED'")
                .param("n", numbers()).query(Long.class).single()).isEqualTo(ITEMS);

        List<Map<LedgerColumn, Object>> changed = copy(ledger);
        changed.get(80).put(LedgerColumn.TITLE, "改过的标题");
        JsonNode dry = upload(admin(), true, xlsx(changed)).json();
        assertThat(dry.path("errors").asInt()).isEqualTo(1);
        assertThat(dry.path("skipped").asInt()).isEqualTo(ITEMS - 1);
        JsonNode line = dry.path("lines").get(80);
        assertThat(line.path("action").asText()).isEqualTo("ERROR");
        assertThat(line.path("problems").get(0).path("message").asText()).contains("已经导入过").contains("不覆盖");
        assertThat(upload(admin(), false, xlsx(changed)).status()).isEqualTo(422);
        assertThat(jdbc.sql("select title from risk_item where number = ?").param(number(80)).query(String.class).single())
                .isEqualTo("台账事项80 邻里纠纷");
    }

    @Test
    @Order(4)
    void importedItemsAreDrivenOnToClosureThroughTheirNormalTasks() {
        // At 化解处置 (LOW, community C13 responsible, its staff the resolver): resolved, closure requested,
        // approved by the community's leader.
        Scenario resolving = imported(number(101));
        assertThat(resolving.item().get("risk_level")).isEqualTo("LOW");
        assertThat(resolving.task("Task_Resolve").getAssignee()).isEqualTo("c13-staff");
        resolving.complete("Task_Resolve", "c13-staff", "resolutionOutcome", "RESOLVED", "progressNote", "双方达成协议")
                .complete("Task_RequestClosure", "c13-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "调解协议书", "noEvidenceReason", "纸质材料在社区存档")
                .complete("Task_ApproveClosure", "c13-leader", "approved", true, "approvalNote", "");
        assertClosed(resolving);

        // Waiting for the write-off approval (the ledger had the outcome): one approval closes it.
        Scenario pending = imported(number(150));
        pending.complete("Task_ApproveClosure", "c14-leader", "approved", true, "approvalNote", "");
        assertThat(pending.status()).isEqualTo("CLOSED");
        assertThat(pending.eventKinds()).containsSubsequence("IMPORTED", "CLOSED");
        assertThat(pending.task("Task_FollowUpVisit")).isNotNull();
        assertThat(pending.item().get("closure_outcome")).isEqualTo("CLAIM_RESOLVED");

        // A HIGH item with a department responsible: the department resolves, the street leaders close it.
        Scenario high = imported(number(80));
        assertThat(high.item().get("risk_level")).isEqualTo("HIGH");
        String department = departmentNames.keySet().iterator().next();
        String departmentUser = department.substring("dept-".length()) + "1";
        assertThat(engine.getTaskService().getIdentityLinksForTask(high.task("Task_Resolve").getId()))
                .anyMatch(l -> department.equals(l.getGroupId()));
        high.complete("Task_Resolve", departmentUser, "resolutionOutcome", "RESOLVED", "progressNote", "已化解")
                .complete("Task_RequestClosure", departmentUser, "closureOutcome", "RECTIFIED", "closureEvidence", "整改照片", "noEvidenceReason", "照片在部门存档")
                .complete("Task_ApproveClosure", "leader1", "approved", true, "approvalNote", "");
        assertClosed(high);

        // A planning item goes through 一事一策 into resolution with the deadlines the plan sets.
        Scenario planning = imported(number(41));
        planning.complete("Task_Plan", "c13-staff", "responsibleUnit", "community-C13", "responsibleLeader", "c13-leader",
                "investigator", "c13-grid1", "resolver", "c13-staff", "stabiliser", "c13-grid2", "dispatcher", "center1",
                "measures", "组织调解", "resolveBy", "2027-04-30");
        assertThat(planning.task("Task_Resolve").getAssignee()).isEqualTo("c13-staff");
        assertThat(planning.status()).isEqualTo("RESOLVING");
    }

    byte[] titledLedger() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("台账");
            sheet.createRow(0).createCell(0).setCellValue("福林社区风险隐患底数台账（2027年3月）");
            String[] headers = {"序号", "事项编号", "标题", "类别", "社区", "网格", "地址", "风险等级", "状态", "责任单位", "上报时间", "办结期限"};
            Row header = sheet.createRow(1);
            for (int c = 0; c < headers.length; c++) {
                header.createCell(c).setCellValue(headers[c]);
            }
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            Row row = sheet.createRow(2);
            String[] values = {"1", number(ITEMS + 500), "楼道堆物", "矛盾纠纷", "福林社区", "第二网格", "福林路1号", "低", "化解中", "C15"};
            for (int c = 0; c < values.length; c++) {
                row.createCell(c).setCellValue(values[c]);
            }
            row.createCell(10).setCellValue(LocalDateTime.of(2027, 2, 1, 0, 0));
            row.getCell(10).setCellStyle(date);
            row.createCell(11).setCellValue(LocalDateTime.of(2027, 5, 31, 0, 0));
            row.getCell(11).setCellStyle(date);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Scenario imported(String number) {
        Scenario item = new Scenario(engine, intake, jdbc);
        item.number = number;
        item.processInstanceId = (String) item.item().get("process_instance_id");
        return item;
    }

    void assertClosed(Scenario item) {
        assertThat(item.status()).isEqualTo("CLOSED");
        assertThat(item.eventKinds()).contains("IMPORTED", "CLOSURE_REQUESTED", "CLOSED");
        assertThat(item.task("Task_FollowUpVisit")).isNotNull();
    }

    @Test
    @Order(5)
    void anImportedItemPastItsResolveByIsOverdueAtOnceAndChasedWhenTheClockMoves() {
        Scenario late = imported(number(62));
        JsonNode view = new Http(port).as("center1").get("/api/risk-items/" + late.number).json();
        assertThat(view.path("overdue").asBoolean()).as(view.toString()).isTrue();
        assertThat(late.supervisions()).isEmpty();

        Job timer = late.timer("Timer_ResolveByPassed");
        assertThat(timer.getDuedate()).isEqualTo(Date.from(ZonedDateTime.parse("2027-02-26T00:00:00+08:00").toInstant()));
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.parse(IMPORT_AT).plusMinutes(5).toInstant()));
        engine.getManagementService().executeJob(timer.getId());
        assertThat(late.supervisions()).hasSize(1);
        assertThat(late.eventKinds()).contains("DEADLINE_MISSED");
        assertThat(late.item().get("miss_count")).isEqualTo(1);
    }

    @Test
    @Order(6)
    void badFilesAreProblemsNamingTheFileAndOnlyAdministratorsMayImport() {
        Http.Response notXlsx = upload(admin(), true, "事项编号,标题\nQF-2027-000001,x".getBytes());
        assertThat(notXlsx.status()).isEqualTo(415);
        assertThat(notXlsx.header("Content-Type")).startsWith("application/problem+json");
        assertThat(notXlsx.json().path("detail").asText()).contains("「file」").contains(".xlsx");

        byte[] big = new byte[6 * 1024 * 1024];
        Http.Response tooBig = upload(admin(), true, big);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().path("detail").asText()).contains("「file」").contains("超过上限");

        for (String user : List.of("center1", "c14-staff", "leader1")) {
            assertThat(upload(new Http(port).as(user), true, xlsx(ledger)).status()).as(user).isEqualTo(403);
        }
        assertThat(upload(new Http(port), true, xlsx(ledger)).status()).isEqualTo(401);
        assertThat(new Http(port).as("center1").get("/admin/import").status()).isEqualTo(403);
        assertThat(new Http(port).as("center1").get("/api/admin/session-token").status()).isEqualTo(403);
        assertThat(new Http(port).as("center1").download("/api/admin/ledger-import/template").statusCode()).isEqualTo(403);

        var template = admin().download("/api/admin/ledger-import/template");
        assertThat(template.statusCode()).isEqualTo(200);
        JsonNode emptyTemplate = upload(admin(), true, template.body()).json();
        // The template's example row is a real row: checked like any other (its number is in the demo street's format).
        assertThat(emptyTemplate.path("rows").asInt()).isEqualTo(1);

        // A ledger as streets keep it: a title row above the header, a 序号 column, dates typed as Excel dates.
        JsonNode asKept = upload(admin(), true, titledLedger()).json();
        assertThat(asKept.path("errors").asInt()).as(asKept.toString()).isZero();
        assertThat(asKept.path("ignoredColumns").get(0).asText()).isEqualTo("序号（A 列）");
        assertThat(asKept.path("lines").get(0).path("row").asInt()).isEqualTo(3);
        assertThat(asKept.path("lines").get(0).path("taskKey").asText()).isEqualTo("Task_Resolve");

        assertThat(jdbc.sql("select count(*) from access_audit where user_id = 'admin' and action like 'LEDGER_IMPORT%'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(8);
    }
}
