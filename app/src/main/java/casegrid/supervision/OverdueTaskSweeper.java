package casegrid.supervision;

import static casegrid.item.RiskItemVariables.CATEGORY_NAME;
import static casegrid.item.RiskItemVariables.COMMUNITY_NAME;
import static casegrid.item.RiskItemVariables.PRIORITY;

import casegrid.deadline.DayCounting;
import casegrid.deadline.DeadlineCalculator;
import casegrid.deadline.DueTasks;
import casegrid.deadline.TaskDeadlineTable;
import casegrid.item.ItemEvent;
import casegrid.item.RiskItem;
import casegrid.item.RiskItemStore;
import casegrid.org.Streets;
import casegrid.notification.DeadlineNotices;
import casegrid.security.Groups;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Chases every open user task whose due date has passed, without a timer in any model: the first miss at
 * the due date, then one more each {@code casegrid.deadlines.chase-every} (working days) until the task
 * is done. Each miss climbs the supervision ladder once ({@link MissedDeadlineDelegate#chase}) against the
 * unit the deadline table names (the task's holder, its leaders or the street center).
 *
 * <p>Why a sweep and not a boundary timer per task: a timer has to be drawn on every task of every model
 * (and a designer's new task would have none); the sweep covers them all, reads the open tasks through
 * an index on ACT_RU_TASK's due date in bounded pages, and is safe on several nodes because the row
 * {@code task_deadline_miss (task_id, miss_number)} is written in the transaction that starts the ladder.
 * A task whose model draws its own timer on it (T+2 feedback, resolution, report-in, convening, action
 * items, the daily check) is left to that timer, so no miss is chased twice.
 *
 * <p>A sweep that finds a task several periods behind (the app was down) chases the current miss once, at
 * its rung, rather than every period it slept through.
 */
@Component
public class OverdueTaskSweeper {

    private static final Logger log = LoggerFactory.getLogger(OverdueTaskSweeper.class);
    /** A sweep never counts further: a task a year behind is at the top of the ladder anyway. */
    private static final int MAX_MISSES = 366;

    private final ProcessEngine engine;
    private final JdbcClient jdbc;
    private final CommandExecutor commands;
    private final RiskItemStore items;
    private final MissedDeadlineDelegate ladder;
    private final SupervisionRecords records;
    private final DeadlineCalculator calculator;
    private final DueTasks dueTasks;
    private final DeadlineNotices notices;
    private final String chaseEvery;
    private final Streets streets;
    private final Map<String, Set<String>> tasksWithOwnTimer = new ConcurrentHashMap<>();

    public OverdueTaskSweeper(ProcessEngine engine, JdbcClient jdbc,
                              RiskItemStore items, MissedDeadlineDelegate ladder, SupervisionRecords records,
                              DeadlineCalculator calculator, DueTasks dueTasks, DeadlineNotices notices,
                              @Value("${casegrid.deadlines.chase-every:P1D}") String chaseEvery, Streets streets) {
        this.streets = streets;
        this.engine = engine;
        this.jdbc = jdbc;
        this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
        this.items = items;
        this.ladder = ladder;
        this.records = records;
        this.calculator = calculator;
        this.dueTasks = dueTasks;
        this.notices = notices;
        this.chaseEvery = chaseEvery;
        calculator.dueAt(chaseEvery, DayCounting.WORKING, new Date());
    }

    @Scheduled(fixedDelayString = "${casegrid.deadlines.sweep-every:PT5M}",
            initialDelayString = "${casegrid.deadlines.sweep-every:PT5M}")
    public void scheduledSweep() {
        int chased = sweep();
        if (chased > 0) {
            log.info("Chased {} missed task deadlines", chased);
        }
    }

    /** Chases every miss due by the engine clock's now; returns how many new misses it chased. */
    public int sweep() {
        Date now = ClockUtil.getCurrentTime();
        // One engine command per task: its miss row, the item's events and the supervision it starts
        // commit together, and the starts inside it are the engine's own, not a client's.
        return dueTasks.each(null, now, task -> !hasOwnTimer(task)
                && Boolean.TRUE.equals(commands.execute(context -> chase(task, now))));
    }

    /** The miss {@code now} falls in: 1 from the due date, one more each chase-every after it. */
    int missNumber(Date due, Date now) {
        int miss = 1;
        Date next = nextMiss(due);
        while (!next.after(now) && miss < MAX_MISSES) {
            miss++;
            next = nextMiss(next);
        }
        return miss;
    }

    /** When the miss after one at {@code missAt} falls; counted from the day the previous one ended. */
    private Date nextMiss(Date missAt) {
        return calculator.dueAt(chaseEvery, DayCounting.WORKING, new Date(missAt.getTime() - 1));
    }

    private Date missAt(Date due, int missNumber) {
        Date at = due;
        for (int i = 1; i < missNumber; i++) {
            at = nextMiss(at);
        }
        return at;
    }

    private boolean chase(Task task, Date now) {
        int missNumber = missNumber(task.getDueDate(), now);
        Date missAt = missAt(task.getDueDate(), missNumber);
        var runtime = engine.getRuntimeService();
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult();
        if (instance == null) {
            return false;
        }
        String number = instance.getBusinessKey();
        String form = formOf(task);
        TaskDeadlineTable.Rule rule = TaskDeadlineTable.lookUp(engine.getDecisionService(), form,
                runtime.getVariable(task.getExecutionId(), "riskLevel"));
        String holder = holder(task, number);
        String unit = chasedUnit(rule.chased(), holder, streets);
        boolean recorded = jdbc.sql("""
                insert into task_deadline_miss (task_id, miss_number, number, form_id, unit, due_at, missed_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(task.getId(), missNumber, number, form, unit, RiskItemStore.ts(task.getDueDate()),
                        RiskItemStore.ts(now)).update() == 1;
        if (recorded) {
            notices.taskMissed(task, number, missNumber, missAt, leadersOf(holder, streets));
        }
        if (!recorded || number == null || !items.exists(number)) {
            return recorded;
        }
        String name = task.getName() == null ? task.getTaskDefinitionKey() : task.getName().split(" · ")[0];
        Object supervisionRecordId = runtime.getVariable(task.getExecutionId(), "supervisionRecordId");
        if (supervisionRecordId instanceof Number recordId) {
            // A late supervision task climbs its own record: a new supervision about the supervision would
            // only add one more task to be late with.
            items.recordMiss(number);
            items.addEvent(number, null, ItemEvent.DEADLINE_MISSED, "超期：" + name + "，第 " + missNumber + " 次催办", unit);
            if (missNumber >= 3) {
                records.climb(recordId.longValue(), SupervisionRecords.NOTICE);
            }
            return true;
        }
        Map<String, Object> shown = runtime.getVariables(task.getExecutionId(), List.of(COMMUNITY_NAME, CATEGORY_NAME, PRIORITY));
        ladder.chase(runtime, number, form == null ? task.getTaskDefinitionKey() : form, name, missAt, unit, missNumber,
                MissedDeadlineDelegate.shown(shown.get(COMMUNITY_NAME), shown.get(CATEGORY_NAME), shown.get(PRIORITY)));
        return true;
    }

    /** The group holding the task; a task without one is held by the centre of its item's street. */
    private String holder(Task task, String number) {
        List<IdentityLink> links = engine.getTaskService().getIdentityLinksForTask(task.getId());
        return links.stream().filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).findFirst()
                .orElseGet(() -> streets.center(number == null ? null : items.item(number).map(RiskItem::community).orElse(null)));
    }

    /** The unit a miss is held against, by the table's answer and the group holding the task (in its street). */
    static String chasedUnit(TaskDeadlineTable.Chased chased, String holder, Streets streets) {
        return switch (chased) {
            case HOLDER -> holder;
            case CENTER -> streets.centerOfUnit(holder);
            case LEADER -> leadersOf(holder, streets);
        };
    }

    /** The leaders' group of the unit holding a task: a community's leaders, else the leaders of the unit's street. */
    public static String leadersOf(String holder, Streets streets) {
        if (holder.startsWith(Groups.COMMUNITY_PREFIX) && !holder.endsWith(Groups.LEADERS_SUFFIX)) {
            String community = holder.endsWith(Groups.STAFF_SUFFIX)
                    ? holder.substring(0, holder.length() - Groups.STAFF_SUFFIX.length()) : holder;
            return community + Groups.LEADERS_SUFFIX;
        }
        return streets.leadersOfUnit(holder);
    }

    private boolean hasOwnTimer(Task task) {
        return tasksWithOwnTimer.computeIfAbsent(task.getProcessDefinitionId(),
                id -> tasksWithOwnTimer(engine.getRepositoryService().getBpmnModelInstance(id)))
                .contains(task.getTaskDefinitionKey());
    }

    /** The user tasks of a model that carry a timer of their own: their misses are the model's to chase. */
    public static Set<String> tasksWithOwnTimer(BpmnModelInstance model) {
        Collection<BoundaryEvent> boundaries = model.getModelElementsByType(BoundaryEvent.class);
        return boundaries.stream()
                .filter(b -> b.getAttachedTo() instanceof UserTask
                        && !b.getChildElementsByType(TimerEventDefinition.class).isEmpty())
                .map(b -> b.getAttachedTo().getId())
                .collect(Collectors.toSet());
    }

    private String formOf(Task task) {
        var element = engine.getRepositoryService().getBpmnModelInstance(task.getProcessDefinitionId())
                .getModelElementById(task.getTaskDefinitionKey());
        return element instanceof UserTask userTask ? userTask.getCamundaFormRef() : null;
    }
}
