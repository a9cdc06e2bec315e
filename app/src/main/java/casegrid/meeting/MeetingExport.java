package casegrid.meeting;

import casegrid.item.Codes;
import casegrid.ledger.LedgerLabels;
import casegrid.org.Office;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
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
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final LedgerLabels labels;

    MeetingExport(LedgerLabels labels) {
        this.labels = labels;
    }

    void write(List<MeetingView> rows, OutputStream out) {
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
            for (MeetingView meeting : rows) {
                String tier = Codes.MEETING_TIERS.get(meeting.tier());
                String heldAt = time(meeting.meetingAt());
                cells(meetingSheet.createRow(++m), meeting.number(), meeting.title(), names.community(meeting.community()),
                        tier, time(meeting.escalatedAt()), names.unit(meeting.organiser()), heldAt, meeting.place(),
                        String.join("、", meeting.attendees()), String.join("；", meeting.decisions()),
                        Codes.MEETING_OUTCOMES.getOrDefault(meeting.outcome(), "待召开"), meeting.openActions());
                for (MeetingView.Action action : meeting.actions()) {
                    cells(actionSheet.createRow(++a), meeting.number(), tier, heldAt, names.unit(action.owner()),
                            time(action.due()), action.content(), Codes.ACTION_STATES.getOrDefault(action.state(), action.state()),
                            time(action.doneAt()));
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

    private static String time(Date value) {
        return value == null ? "" : TIME.format(value.toInstant().atZone(Office.ZONE));
    }
}
