package casegrid.ledger;

import casegrid.org.Office;
import casegrid.reference.ReferenceData.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The online ledger as .xlsx: one sheet, a bold frozen header, one row per item with Chinese names
 * and parties masked as on the page. A streaming workbook keeps 100 rows in memory; the rest go
 * to a temporary file until the workbook is written.
 */
final class LedgerWorkbook implements AutoCloseable {

    static final String[] HEADERS = {"编号", "标题", "类别", "来源渠道", "社区", "网格", "地址", "上报时间", "上报人",
            "风险等级", "状态", "责任单位", "包案领导", "化解责任人", "化解期限", "是否超期", "当事人", "联系电话", "销号时间",
            "销号结果"};
    private static final int[] WIDTHS = {18, 30, 14, 12, 12, 10, 30, 17, 22, 8, 12, 18, 22, 22, 17, 8, 20, 28, 17, 18};
    private static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 2;

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);
    private final SXSSFSheet sheet;
    private final CellStyle timeStyle;
    private final LedgerLabels.Names names;
    private int written;

    LedgerWorkbook(LedgerLabels.Names names) {
        this.names = names;
        sheet = workbook.createSheet("在线台账");
        CellStyle headerStyle = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle.setFont(bold);
        timeStyle = workbook.createCellStyle();
        timeStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
        Row header = sheet.createRow(0);
        for (int i = 0; i < HEADERS.length; i++) {
            Cell cell = header.createCell(i);
            cell.setCellValue(HEADERS[i]);
            cell.setCellStyle(headerStyle);
            sheet.setColumnWidth(i, WIDTHS[i] * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    /** Adds the item at the cursor's row (LedgerService's export columns); past Excel's limit one note row, then nothing. */
    void add(ResultSet rs) throws SQLException {
        if (written == MAX_ROWS) {
            sheet.createRow(written + 1).createCell(0).setCellValue("已达 Excel 行数上限，其余事项未导出，请缩小筛选范围。");
            written++;
        } else if (written < MAX_ROWS) {
            writeRow(sheet.createRow(++written), rs);
        }
    }

    /** Item rows written so far. */
    int items() {
        return Math.min(written, MAX_ROWS);
    }

    void writeTo(OutputStream out) {
        try {
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        workbook.dispose();
        try {
            workbook.close();
        } catch (IOException ignored) {
            // the temporary files are gone already (dispose); nothing else to release
        }
    }

    private void writeRow(Row row, ResultSet rs) throws SQLException {
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
        text(row, c++, names.code(Kind.CATEGORY, rs.getString("category")));
        text(row, c++, names.code(Kind.SOURCE, rs.getString("source")));
        text(row, c++, names.community(rs.getString("community")));
        text(row, c++, rs.getString("grid"));
        text(row, c++, rs.getString("address"));
        time(row, c++, rs.getTimestamp("reported_at"));
        text(row, c++, names.person(rs.getString("reported_by")));
        text(row, c++, LedgerLabels.Names.level(rs.getString("risk_level")));
        text(row, c++, LedgerLabels.Names.status(rs.getString("status")));
        text(row, c++, names.unit(rs.getString("responsible_unit")));
        text(row, c++, names.person(rs.getString("responsible_leader")));
        text(row, c++, names.person(rs.getString("resolver")));
        time(row, c++, rs.getTimestamp("resolve_by"));
        text(row, c++, rs.getBoolean("overdue") ? "是" : "否");
        text(row, c++, String.join("、", shownNames));
        text(row, c++, String.join("、", shownPhones));
        time(row, c++, rs.getTimestamp("closed_at"));
        String outcome = rs.getString("closure_outcome");
        text(row, c, names.code(Kind.CLOSURE_OUTCOME, outcome));
    }

    private static void text(Row row, int column, String value) {
        if (value != null && !value.isEmpty()) {
            row.createCell(column).setCellValue(value);
        }
    }

    private void time(Row row, int column, Timestamp value) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(LocalDateTime.ofInstant(value.toInstant(), Office.ZONE));
            cell.setCellStyle(timeStyle);
        }
    }

    private static List<String> split(String joined) {
        return joined == null ? List.of() : List.of(joined.split("\u001f", -1));
    }
}
