package casegrid.supervision;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.ItemEvent;
import casegrid.deadline.DeadlineCalculator;
import casegrid.item.RiskItem;
import casegrid.item.RiskItemStore;
import casegrid.notification.DeadlineNotices;
import casegrid.org.Office;
import casegrid.org.OrgDirectory;
import casegrid.org.Streets;
import casegrid.security.Groups;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
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
    private final DeadlineNotices notices;
    private final Streets streets;

    public MissedDeadlineDelegate(RiskItemStore items, SupervisionRecords records, OrgDirectory org,
                                  DeadlineCalculator calculator, DeadlineTimers timers, DeadlineNotices notices,
                                  Streets streets) {
        this.streets = streets;
        this.timers = timers;
        this.notices = notices;
        this.items = items;
        this.records = records;
        this.org = org;
        this.calculator = calculator;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String number = execution.getProcessBusinessKey();
        String deadline = (String) execution.getVariable(DEADLINE);
        // A whistle's report-in, a meeting's convening or action item is owed by another unit than the
        // item's: the model names it in the optional input parameter missedUnit.
        Object missedUnit = execution.getVariableLocal(MISSED_UNIT);
        chase(execution.getProcessEngineServices().getRuntimeService(), number, deadline,
                DEADLINE_NAMES.getOrDefault(deadline, deadline), occurrence(execution, deadline),
                missedUnit == null || missedUnit.toString().isBlank() ? null : missedUnit.toString(), 0,
                shown(execution.getVariable(COMMUNITY_NAME), execution.getVariable(CATEGORY_NAME),
                        execution.getVariable(PRIORITY)));
    }

    /**
     * Counts one miss of {@code deadline} (due at {@code dueAt}) against {@code unit} (null: the item's
     * responsible unit, else its community) and starts the supervision ladder for it; nothing when this
     * miss was recorded already. {@code missNumber} is the rung to climb to, or 0 for the item's next miss.
     *
     * @param shown the calling process's display variables (community and category names, priority)
     * @return whether the miss was new
     */
    public boolean chase(RuntimeService runtime, String number, String deadline, String deadlineName, Date dueAt,
                         String unit, int missNumber, Map<String, Object> shown) {
        RiskItem item = items.require(number);
        String community = item.community();
        String chased = unit != null ? unit
                : item.plan().responsibleUnit() != null ? item.plan().responsibleUnit() : Groups.community(community);
        String supervisionGroup = org.community(community).map(OrgDirectory.Community::supervisionGroup).orElseThrow();
        int rung = missNumber > 0 ? missNumber : item.missCount() + 1;
        Optional<Long> recordId = records.recordMiss(number, deadline, dueAt, rung, chased, supervisionGroup);
        if (recordId.isEmpty()) {
            return false;
        }
        items.recordMiss(number);
        if (missNumber == 0) {
            // A model timer's miss; the sweep (missNumber > 0) has told the task's own people already.
            notices.unitMissed(recordId.get(), number, deadlineName, dueAt, rung, chased, OverdueTaskSweeper.leadersOf(chased, streets));
        }
        items.addEvent(number, null, ItemEvent.DEADLINE_MISSED, "超期：" + deadlineName + "（应于 "
                + SHOWN.format(dueAt.toInstant().atZone(Office.ZONE)) + " 前完成），第 " + rung + " 次超期", chased);

        Map<String, Object> vars = new HashMap<>(shown);
        vars.put(NUMBER, number);
        vars.put(TITLE, item.title());
        vars.put(COMMUNITY, community);
        vars.put(ADDRESS, item.address());
        vars.put(RISK_LEVEL, item.riskLevel() == null ? null : item.riskLevel().name());
        vars.put(RESPONSIBLE_UNIT, chased);
        vars.put("supervisionGroup", supervisionGroup);
        vars.put("supervisionRecordId", recordId.get());
        vars.put("missNumber", rung);
        vars.put(DEADLINE, deadline);
        vars.put("missedDeadline", deadlineName);
        vars.put("missCount", rung);
        vars.put("replyDue", calculator.dueAt("P2D", casegrid.deadline.DayCounting.WORKING, ClockUtil.getCurrentTime()));
        runtime.startProcessInstanceByKey("supervision", number, vars);
        return true;
    }

    /** The display variables a supervision instance shows, taken from the process that missed. */
    public static Map<String, Object> shown(Object communityName, Object categoryName, Object priority) {
        Map<String, Object> shown = new HashMap<>();
        shown.put(COMMUNITY_NAME, communityName);
        shown.put(CATEGORY_NAME, categoryName);
        shown.put(PRIORITY, priority);
        return shown;
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
            case "report-in", "convene", "action-item" -> timers.repeatInterval();
            default -> null;
        };
        if (interval == null || !now.after(due)) {
            return due;
        }
        long steps = (now.getTime() - due.getTime()) / interval.toMillis();
        return new Date(due.getTime() + steps * interval.toMillis());
    }
}
