package casegrid.ledger;

import casegrid.item.Codes;
import casegrid.item.RiskItemStore;
import casegrid.item.RiskItemStore.Party;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The online ledger (在线台账): a page of items, or all of them as .xlsx, under the caller's
 * visibility and with parties masked for callers who do not need them (see ItemVisibility).
 * Visibility, filters and order are one SQL statement; the export streams rows from a cursor into
 * a streaming workbook, so memory stays flat however large the ledger is.
 */
@Service
public class LedgerService {

    public record Page(int page, int size, long total, List<Map<String, Object>> items) {
    }

    private static final String COLUMNS = """
            r.number, r.title, r.category, r.source, r.community, r.grid, r.address, r.status, r.risk_level,
            r.reported_at, r.reported_by, r.responsible_unit, r.responsible_leader, r.resolver, r.resolve_by,
            r.overdue, r.closed_at, r.closure_outcome, r.updated_at""";

    /** Party names and phones of an item in one column each, joined by the unit separator (never typed by people). */
    private static final String PARTIES = """
            (select string_agg(p.name, chr(31) order by p.id) from risk_item_party p where p.number = r.number) party_names,
            (select string_agg(coalesce(p.phone, ''), chr(31) order by p.id) from risk_item_party p where p.number = r.number) party_phones""";

    static final String[] HEADERS = {"编号", "标题", "类别", "来源渠道", "社区", "网格", "地址", "上报时间", "上报人",
            "风险等级", "状态", "责任单位", "包案领导", "化解责任人", "化解期限", "是否超期", "当事人", "联系电话", "销号时间",
            "销号结果"};
    private static final int[] WIDTHS = {18, 30, 14, 12, 12, 10, 30, 17, 22, 8, 12, 18, 22, 22, 17, 8, 20, 28, 17, 18};

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final ItemVisibility visibility;
    private final LedgerLabels labels;

    public LedgerService(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
                         ItemVisibility visibility, LedgerLabels labels) {
        this.jdbc = jdbc;
        // PostgreSQL streams a result only inside a transaction and with a fetch size; otherwise it
        // reads all rows into memory first.
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(1000);
        this.streaming = new NamedParameterJdbcTemplate(cursor);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.visibility = visibility;
        this.labels = labels;
    }

    public Page page(String userId, List<String> groups, LedgerQuery query) {
        ItemVisibility.Scope scope = visibility.scope(userId, groups);
        return readOnly.execute(status -> {
            customPlans();
            return page(query, scope);
        });
    }

    /**
     * The same ledger query comes again and again with other values; after five runs PostgreSQL may
     * switch a prepared statement to a generic plan, which cannot know that a two-character title
     * search has no trigram or how selective a community is, and scans everything (measured in
     * bench/README.md). Within the ledger's own read-only transaction every query is planned with its values.
     */
    private void customPlans() {
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
    }

    private Page page(LedgerQuery query, ItemVisibility.Scope scope) {
        Map<String, Object> params = query.paramsWith(scope);
        long total = jdbc.sql(countSql(query, scope)).params(params).query(Long.class).single();
        List<Map<String, Object>> rows = jdbc.sql(pageSql(query, scope)).params(params)
                .param("page_size", query.size()).param("page_offset", (long) query.page() * query.size())
                .query().listOfRows();
        Map<String, List<Party>> parties = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            jdbc.sql("select number, name, phone, role from risk_item_party where number in (:numbers) order by id")
                    .param("numbers", rows.stream().map(r -> r.get("number")).toList())
                    .query((RowCallbackHandler) rs -> parties.computeIfAbsent(rs.getString("number"), n -> new ArrayList<>())
                            .add(new Party(rs.getString("name"), rs.getString("phone"), rs.getString("role"))));
        }
        LedgerLabels.Names names = labels.names();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            boolean unmasked = Boolean.TRUE.equals(row.get("unmasked"));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("number", row.get("number"));
            item.put("title", row.get("title"));
            item.put("category", row.get("category"));
            item.put("categoryName", Codes.CATEGORIES.get((String) row.get("category")));
            item.put("source", row.get("source"));
            item.put("community", row.get("community"));
            item.put("communityName", names.community((String) row.get("community")));
            item.put("grid", row.get("grid"));
            item.put("address", row.get("address"));
            item.put("status", row.get("status"));
            item.put("statusName", LedgerLabels.Names.status((String) row.get("status")));
            item.put("riskLevel", row.get("risk_level"));
            item.put("reportedAt", offset(row.get("reported_at")));
            item.put("reportedBy", row.get("reported_by"));
            item.put("responsibleUnit", row.get("responsible_unit"));
            item.put("responsibleUnitName", names.unit((String) row.get("responsible_unit")));
            item.put("responsibleLeader", row.get("responsible_leader"));
            item.put("resolver", row.get("resolver"));
            item.put("resolveBy", offset(row.get("resolve_by")));
            item.put("overdue", row.get("overdue"));
            item.put("closedAt", offset(row.get("closed_at")));
            item.put("updatedAt", offset(row.get("updated_at")));
            item.put("parties", parties.getOrDefault((String) row.get("number"), List.of()).stream()
                    .map(p -> Masking.party(p, unmasked)).toList());
            item.put("personalDataMasked", !unmasked);
            items.add(item);
        }
        return new Page(query.page(), query.size(), total, items);
    }

    /** The total of a ledger query (public for the benchmark's EXPLAIN). */
    public static String countSql(LedgerQuery query, ItemVisibility.Scope scope) {
        return "select count(*) from risk_item r where " + query.whereWith(scope);
    }

    /** One page of a ledger query; parameters {@code page_size} and {@code page_offset} besides the query's. */
    public static String pageSql(LedgerQuery query, ItemVisibility.Scope scope) {
        return "select " + COLUMNS + ", (" + scope.unmasked() + ") as unmasked from risk_item r where "
                + query.whereWith(scope) + " order by " + query.orderBy() + " limit :page_size offset :page_offset";
    }

    /** Writes every matching item as .xlsx to {@code out}; returns the number of item rows written. */
    public int export(String userId, List<String> groups, LedgerQuery query, OutputStream out) {
        ItemVisibility.Scope scope = visibility.scope(userId, groups);
        LedgerLabels.Names names = labels.names();
        // Keeps 100 rows in memory; the rest go to a temporary file until the workbook is written.
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        try {
            SXSSFSheet sheet = workbook.createSheet("在线台账");
            CellStyle headerStyle = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            headerStyle.setFont(bold);
            CellStyle timeStyle = workbook.createCellStyle();
            timeStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADERS.length; i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(HEADERS[i]);
                cell.setCellStyle(headerStyle);
                sheet.setColumnWidth(i, WIDTHS[i] * 256);
            }
            sheet.createFreezePane(0, 1);
            int maxRows = SpreadsheetVersion.EXCEL2007.getMaxRows() - 2;
            int[] written = {0};
            readOnly.executeWithoutResult(status -> {
                customPlans();
                String sql = "select " + COLUMNS + ", (" + scope.unmasked() + ") as unmasked, " + PARTIES
                        + " from risk_item r where " + query.whereWith(scope) + " order by " + query.orderBy();
                streaming.query(sql, query.paramsWith(scope), (RowCallbackHandler) rs -> {
                    if (written[0] == maxRows) {
                        sheet.createRow(written[0] + 1).createCell(0).setCellValue("已达 Excel 行数上限，其余事项未导出，请缩小筛选范围。");
                        written[0]++;
                    } else if (written[0] < maxRows) {
                        writeRow(sheet.createRow(++written[0]), rs, names, timeStyle);
                    }
                });
            });
            workbook.write(out);
            return Math.min(written[0], maxRows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException ignored) {
                // the temporary files are gone already (dispose); nothing else to release
            }
        }
    }

    private static void writeRow(Row row, ResultSet rs, LedgerLabels.Names names, CellStyle timeStyle) throws SQLException {
        boolean unmasked = rs.getBoolean("unmasked");
        List<String> partyNames = split(rs.getString("party_names"));
        List<String> phones = split(rs.getString("party_phones"));
        List<String> shownNames = new ArrayList<>();
        List<String> shownPhones = new ArrayList<>();
        for (int i = 0; i < partyNames.size(); i++) {
            shownNames.add(unmasked ? partyNames.get(i) : Masking.name(partyNames.get(i)));
            String phone = i < phones.size() ? phones.get(i) : "";
            if (!phone.isEmpty()) {
                shownPhones.add(unmasked ? phone : Masking.phone(phone));
            }
        }
        int c = 0;
        text(row, c++, rs.getString("number"));
        text(row, c++, rs.getString("title"));
        text(row, c++, Codes.CATEGORIES.getOrDefault(rs.getString("category"), rs.getString("category")));
        text(row, c++, Codes.SOURCES.getOrDefault(rs.getString("source"), rs.getString("source")));
        text(row, c++, names.community(rs.getString("community")));
        text(row, c++, rs.getString("grid"));
        text(row, c++, rs.getString("address"));
        time(row, c++, rs.getTimestamp("reported_at"), timeStyle);
        text(row, c++, names.person(rs.getString("reported_by")));
        text(row, c++, LedgerLabels.Names.level(rs.getString("risk_level")));
        text(row, c++, LedgerLabels.Names.status(rs.getString("status")));
        text(row, c++, names.unit(rs.getString("responsible_unit")));
        text(row, c++, names.person(rs.getString("responsible_leader")));
        text(row, c++, names.person(rs.getString("resolver")));
        time(row, c++, rs.getTimestamp("resolve_by"), timeStyle);
        text(row, c++, rs.getBoolean("overdue") ? "是" : "否");
        text(row, c++, String.join("、", shownNames));
        text(row, c++, String.join("、", shownPhones));
        time(row, c++, rs.getTimestamp("closed_at"), timeStyle);
        String outcome = rs.getString("closure_outcome");
        text(row, c, outcome == null ? null : Codes.CLOSURE_OUTCOMES.getOrDefault(outcome, outcome));
    }

    private static void text(Row row, int column, String value) {
        if (value != null && !value.isEmpty()) {
            row.createCell(column).setCellValue(value);
        }
    }

    private static void time(Row row, int column, Timestamp value, CellStyle style) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(LocalDateTime.ofInstant(value.toInstant(), RiskItemStore.OFFICE_ZONE));
            cell.setCellStyle(style);
        }
    }

    private static List<String> split(String joined) {
        return joined == null ? List.of() : List.of(joined.split("\u001f", -1));
    }

    static OffsetDateTime offset(Object value) {
        return value instanceof Timestamp t ? t.toInstant().atZone(RiskItemStore.OFFICE_ZONE).toOffsetDateTime() : null;
    }
}
