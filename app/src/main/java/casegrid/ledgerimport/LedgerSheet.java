package casegrid.ledgerimport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A ledger file as text: the first sheet, its header row naming the columns (LedgerColumn), and one
 * {@link Line} per non-empty row below, each cell as the text a person sees (dates typed as dates
 * become {@code yyyy-MM-dd HH:mm}). Only .xlsx is read; anything else is {@link NotXlsx}.
 */
final class LedgerSheet {

    /** One row of the sheet: its number as Excel shows it, and its cells by column. */
    record Line(int row, Map<LedgerColumn, String> cells) {
        String get(LedgerColumn column) {
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    /** {@code ignored}: headers that are no template column (a 序号 column, remarks), named so the page can say so. */
    record Read(List<Line> lines, Map<LedgerColumn, String> letters, List<String> problems, List<String> ignored) {
    }

    static final class NotXlsx extends Exception {
        NotXlsx(String message) {
            super(message);
        }
    }

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private LedgerSheet() {
    }

    static Read read(byte[] bytes, int maxRows) throws NotXlsx {
        try (InputStream probe = FileMagic.prepareToCheckMagic(new ByteArrayInputStream(bytes))) {
            FileMagic magic = FileMagic.valueOf(probe);
            if (magic != FileMagic.OOXML) {
                throw new NotXlsx(magic == FileMagic.OLE2 ? "这是旧版 Excel（.xls）文件：请另存为 .xlsx 后上传"
                        : "不是 Excel .xlsx 文件");
            }
        } catch (IOException e) {
            throw new NotXlsx("无法读取文件");
        }
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            return read(workbook.getSheetAt(0), maxRows);
        } catch (IOException | RuntimeException e) {
            // POI reports a damaged or non-spreadsheet zip as one of several runtime exceptions.
            throw new NotXlsx("无法作为 .xlsx 打开（文件损坏或不是表格）");
        }
    }

    private static Read read(Sheet sheet, int maxRows) {
        DataFormatter formatter = new DataFormatter();
        List<String> problems = new ArrayList<>();
        Row header = headerRow(sheet, formatter);
        List<String> ignored = new ArrayList<>();
        Map<Integer, LedgerColumn> columns = new LinkedHashMap<>();
        Map<LedgerColumn, String> letters = new EnumMap<>(LedgerColumn.class);
        if (header != null) {
            for (Cell cell : header) {
                String text = formatter.formatCellValue(cell).trim();
                if (text.isEmpty()) {
                    continue;
                }
                LedgerColumn.byHeader(text).ifPresentOrElse(column -> {
                    if (letters.containsKey(column)) {
                        problems.add("表头「" + column.header + "」出现了两次（" + letters.get(column) + " 列和 "
                                + CellReference.convertNumToColString(cell.getColumnIndex()) + " 列）");
                    } else {
                        columns.put(cell.getColumnIndex(), column);
                        letters.put(column, CellReference.convertNumToColString(cell.getColumnIndex()));
                    }
                }, () -> ignored.add(text + "（" + CellReference.convertNumToColString(cell.getColumnIndex()) + " 列）"));
            }
        }
        for (LedgerColumn column : LedgerColumn.values()) {
            if (column.required && !letters.containsKey(column)) {
                problems.add("缺少必填列「" + column.header + "」（表头行须有「事项编号」等列名，请使用台账模板）");
            }
        }
        List<Line> lines = new ArrayList<>();
        int headerRow = header == null ? 0 : header.getRowNum();
        for (int r = headerRow + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            Map<LedgerColumn, String> cells = new EnumMap<>(LedgerColumn.class);
            columns.forEach((index, column) -> {
                String text = text(row.getCell(index), formatter);
                if (!text.isBlank()) {
                    cells.put(column, text);
                }
            });
            if (cells.isEmpty()) {
                continue;
            }
            if (lines.size() == maxRows) {
                problems.add("一个文件最多 " + maxRows + " 行事项，请分成几个文件导入");
                break;
            }
            lines.add(new Line(r + 1, cells));
        }
        if (lines.isEmpty() && problems.isEmpty()) {
            problems.add("表中没有事项（事项从表头行的下一行起）");
        }
        return new Read(lines, letters, problems, ignored);
    }

    /**
     * The header: the first of the top ten rows that names the number column (a ledger often has a
     * title row such as 全福街道风险隐患底数台账 above it); else the first row.
     */
    private static Row headerRow(Sheet sheet, DataFormatter formatter) {
        int first = Math.max(sheet.getFirstRowNum(), 0);
        for (int r = first; r <= Math.min(first + 9, sheet.getLastRowNum()); r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            for (Cell cell : row) {
                if (LedgerColumn.byHeader(formatter.formatCellValue(cell)).filter(c -> c == LedgerColumn.NUMBER).isPresent()) {
                    return row;
                }
            }
        }
        return sheet.getRow(first);
    }

    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            LocalDateTime value = cell.getLocalDateTimeCellValue();
            if (value == null) {
                return "";
            }
            // A date without a time reads as a date, as typed: a deadline then means the end of that day.
            return value.toLocalTime().equals(LocalTime.MIDNIGHT) ? DATE.format(value) : DATE_TIME.format(value);
        }
        return formatter.formatCellValue(cell).trim();
    }

    /** The template: the header row, one example row and a sheet that explains each column. */
    static byte[] template() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("底数台账");
            Sheet help = workbook.createSheet("填写说明");
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle wrap = workbook.createCellStyle();
            wrap.setWrapText(true);
            Row header = sheet.createRow(0);
            Row example = sheet.createRow(1);
            Row helpHeader = help.createRow(0);
            String[] helpHeaders = {"列", "必填", "说明", "示例"};
            for (int i = 0; i < helpHeaders.length; i++) {
                Cell cell = helpHeader.createCell(i);
                cell.setCellValue(helpHeaders[i]);
                cell.setCellStyle(bold);
            }
            LedgerColumn[] columns = LedgerColumn.values();
            for (int i = 0; i < columns.length; i++) {
                LedgerColumn column = columns[i];
                Cell cell = header.createCell(i);
                cell.setCellValue(column.required ? column.header + "*" : column.header);
                cell.setCellStyle(bold);
                Cell value = example.createCell(i);
                value.setCellValue(column.example);
                value.setCellStyle(wrap);
                sheet.setColumnWidth(i, 16 * 256);
                Row line = help.createRow(i + 1);
                line.createCell(0).setCellValue(column.header);
                line.createCell(1).setCellValue(column.required ? "是" : "");
                line.createCell(2).setCellValue(column.note);
                line.createCell(3).setCellValue(column.example);
            }
            help.setColumnWidth(0, 14 * 256);
            help.setColumnWidth(2, 70 * 256);
            help.setColumnWidth(3, 36 * 256);
            sheet.createFreezePane(0, 1);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
