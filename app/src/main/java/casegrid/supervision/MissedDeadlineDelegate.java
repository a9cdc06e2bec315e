package casegrid.supervision;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.ItemEvent;
import casegrid.deadline.DeadlineCalculator;
import casegrid.item.RiskItem;
import casegrid.item.RiskItemStore;
import casegrid.org.Office;
import casegrid.org.OrgDirectory;
import casegrid.security.Groups;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * A deadline of the item passed (the model's timer fired): mark the item overdue, count the miss
 * against the responsible unit and start a supervision instance, which decides from the miss
 * number how far up the ladder to go. Each deadline occurrence counts once, however often the
 * timer is re-created.
 */
@Component("recordMissedDeadline")
public class MissedDeadlineDelegate implements JavaDelegate {

    public static final Map<String, String> DEADLINE_NAMES = Map.of(
            "feedback", "T+2 预警反馈", "weekly-update", "每周进展更新", "resolve-by", "办结期限",
            "report-in", "部门报到", "convene", "召开联席会议", "action-item", "会议任务");
    /** Optional input parameter: the unit the miss counts against, when not the item's responsible unit. */
    public static final String MISSED_UNIT = "missedUnit";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final RiskItemStore items;
    private final SupervisionRecords records;
    private final OrgDirectory org;
    private final DeadlineCalculator calculator;
    private final DeadlineTimers timers;

    public MissedDeadlineDelegate(RiskItemStore items, SupervisionRecords records, OrgDirectory org,
                                  DeadlineCalculator calculator, DeadlineTimers timers) {
        this.timers = timers;
        this.items = items;
        this.records = records;
        this.org = org;
        this.calculator = calculator;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = execution.getProcessBusinessKey();
        String deadline = (String) execution.getVariable(DEADLINE);
        Date dueAt = occurrence(execution, deadline);
        RiskItem item = items.require(number);
        String community = item.community();
        // A whistle's report-in, a meeting's convening or action item is owed by another unit than the
        // item's: the model names it in the optional input parameter missedUnit.
        Object missedUnit = execution.getVariableLocal(MISSED_UNIT);
        String unit = missedUnit != null && !missedUnit.toString().isBlank() ? missedUnit.toString()
                : item.plan().responsibleUnit() != null ? item.plan().responsibleUnit() : Groups.community(community);
        String supervisionGroup = org.community(community).map(OrgDirectory.Community::supervisionGroup).orElseThrow();
        int missNumber = item.missCount() + 1;
        Optional<Long> recordId = records.recordMiss(number, deadline, dueAt, missNumber, unit, supervisionGroup);
        if (recordId.isEmpty()) {
            return;
        }
        items.recordMiss(number);
        String name = DEADLINE_NAMES.getOrDefault(deadline, deadline);
        items.addEvent(number, null, ItemEvent.DEADLINE_MISSED, "超期：" + name + "（应于 "
                + SHOWN.format(dueAt.toInstant().atZone(Office.ZONE)) + " 前完成），第 " + missNumber + " 次超期", unit);

        Map<String, Object> vars = new HashMap<>();
        vars.put(NUMBER, number);
        vars.put(TITLE, item.title());
        vars.put(COMMUNITY, community);
        vars.put(COMMUNITY_NAME, execution.getVariable(COMMUNITY_NAME));
        vars.put(CATEGORY_NAME, execution.getVariable(CATEGORY_NAME));
        vars.put(ADDRESS, item.address());
        vars.put(RISK_LEVEL, item.riskLevel() == null ? null : item.riskLevel().name());
        vars.put(PRIORITY, execution.getVariable(PRIORITY));
        vars.put(RESPONSIBLE_UNIT, unit);
        vars.put("supervisionGroup", supervisionGroup);
        vars.put("supervisionRecordId", recordId.get());
        vars.put("missNumber", missNumber);
        vars.put(DEADLINE, deadline);
        vars.put("missedDeadline", name);
        vars.put("missCount", missNumber);
        vars.put("replyDue", calculator.dueAt("P2D", casegrid.deadline.DayCounting.WORKING, ClockUtil.getCurrentTime()));
        execution.getProcessEngineServices().getRuntimeService()
                .startProcessInstanceByKey("supervision", number, vars);
    }

    /** Which occurrence of the deadline this is: cycles fire at due, due + interval, ... */
    private Date occurrence(DelegateExecution execution, String deadline) {
        Date now = ClockUtil.getCurrentTime();
        Object variable = switch (deadline) {
            case "feedback" -> execution.getVariable(FEEDBACK_DUE);
            case "weekly-update" -> execution.getVariable(WEEKLY_UPDATE_DUE);
            case "resolve-by" -> execution.getVariable(RESOLVE_BY);
            case "report-in" -> execution.getVariable("reportInDue");
            case "convene" -> execution.getVariable("conveneDue");
            case "action-item" -> execution.getVariable("actionDue");
            default -> null;
        };
        if (!(variable instanceof Date due)) {
            return now;
        }
        Duration interval = switch (deadline) {
            case "feedback" -> timers.feedbackChaseInterval();
            case "weekly-update" -> timers.weeklyUpdateInterval();
            default -> null;
        };
        if (interval == null || !now.after(due)) {
            return due;
        }
        long steps = (now.getTime() - due.getTime()) / interval.toMillis();
        return new Date(due.getTime() + steps * interval.toMillis());
    }
}
