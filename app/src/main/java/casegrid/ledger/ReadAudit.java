package casegrid.ledger;

import casegrid.item.RiskItemStore;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records who read case data, including parties' personal data: an item (READ_ITEM), its case page
 * (VIEW_CASE_PAGE), its archive
 * case file (ARCHIVE_ITEM), an attachment (DOWNLOAD_ATTACHMENT) or a photo's thumbnail (VIEW_THUMBNAIL), a ledger page (LIST_LEDGER) or a ledger export (EXPORT_LEDGER), the
 * key-matters ledger of meetings (LIST_MEETINGS, EXPORT_MEETINGS), a read of this audit itself
 * (LIST_AUDIT, EXPORT_AUDIT); and every refused attempt (REFUSED, with status, method, path and the
 * reason in {@code detail}). List reads are one row with the query in {@code detail}, since they
 * have no single number.
 */
@Component
public class ReadAudit {

    public static final String READ_ITEM = "READ_ITEM";
    /** The printable case page /items/{number} was opened (its data then comes through READ_ITEM). */
    public static final String VIEW_CASE_PAGE = "VIEW_CASE_PAGE";
    public static final String ARCHIVE_ITEM = "ARCHIVE_ITEM";
    /** An attachment of the item was downloaded (detail: its id and file name). */
    public static final String DOWNLOAD_ATTACHMENT = "DOWNLOAD_ATTACHMENT";
    /** A photo's thumbnail was shown (the case file, the case page). */
    public static final String VIEW_THUMBNAIL = "VIEW_THUMBNAIL";
    public static final String LIST_LEDGER = "LIST_LEDGER";
    public static final String EXPORT_LEDGER = "EXPORT_LEDGER";
    public static final String LIST_MEETINGS = "LIST_MEETINGS";
    public static final String EXPORT_MEETINGS = "EXPORT_MEETINGS";
    public static final String LIST_AUDIT = "LIST_AUDIT";
    public static final String EXPORT_AUDIT = "EXPORT_AUDIT";
    public static final String REFUSED = "REFUSED";
    /** Administration of organisation and reference data (/admin/org, /admin/reference). */
    public static final String ORG_TEMPLATE = "ORG_TEMPLATE";
    public static final String ORG_EXPORT = "ORG_EXPORT";
    public static final String ORG_CHECK = "ORG_CHECK";
    public static final String ORG_IMPORT = "ORG_IMPORT";
    public static final String REFERENCE_CHANGE = "REFERENCE_CHANGE";
    /** Who a refusal is recorded for when the caller gave no name. */
    public static final String ANONYMOUS = "(anonymous)";
    /** Request attribute: why a call was refused, set where the refusal is decided. */
    public static final String REFUSAL_REASON = "casegrid.refusal.reason";
    /** What the audit page and export call each action. */
    public static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(READ_ITEM, "查看事项"), Map.entry(VIEW_CASE_PAGE, "打开案卷页"), Map.entry(ARCHIVE_ITEM, "调阅档案"),
            Map.entry(DOWNLOAD_ATTACHMENT, "下载附件"), Map.entry(VIEW_THUMBNAIL, "查看附件缩略图"),
            Map.entry(LIST_LEDGER, "查询台账"), Map.entry(EXPORT_LEDGER, "导出台账"),
            Map.entry(LIST_MEETINGS, "查询重点事项台账"), Map.entry(EXPORT_MEETINGS, "导出重点事项台账"),
            Map.entry(LIST_AUDIT, "查询访问审计"), Map.entry(EXPORT_AUDIT, "导出访问审计"), Map.entry(REFUSED, "访问被拒绝"),
            Map.entry(ORG_TEMPLATE, "下载组织机构模板"), Map.entry(ORG_EXPORT, "导出组织机构"), Map.entry(ORG_CHECK, "预检组织机构文件"),
            Map.entry(ORG_IMPORT, "导入组织机构"), Map.entry(REFERENCE_CHANGE, "修改基础数据"));
    static final int USER_LENGTH = 64;
    static final int PATH_LENGTH = 300;

    private final JdbcClient jdbc;

    public ReadAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void read(String userId, String number) {
        record(userId, number, READ_ITEM, null);
    }

    public void record(String userId, String number, String action, String detail) {
        jdbc.sql("insert into access_audit (at, user_id, number, action, detail) values (?, ?, ?, ?, ?)")
                .params(RiskItemStore.ts(ClockUtil.getCurrentTime()), userId, number, action, detail).update();
    }

    /** A refused attempt; the user name may be anything a caller typed, hence cut to the column. */
    public void refused(String userId, int status, String method, String path, String reason) {
        jdbc.sql("""
                        insert into access_audit (at, user_id, number, action, status, method, path, detail)
                        values (?, ?, null, ?, ?, ?, ?, ?)""")
                .params(RiskItemStore.ts(ClockUtil.getCurrentTime()), cut(userId, USER_LENGTH), REFUSED, status,
                        cut(method, 10), cut(path, PATH_LENGTH), reason)
                .update();
    }

    private static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
