package casegrid.org;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The organisation's xlsx format (docs/organisation.md): one sheet per kind of row, a header row, one
 * row per street, supervision group, community, grid, department or person. Reads a file into rows that
 * keep their spreadsheet line numbers (for the problems), and writes the template and the export.
 */
public final class OrgWorkbook {

    public static final String STREETS = "街道";
    public static final String SUPERVISIONS = "督导组";
    public static final String COMMUNITIES = "社区";
    public static final String GRIDS = "网格";
    public static final String DEPARTMENTS = "部门";
    public static final String PEOPLE = "人员";
    public static final String README = "说明";

    /** Each sheet's columns, in order: the header row must name them. */
    public static final Map<String, List<String>> COLUMNS = columns();

    private static Map<String, List<String>> columns() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put(STREETS, List.of("编码", "名称", "编号前缀", "综治中心组", "领导组"));
        columns.put(SUPERVISIONS, List.of("编码", "名称", "所属街道"));
        columns.put(COMMUNITIES, List.of("编码", "名称", "所属街道", "督导组"));
        columns.put(GRIDS, List.of("编码", "名称", "所属社区"));
        columns.put(DEPARTMENTS, List.of("编码", "名称", "所属街道"));
        columns.put(PEOPLE, List.of("账号", "姓名", "所属单位/角色", "手机", "邮箱"));
        return java.util.Collections.unmodifiableMap(columns);
    }

    private static final List<String> README_LINES = List.of(
            "社区风险隐患排查化解 · 组织机构导入模板",
            "每个工作表第一行为表头，请勿修改；从第二行起每行一条记录，空行忽略。",
            "街道：编码（字母数字，不含“-”）、名称、编号前缀（事项编号的前缀，如 QF → QF-2026-000123）、综治中心组与领导组（Camunda 组编号，小写字母、数字和“-”）。",
            "督导组：编码以 supervision- 开头；所属街道填街道编码。",
            "社区：编码为字母数字（不含“-”，全系统唯一，如 C01）；所属街道填街道编码；督导组填督导组编码。",
            "网格：编码以所属社区编码加“-”开头（如 C01-G1）；所属社区填社区编码。",
            "部门：编码即 Camunda 组编号，以 dept- 开头（如 dept-justice）；所属街道填街道编码。",
            "人员：账号（小写字母、数字和 . _ -）、姓名、所属单位/角色（组编号或组名称，多个用“;”或换行分隔，"
                    + "如 community-C01;community-C01-staff，社区工作人员同时属于社区组和社区工作人员组；网格员另加 grid-workers）、手机（11位）、邮箱。",
            "本文件所列街道的全部社区、网格、部门、督导组与人员以本文件为准：文件中没有的单位将被删除（仍被事项使用的不能删除），"
                    + "文件中没有的人员将失去该街道的全部角色，没有角色时账号停用（不删除）。",
            "新账号的初始密码只在导入结果中显示一次，请当场转交本人并提醒其登录后修改。");

    /** One data row as read: its spreadsheet line number (1-based, as Excel shows it) and its cells by column name. */
    public record Line(String sheet, int line, Map<String, String> cells) {
        public String get(String column) {
            return cells.getOrDefault(column, "");
        }
    }

    /** A problem of the file: sheet, line (0 when it concerns the sheet as a whole), column (may be empty), message. */
    public record Problem(String sheet, int row, String column, String message) {
    }

    /** The rows of each sheet, and the problems of the file's shape (a missing sheet, a wrong header). */
    public record Parsed(Map<String, List<Line>> sheets, List<Problem> problems) {
    }

    private OrgWorkbook() {
    }

    public static Parsed read(InputStream in) {
        Map<String, List<Line>> sheets = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        try (Workbook workbook = WorkbookFactory.create(in)) {
            DataFormatter formatter = new DataFormatter();
            for (Map.Entry<String, List<String>> sheetColumns : COLUMNS.entrySet()) {
                String name = sheetColumns.getKey();
                List<Line> lines = new ArrayList<>();
                sheets.put(name, lines);
                Sheet sheet = workbook.getSheet(name);
                if (sheet == null) {
                    problems.add(new Problem(name, 0, "", "缺少工作表“" + name + "”"));
                    continue;
                }
                Row header = sheet.getRow(0);
                List<String> expected = sheetColumns.getValue();
                boolean headerOk = true;
                for (int c = 0; c < expected.size(); c++) {
                    String found = header == null ? "" : text(formatter, header.getCell(c));
                    if (!expected.get(c).equals(found)) {
                        problems.add(new Problem(name, 1, expected.get(c), "表头第" + (c + 1) + "列应为“" + expected.get(c)
                                + "”，实际为“" + found + "”"));
                        headerOk = false;
                    }
                }
                if (!headerOk) {
                    continue;
                }
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    Row row = sheet.getRow(r);
                    if (row == null) {
                        continue;
                    }
                    Map<String, String> cells = new LinkedHashMap<>();
                    boolean blank = true;
                    for (int c = 0; c < expected.size(); c++) {
                        String value = text(formatter, row.getCell(c));
                        cells.put(expected.get(c), value);
                        blank &= value.isEmpty();
                    }
                    if (!blank) {
                        lines.add(new Line(name, r + 1, cells));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem("", 0, "", "无法读取文件，请上传 .xlsx 格式的组织机构表（" + e.getClass().getSimpleName() + "）"));
        }
        return new Parsed(sheets, problems);
    }

    private static String text(DataFormatter formatter, Cell cell) {
        // Trimmed, with non-breaking and full-width spaces counted as spaces (pasted from web pages and Word).
        return cell == null ? "" : formatter.formatCellValue(cell).replace('\u00a0', ' ').replace('\u3000', ' ').strip();
    }

    /** The empty template: the sheets with their headers, and the instructions. */
    public static byte[] template() {
        return write(new OrgData(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    /** The organisation in the import format: an export re-imported changes nothing. */
    public static byte[] write(OrgData org) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet readme = workbook.createSheet(README);
            for (int i = 0; i < README_LINES.size(); i++) {
                readme.createRow(i).createCell(0).setCellValue(README_LINES.get(i));
            }
            readme.setColumnWidth(0, 120 * 256);
            Map<String, List<List<String>>> rows = new TreeMap<>();
            rows.put(STREETS, org.streets().stream().map(s -> List.of(s.code(), s.name(), s.numberPrefix(), s.centerGroup(),
                    s.leadersGroup())).toList());
            rows.put(SUPERVISIONS, org.supervisions().stream().map(s -> List.of(s.code(), s.name(), s.street())).toList());
            rows.put(COMMUNITIES, org.communities().stream().map(c -> List.of(c.code(), c.name(), c.street(),
                    c.supervisionGroup())).toList());
            rows.put(GRIDS, org.grids().stream().map(g -> List.of(g.code(), g.name(), g.community())).toList());
            rows.put(DEPARTMENTS, org.departments().stream().map(d -> List.of(d.code(), d.name(), d.street())).toList());
            rows.put(PEOPLE, org.people().stream().filter(OrgData.Person::active).map(p -> List.of(p.userId(), p.name(),
                    String.join(";", p.groups()), nz(p.phone()), nz(p.email()))).toList());
            for (Map.Entry<String, List<String>> sheetColumns : COLUMNS.entrySet()) {
                Sheet sheet = workbook.createSheet(sheetColumns.getKey());
                Row header = sheet.createRow(0);
                List<String> columns = sheetColumns.getValue();
                for (int c = 0; c < columns.size(); c++) {
                    Cell cell = header.createCell(c);
                    cell.setCellValue(columns.get(c));
                    cell.setCellStyle(bold);
                    sheet.setColumnWidth(c, (c == 2 && PEOPLE.equals(sheetColumns.getKey()) ? 60 : 20) * 256);
                }
                int r = 1;
                for (List<String> values : rows.get(sheetColumns.getKey())) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        // Text cells throughout: a phone number stays a string, a code such as 001 keeps its zeros.
                        row.createCell(c).setCellValue(values.get(c));
                    }
                }
                sheet.createFreezePane(0, 1);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("xlsx", e);
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
