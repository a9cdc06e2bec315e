package casegrid.ledger;

import casegrid.attachment.Attachments;
import casegrid.attachment.FileKind;
import casegrid.item.Codes;
import casegrid.item.RiskItemStore;
import casegrid.item.RiskItemStore.Event;
import casegrid.item.RiskItemStore.Party;
import casegrid.org.Office;
import casegrid.org.OrgDirectory;
import casegrid.reference.ReferenceData.Kind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Image;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The archive ledger (档案台账): one printable case file per item with every step, decision,
 * responsible person and time (倒查), and lines for the signatures of the clerk and the reviewer.
 * Chinese text is set in WenQuanYi Micro Hei, embedded as a subset so the file prints anywhere.
 */
@Service
public class ArchiveService {

    static final String FONT = "fonts/wqy-microhei/wqy-microhei.ttc";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, String> EMERGENCY_PLAN = new LinkedHashMap<>();
    private static final Map<String, String> SUPERVISION_STEPS = Map.of("REMINDER", "催办", "SUPERVISION", "督办",
            "NOTICE", "通报");

    static {
        EMERGENCY_PLAN.put("activationCriteria", "启动条件");
        EMERGENCY_PLAN.put("standDownCriteria", "解除条件");
        EMERGENCY_PLAN.put("command", "指挥体系");
        EMERGENCY_PLAN.put("duties", "职责分工");
        EMERGENCY_PLAN.put("emergencyMeasures", "处置措施");
        EMERGENCY_PLAN.put("supplies", "物资保障");
    }

    private final RiskItemStore items;
    private final LedgerLabels labels;
    private final OrgDirectory org;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Attachments attachments;
    private volatile BaseFont font;

    public ArchiveService(RiskItemStore items, LedgerLabels labels, OrgDirectory org, JdbcClient jdbc, ObjectMapper json,
                          Attachments attachments) {
        this.items = items;
        this.attachments = attachments;
        this.labels = labels;
        this.org = org;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The case file of an item the caller may see; parties masked unless {@code unmasked}. */
    public byte[] caseFile(String number, boolean unmasked, String printedBy) {
        Map<String, Object> item = items.find(number).orElseThrow();
        LedgerLabels.Names names = labels.names();
        Font title = new Font(font(), 16, Font.BOLD);
        Font heading = new Font(font(), 12, Font.BOLD);
        Font body = new Font(font(), 9.5f);
        Font small = new Font(font(), 8, Font.NORMAL, Color.DARK_GRAY);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 48, 48, 56, 56);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        String printed = "打印：" + names.person(printedBy) + "  " + format(ClockUtil.getCurrentTime());
        writer.setPageEvent(new Margins(small, number, printed));
        document.addTitle("风险隐患档案 " + number);
        document.addCreator("casegrid");
        document.open();

        // The item's own street (docs/streets.md), not the installation's first.
        String street = org.streetOfCommunity(str(item, "community")).map(OrgDirectory.Street::name).orElseGet(org::streetName);
        Paragraph head = new Paragraph(street + "风险隐患档案", title);
        head.setAlignment(Element.ALIGN_CENTER);
        document.add(head);
        Paragraph sub = new Paragraph("档案编号：" + number + "    状态：" + LedgerLabels.Names.status(str(item, "status")), body);
        sub.setAlignment(Element.ALIGN_CENTER);
        sub.setSpacingAfter(10);
        document.add(sub);

        int[] sections = {0};
        section(document, sections, "基本情况", heading);
        Fields basic = new Fields(body);
        basic.add("事项标题", str(item, "title"));
        basic.add("类别", names.code(Kind.CATEGORY, str(item, "category"))
                + (item.get("subcategory") == null ? "" : " / " + item.get("subcategory")));
        basic.add("来源渠道", names.code(Kind.SOURCE, str(item, "source")));
        basic.add("所属社区 / 网格", names.community(str(item, "community")) + " / " + str(item, "grid"));
        basic.add("地址", str(item, "address"));
        basic.add("发生时间", format(item.get("occurred_at")));
        basic.add("上报时间", format(item.get("reported_at")));
        basic.add("上报人", names.person(str(item, "reported_by")));
        basic.add("涉及人数", String.valueOf(item.get("people_involved")));
        List<String> flags = new ArrayList<>();
        if (Boolean.TRUE.equals(item.get("threat_of_violence"))) {
            flags.add("有暴力威胁");
        }
        if (Boolean.TRUE.equals(item.get("involves_minors"))) {
            flags.add("涉及未成年人");
        }
        if (Boolean.TRUE.equals(item.get("cross_jurisdiction"))) {
            flags.add("跨辖区");
        }
        if (((Number) item.get("repeat_count")).intValue() > 0) {
            flags.add("重复反映 " + item.get("repeat_count") + " 次");
        }
        basic.add("风险标志", flags.isEmpty() ? "无" : String.join("、", flags));
        basic.add("事项描述", str(item, "description"));
        List<String> partyLines = new ArrayList<>();
        for (Party party : items.parties(number)) {
            Party shown = Masking.party(party, unmasked);
            partyLines.add(shown.name() + (shown.role() == null ? "" : "（" + shown.role() + "）")
                    + (shown.phone() == null ? "" : "  " + shown.phone()));
        }
        basic.add("当事人", partyLines.isEmpty() ? "无" : String.join("\n", partyLines));
        document.add(basic.table);

        section(document, sections, "研判定级", heading);
        Fields grading = new Fields(body);
        grading.add("系统建议等级", LedgerLabels.Names.level(str(item, "suggested_level")));
        grading.add("确定等级", LedgerLabels.Names.level(str(item, "risk_level")));
        grading.add("定级理由", str(item, "grade_reason"));
        grading.add("定级人 / 时间", join(names.person(str(item, "graded_by")), format(item.get("graded_at"))));
        grading.add("能否立即整改", item.get("fixable_now") == null ? null : (Boolean.TRUE.equals(item.get("fixable_now")) ? "是" : "否"));
        document.add(grading.table);

        section(document, sections, "一事一策（化解方案与责任人）", heading);
        Fields plan = new Fields(body);
        plan.add("责任单位", names.unit(str(item, "responsible_unit")));
        plan.add("包案领导", names.person(str(item, "responsible_leader")));
        plan.add("摸排责任人", names.person(str(item, "investigator")));
        plan.add("化解责任人", names.person(str(item, "resolver")));
        plan.add("稳控责任人", names.person(str(item, "stabiliser")));
        plan.add("调度责任人", names.person(str(item, "dispatcher")));
        plan.add("化解措施", str(item, "measures"));
        document.add(plan.table);

        Map<String, String> emergency = emergencyPlan(item.get("emergency_plan"));
        if (!emergency.isEmpty()) {
            section(document, sections, "应急处置预案（一事一案）", heading);
            Fields table = new Fields(body);
            EMERGENCY_PLAN.forEach((key, label) -> table.add(label, emergency.get(key)));
            document.add(table.table);
        }

        section(document, sections, "时限与督办", heading);
        Fields deadlines = new Fields(body);
        deadlines.add("T+2 反馈期限", format(item.get("feedback_due")));
        deadlines.add("实际反馈时间", format(item.get("feedback_at")));
        deadlines.add("下次周调更新期限", format(item.get("weekly_update_due")));
        deadlines.add("化解期限", format(item.get("resolve_by")));
        deadlines.add("是否超期", Boolean.TRUE.equals(item.get("overdue_now")) ? "是（累计超期 " + item.get("miss_count") + " 次）" : "否");
        document.add(deadlines.table);
        List<Map<String, Object>> supervision = jdbc.sql("""
                select deadline, due_at, step, unit, notice, reply, replied_at, created_at
                from supervision_record where number = ? order by created_at, id""").param(number).query().listOfRows();
        if (!supervision.isEmpty()) {
            PdfPTable table = grid(body, new float[] {3, 2, 3, 2, 6}, "记录时间", "督办级别", "误期期限", "责任单位", "通报 / 答复");
            for (Map<String, Object> row : supervision) {
                cells(table, body, format(row.get("created_at")), SUPERVISION_STEPS.getOrDefault(str(row, "step"), str(row, "step")),
                        str(row, "deadline") + " " + format(row.get("due_at")), names.unit(str(row, "unit")),
                        join(str(row, "notice"), row.get("reply") == null ? null
                                : "答复（" + format(row.get("replied_at")) + "）：" + row.get("reply")));
            }
            document.add(table);
        }

        section(document, sections, "销号与回访", heading);
        Fields closure = new Fields(body);
        String outcome = str(item, "closure_outcome");
        closure.add("销号结果", names.code(Kind.CLOSURE_OUTCOME, outcome));
        closure.add("销号依据", str(item, "closure_evidence"));
        closure.add("批准人 / 时间", join(names.person(str(item, "closed_by")), format(item.get("closed_at"))));
        String satisfaction = str(item, "satisfaction");
        closure.add("回访满意度", satisfaction == null ? null : Codes.SATISFACTION.getOrDefault(satisfaction, satisfaction));
        closure.add("合并至 / 移交至", join(str(item, "merged_into"), names.code(Kind.TRANSFER_BODY, str(item, "transferred_to"))));
        closure.add("重新化解次数", String.valueOf(item.get("reopen_count")));
        document.add(closure.table);

        attachments(document, sections, number, names, heading, body, small);

        section(document, sections, "办理全过程记录", heading);
        PdfPTable timeline = grid(body, new float[] {2.6f, 3.2f, 7.2f, 2.2f}, "时间", "办理人", "办理情况", "涉及单位");
        for (Event event : items.events(number)) {
            cells(timeline, body, format(event.at()), event.actor() == null ? "系统" : names.person(event.actor()),
                    event.summary(), names.unit(event.unit()));
        }
        document.add(timeline);

        Paragraph signatures = new Paragraph(
                "经办人（签字）：________________    审核人（签字）：________________    日期：______年____月____日", body);
        signatures.setSpacingBefore(28);
        signatures.setKeepTogether(true);
        document.add(signatures);
        document.close();
        return out.toByteArray();
    }

    /** Every file listed; photos embedded below the list, each with its name (documents are only listed). */
    private void attachments(Document document, int[] sections, String number, LedgerLabels.Names names, Font heading,
                             Font body, Font small) {
        List<Attachments.Listed> files = attachments.list(number);
        if (files.isEmpty()) {
            return;
        }
        section(document, sections, "附件（" + files.size() + " 份）", heading);
        PdfPTable list = grid(body, new float[] {2.6f, 3f, 2f, 5.4f, 2.2f}, "上传时间", "上传人", "用途", "文件名", "类型 / 大小");
        for (Attachments.Listed file : files) {
            cells(list, body, format(file.uploadedAt()), names.person(file.uploadedBy()), file.purposeLabel(),
                    file.fileName() + (file.locationKept() ? "（保留拍摄位置）" : ""),
                    FileKind.of(file.contentType()).label() + " / " + size(file.size()));
        }
        document.add(list);
        for (Attachments.Content photo : attachments.photos(number)) {
            try {
                Image image = Image.getInstance(photo.bytes());
                image.scaleToFit(document.right() - document.left(), 300);
                image.setAlignment(Element.ALIGN_CENTER);
                Paragraph figure = new Paragraph();
                figure.setSpacingBefore(8);
                figure.setKeepTogether(true);
                figure.add(new Chunk(image, 0, 0, true));
                document.add(figure);
                Paragraph caption = new Paragraph("图：" + photo.fileName(), small);
                caption.setAlignment(Element.ALIGN_CENTER);
                document.add(caption);
            } catch (IOException | RuntimeException unreadable) {
                document.add(new Paragraph("图：" + photo.fileName() + "（无法嵌入，请下载原件）", small));
            }
        }
    }

    private static String size(long bytes) {
        return bytes >= 1024 * 1024 ? String.format("%.1f MB", bytes / (1024.0 * 1024)) : Math.max(1, bytes / 1024) + " KB";
    }

    private BaseFont font() {
        if (font == null) {
            synchronized (this) {
                if (font == null) {
                    try (InputStream in = ArchiveService.class.getClassLoader().getResourceAsStream(FONT)) {
                        if (in == null) {
                            throw new IllegalStateException("font missing from the classpath: " + FONT);
                        }
                        // Face 0 of the collection, Unicode (Identity-H), embedded: only the glyphs used go into each file.
                        font = BaseFont.createFont("wqy-microhei.ttc,0", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                                in.readAllBytes(), null);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return font;
    }

    private Map<String, String> emergencyPlan(Object value) {
        if (value == null) {
            return Map.of();
        }
        try {
            return json.readValue(value.toString(), new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of("activationCriteria", value.toString());
        }
    }

    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    /** Numbered in order of appearance: the emergency plan section exists only for high risks. */
    private static void section(Document document, int[] counter, String text, Font font) {
        Paragraph paragraph = new Paragraph(NUMERALS[counter[0]++] + "、" + text, font);
        paragraph.setSpacingBefore(10);
        paragraph.setSpacingAfter(4);
        document.add(paragraph);
    }

    /** A two-column table of label and value; empty values print as "—" so a blank is visibly blank. */
    private static final class Fields {
        final PdfPTable table = new PdfPTable(new float[] {1.3f, 4.7f});
        final Font font;

        Fields(Font font) {
            this.font = font;
            table.setWidthPercentage(100);
        }

        void add(String label, String value) {
            PdfPCell name = new PdfPCell(new Phrase(label, font));
            name.setBackgroundColor(new Color(0xF2, 0xF2, 0xF2));
            name.setPadding(4);
            table.addCell(name);
            PdfPCell cell = new PdfPCell(new Phrase(value == null || value.isBlank() ? "—" : value, font));
            cell.setPadding(4);
            table.addCell(cell);
        }
    }

    private static PdfPTable grid(Font font, float[] widths, String... headers) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String header : headers) {
            PdfPCell cell = new PdfPCell(new Phrase(header, font));
            cell.setBackgroundColor(new Color(0xE6, 0xE6, 0xE6));
            cell.setPadding(4);
            table.addCell(cell);
        }
        return table;
    }

    private static void cells(PdfPTable table, Font font, String... values) {
        for (String value : values) {
            PdfPCell cell = new PdfPCell(new Phrase(value == null ? "" : value, font));
            cell.setPadding(4);
            table.addCell(cell);
        }
    }

    private static String str(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : value.toString();
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "  " + b;
    }

    static String format(Object value) {
        if (value instanceof Timestamp t) {
            return TIME.format(t.toInstant().atZone(Office.ZONE));
        }
        if (value instanceof Date d) {
            return TIME.format(d.toInstant().atZone(Office.ZONE));
        }
        if (value instanceof OffsetDateTime o) {
            return TIME.format(o.atZoneSameInstant(Office.ZONE));
        }
        return value == null ? null : value.toString();
    }

    /** Confidentiality mark and item number at the top, page number and who printed it at the bottom. */
    private static final class Margins extends PdfPageEventHelper {
        private final Font font;
        private final String number;
        private final String printed;

        Margins(Font font, String number, String printed) {
            this.font = font;
            this.number = number;
            this.printed = printed;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte canvas = writer.getDirectContent();
            Rectangle page = document.getPageSize();
            ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase("内部资料 注意保密", font),
                    document.left(), page.getTop() - 32, 0);
            ColumnText.showTextAligned(canvas, Element.ALIGN_RIGHT, new Phrase(number, font),
                    document.right(), page.getTop() - 32, 0);
            ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(printed, font),
                    document.left(), 30, 0);
            ColumnText.showTextAligned(canvas, Element.ALIGN_RIGHT, new Phrase("第 " + writer.getPageNumber() + " 页", font),
                    document.right(), 30, 0);
        }
    }
}
