package casegrid.item;

import java.util.LinkedHashMap;
import java.util.Map;

/** The contract's enumerations with their Chinese names: categories, source channels, levels and outcomes. */
public final class Codes {

    public static final Map<String, String> CATEGORIES = ordered(
            "DISPUTE", "社会矛盾纠纷", "PUBLIC_ORDER", "治安隐患", "PUBLIC_SAFETY", "公共安全",
            "GROUP_CLAIM", "群体性诉求", "SUPPORT", "特殊人群关爱帮扶", "ONLINE_CRIME", "网络违法犯罪",
            "VIOLENCE_RISK", "极端暴力风险");
    public static final Map<String, String> SOURCES = ordered(
            "GRID_SURVEY", "网格排查", "COMMUNITY_CHECK", "社区自查", "DEPARTMENT_SURVEY", "科室排查",
            "HOTLINE_12345", "12345热线", "POLICE_110", "110警情", "LETTERS_VISITS", "信访", "WALK_IN", "来访",
            "OTHER", "其他");
    public static final Map<String, String> LEVELS = ordered("HIGH", "高", "MEDIUM", "中", "LOW", "低");
    public static final Map<String, String> RESOLUTION_OUTCOMES = ordered(
            "CONTINUE", "继续化解", "RESOLVED", "已化解", "EXTEND", "申请延期", "RETURN", "退单", "TRANSFER", "移交",
            "WHISTLE", "吹哨召集部门报到", "ESCALATE", "提请联席会议");
    public static final Map<String, String> CLOSURE_OUTCOMES = ordered(
            "CLAIM_RESOLVED", "合理诉求已解决", "CLAIM_EXPLAINED", "不合理诉求已解释", "HARDSHIP_ASSISTED", "困难已帮扶",
            "LAWFULLY_HANDLED", "违法行为已依法处理", "RECTIFIED", "隐患已整改", "TRANSFERRED", "已移交");
    public static final Map<String, String> SATISFACTION = ordered(
            "SATISFIED", "满意", "BASICALLY_SATISFIED", "基本满意", "UNSATISFIED", "不满意");

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
