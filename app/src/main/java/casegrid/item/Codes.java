package casegrid.item;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract's fixed enumerations with their Chinese names: levels, statuses and outcomes of the process.
 * Categories, sources and closure outcomes are reference data (casegrid.reference.ReferenceData), editable on
 * /admin/reference.
 */
public final class Codes {

    public static final Map<String, String> LEVELS = ordered("HIGH", "高", "MEDIUM", "中", "LOW", "低");
    public static final Map<String, String> RESOLUTION_OUTCOMES = ordered(
            "CONTINUE", "继续化解", "RESOLVED", "已化解", "EXTEND", "申请延期", "RETURN", "退单", "TRANSFER", "移交",
            "WHISTLE", "吹哨召集部门报到", "ESCALATE", "提请联席会议");
    public static final Map<String, String> SATISFACTION = ordered(
            "SATISFIED", "满意", "BASICALLY_SATISFIED", "基本满意", "UNSATISFIED", "不满意");
    /** Item statuses (ItemStatus) as the ledgers and the archive print them. */
    public static final Map<String, String> STATUSES = ordered(
            "REGISTERED", "已登记", "GRADING", "待研判", "RECTIFYING", "立即整改中", "PLANNING", "制定方案",
            "RESOLVING", "化解中", "WHISTLE", "吹哨报到", "MEETING_COMMUNITY", "社区联席会议", "MEETING_STREET", "街道联席会议",
            "MEETING_DISTRICT", "区级联席会议", "CLOSURE_PENDING", "待销号审核", "CLOSED", "已销号", "MERGED", "已合并",
            "TRANSFERRED", "已移交");
    /** Joint-meeting tiers, from the lowest up, with the prefix of their Chinese name (社区联席会议 ...). */
    public static final Map<String, String> MEETING_TIERS = ordered("COMMUNITY", "社区", "STREET", "街道", "DISTRICT", "区级");
    public static final Map<String, String> MEETING_OUTCOMES = ordered("RESOLVED", "已化解", "UNRESOLVED", "未化解");
    /** States of a meeting's action item. */
    public static final Map<String, String> ACTION_STATES = ordered("OPEN", "进行中", "DONE", "已完成", "OVERDUE", "已超期");

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private Codes() {
    }
}
