package casegrid.ledgerimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Reading a ledger file as a person filled it in: where the header is, what a date cell says, what is not a file. */
class LedgerSheetTest {

    static Date at(String iso) {
        return Date.from(ZonedDateTime.parse(iso).toInstant());
    }

    @Test
    void theHeaderIsFoundBelowATitleRowAndDateCellsReadAsTyped() throws Exception {
        byte[] file;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("全福街道风险隐患底数台账");
            Row header = sheet.createRow(2);
            String[] headers = {"序号", "事项编号*", "上报时间", "办结期限"};
            for (int c = 0; c < headers.length; c++) {
                header.createCell(c).setCellValue(headers[c]);
            }
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            Row row = sheet.createRow(3);
            row.createCell(0).setCellValue(1);
            row.createCell(1).setCellValue("QF-2027-000001");
            row.createCell(2).setCellValue(LocalDateTime.of(2027, 2, 1, 9, 30));
            row.getCell(2).setCellStyle(date);
            row.createCell(3).setCellValue(LocalDateTime.of(2027, 5, 31, 0, 0));
            row.getCell(3).setCellStyle(date);
            sheet.createRow(4); // empty rows are no items
            workbook.write(out);
            file = out.toByteArray();
        }
        LedgerSheet.Read read = LedgerSheet.read(file, 10);
        assertThat(read.ignored()).containsExactly("序号（A 列）");
        assertThat(read.lines()).hasSize(1);
        LedgerSheet.Line line = read.lines().get(0);
        assertThat(line.row()).isEqualTo(4);
        assertThat(line.get(LedgerColumn.REPORTED_AT)).isEqualTo("2027-02-01 09:30");
        assertThat(line.get(LedgerColumn.RESOLVE_BY)).isEqualTo("2027-05-31");
        // Required columns missing from this header are file problems, named.
        assertThat(read.problems()).anyMatch(p -> p.contains("缺少必填列「标题」"));
    }

    @Test
    void aBareDateIsTheStartOfTheDayOrForADeadlineItsEndInTheOfficesZone() {
        assertThat(LedgerRows.parseDate("2027-05-31", true)).isEqualTo(at("2027-06-01T00:00:00+08:00"));
        assertThat(LedgerRows.parseDate("2027/5/31", false)).isEqualTo(at("2027-05-31T00:00:00+08:00"));
        assertThat(LedgerRows.parseDate("2027年5月31日", false)).isEqualTo(at("2027-05-31T00:00:00+08:00"));
        assertThat(LedgerRows.parseDate("2027-05-31 09:30", true)).isEqualTo(at("2027-05-31T09:30:00+08:00"));
        assertThat(LedgerRows.parseDate("31.5.2027", false)).isNull();
        assertThat(LedgerRows.parseDate("2027-02-30", false)).isNull();
    }

    @Test
    void anythingButXlsxIsRefusedWithAReason() {
        assertThatThrownBy(() -> LedgerSheet.read("事项编号,标题".getBytes(), 10)).isInstanceOf(LedgerSheet.NotXlsx.class)
                .hasMessageContaining("不是 Excel .xlsx 文件");
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0, 0};
        assertThatThrownBy(() -> LedgerSheet.read(ole2, 10)).hasMessageContaining(".xls");
        byte[] zip = {0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> LedgerSheet.read(zip, 10)).isInstanceOf(LedgerSheet.NotXlsx.class);
    }

    @Test
    void theTemplateReadsBackAsOneExampleRowWithEveryColumn() throws Exception {
        LedgerSheet.Read read = LedgerSheet.read(LedgerSheet.template(), 10);
        assertThat(read.problems()).isEmpty();
        assertThat(read.ignored()).isEmpty();
        assertThat(read.letters()).hasSize(LedgerColumn.values().length);
        assertThat(read.lines()).hasSize(1);
    }
}
