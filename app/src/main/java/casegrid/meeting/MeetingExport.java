package casegrid.meeting;

import casegrid.item.RiskItemStore;
import casegrid.ledger.LedgerLabels;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/** The key-matters ledger as .xlsx: one sheet of meetings, one of their action items (Chinese headers). */
@Component
class MeetingExport {

    static final String[] MEETING_HEADERS = {"事项编号", "事项", "社区", "会议层级", "提请时间", "组织单位", "召开时间", "地点",
            "参会人员", "议定事项", "会议结论", "未完成任务"};
    static final String[] ACTION_HEADERS = {"事项编号", "会议层级", "召开时间", "负责单位", "完成期限", "任务内容", "状态", "完成时间"};
    static final Map<String, String> OUTCOMES = Map.of("RESOLVED", "已化解", "UNRESOLVED", "未化解");
    static final Map<String, String> STATES = Map.of("OPEN", "进行中", "DONE", "已完成", "OVERDUE", "已超期");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MeetingStore meetings;
    private final LedgerLabels labels;

    MeetingExport(MeetingStore meetings, LedgerLabels labels) {
        this.meetings = meetings;
        this.labels = labels;
    }

    void write(List<Map<String, Object>> rows, OutputStream out) {
        LedgerLabels.Names names = labels.names();
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        try {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet meetingSheet = header(workbook.createSheet("重点事项台账"), MEETING_HEADERS, bold);
            Sheet actionSheet = header(workbook.createSheet("会议任务"), ACTION_HEADERS, bold);
            int m = 0;
            int a = 0;
            for (Map<String, Object> row : rows) {
                long id = ((Number) row.get("id")).longValue();
                String tier = MeetingStore.TIER_NAMES.get((String) row.get("tier"));
                String heldAt = time(row.get("meeting_at"));
                cells(meetingSheet.createRow(++m), row.get("number"), row.get("title"),
                        names.community((String) row.get("community")), tier, time(row.get("escalated_at")),
                        names.unit((String) row.get("organiser")), heldAt, row.get("place"),
                        String.join("、", meetings.attendees(id)), String.join("；", meetings.decisions(id)),
                        OUTCOMES.getOrDefault((String) row.get("outcome"), "待召开"), row.get("open_actions"));
                for (Map<String, Object> action : meetings.actions(id)) {
                    cells(actionSheet.createRow(++a), row.get("number"), tier, heldAt,
                            names.unit((String) action.get("owner")), time(action.get("due_at")), action.get("content"),
                            STATES.getOrDefault((String) action.get("state"), (String) action.get("state")),
                            time(action.get("done_at")));
                }
            }
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
        }
    }

    private static Sheet header(Sheet sheet, String[] headers, CellStyle bold) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < headers.length; i++) {
            row.createCell(i).setCellValue(headers[i]);
            row.getCell(i).setCellStyle(bold);
            sheet.setColumnWidth(i, 16 * 256);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private static void cells(Row row, Object... values) {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Number n) {
                row.createCell(i).setCellValue(n.doubleValue());
            } else {
                row.createCell(i).setCellValue(value == null ? "" : value.toString());
            }
        }
    }

    private static String time(Object value) {
        return value instanceof Date d ? TIME.format(d.toInstant().atZone(RiskItemStore.OFFICE_ZONE)) : "";
    }
}
