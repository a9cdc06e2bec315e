package casegrid.audit;

import casegrid.ledger.ReadAudit;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/** The access audit as .xlsx, one row per entry, Chinese headers, times in the office zone. */
@Component
class AuditExport {

    static final String[] HEADERS = {"时间", "用户", "事项编号", "操作", "状态码", "方法", "路径", "说明"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int CELL_LIMIT = 32_000;

    void write(List<Map<String, Object>> rows, OutputStream out) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        try {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet sheet = workbook.createSheet("访问审计");
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADERS.length; i++) {
                header.createCell(i).setCellValue(HEADERS[i]);
                header.getCell(i).setCellStyle(bold);
                sheet.setColumnWidth(i, (i == 7 ? 60 : 18) * 256);
            }
            int r = 0;
            for (Map<String, Object> row : rows) {
                OffsetDateTime at = AuditController.at(row.get("at"));
                String action = (String) row.get("action");
                Object[] values = {at == null ? "" : TIME.format(at), row.get("user_id"), row.get("number"),
                        ReadAudit.LABELS.getOrDefault(action, action), row.get("status"), row.get("method"),
                        row.get("path"), row.get("detail")};
                Row line = sheet.createRow(++r);
                for (int i = 0; i < values.length; i++) {
                    if (values[i] instanceof Number number) {
                        line.createCell(i).setCellValue(number.doubleValue());
                    } else if (values[i] != null) {
                        String text = values[i].toString();
                        // A cell holds at most 32,767 characters; long list reads name many numbers.
                        line.createCell(i).setCellValue(text.length() > CELL_LIMIT ? text.substring(0, CELL_LIMIT) + "…" : text);
                    }
                }
            }
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
        }
    }
}
