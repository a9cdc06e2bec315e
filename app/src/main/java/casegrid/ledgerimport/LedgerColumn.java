package casegrid.ledgerimport;

import java.util.Arrays;
import java.util.Optional;

/**
 * The columns of a street's ledger (底数台账) as the template lays them out. A file is read by its
 * header row, so the order may differ and optional columns may be left out; the required ones must be
 * there. Where a person types a name, the name or the code is accepted (社区 福源社区 or C01).
 */
enum LedgerColumn {
    NUMBER("事项编号", true, "QF-2026-000123", "原台账编号：街道编号前缀-年份-6位序号；作为流程业务编号"),
    TITLE("标题", true, "楼上漏水纠纷", "不超过 200 字"),
    DESCRIPTION("事项描述", false, "楼上住户长期漏水，多次协商未果。", "空时取标题"),
    CATEGORY("类别", true, "矛盾纠纷", "类别名称或代码，如 社会矛盾纠纷 / DISPUTE"),
    SUBCATEGORY("子类", false, "邻里纠纷", "自由填写"),
    SOURCE("来源", false, "网格排查", "来源名称或代码，空时为 其他"),
    COMMUNITY("社区", true, "福源社区", "社区名称或代码，如 福源社区 / C01"),
    GRID("网格", true, "第一网格", "网格名称或代码，须属于该社区，如 福源社区第一网格 / 第一网格 / C01-G1"),
    ADDRESS("地址", true, "福源路8号3栋", "不超过 300 字"),
    PEOPLE("涉及人数", false, "2", "空时为当事人人数"),
    LEVEL("风险等级", false, "中", "高/中/低（HIGH/MEDIUM/LOW）；已登记、待研判事项留空"),
    STATUS("状态", true, "化解中", "已登记、待研判、立即整改中、制定方案、化解中、吹哨报到、社区/街道/区级联席会议、待销号审核、已销号"),
    UNIT("责任单位", false, "福源社区", "社区、部门或街道综治中心的名称或代码；化解中、待销号审核等须填写"),
    RESOLVER("化解责任人", false, "c01-staff", "系统账号，可空（空时由责任单位认领）"),
    REPORTED_AT("上报时间", true, "2026-10-08 09:30", "日期或日期时间，如 2026-10-08 或 2026/10/08 09:30"),
    RESOLVE_BY("办结期限", false, "2026-12-31", "化解中、吹哨报到、联席会议事项须填写；当日结束前为期"),
    PARTIES("当事人", false, "张三/13800000001/当事人；李四//对方", "每人一段：姓名/电话/身份，用 ； 或换行分隔"),
    NOTES("进展情况", false, "2026-10-10 已约谈双方\n2026-10-20 组织调解一次", "每行一条：日期 内容"),
    CLOSURE_OUTCOME("化解结果", false, "合理诉求已解决", "已销号必填；待销号审核填写时在审批环节继续"),
    CLOSURE_EVIDENCE("销号说明", false, "双方签订调解协议", "化解结果的佐证材料说明"),
    CLOSED_AT("销号时间", false, "2026-11-20", "已销号必填");

    final String header;
    final boolean required;
    final String example;
    final String note;

    LedgerColumn(String header, boolean required, String example, String note) {
        this.header = header;
        this.required = required;
        this.example = example;
        this.note = note;
    }

    static Optional<LedgerColumn> byHeader(String header) {
        String h = header == null ? "" : header.replace("*", "").trim();
        return Arrays.stream(values()).filter(c -> c.header.equals(h)).findFirst();
    }
}
