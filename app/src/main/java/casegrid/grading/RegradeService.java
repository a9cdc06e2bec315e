package casegrid.grading;

import static casegrid.item.RiskItemVariables.APPROVAL_NOTE;
import static casegrid.item.RiskItemVariables.APPROVED;
import static casegrid.item.RiskItemVariables.NEXT_DEADLINE;
import static casegrid.item.RiskItemVariables.PRIORITY;
import static casegrid.item.RiskItemVariables.PROCESS_KEY;
import static casegrid.item.RiskItemVariables.REGRADE_FROM;
import static casegrid.item.RiskItemVariables.REGRADE_REASON;
import static casegrid.item.RiskItemVariables.REGRADE_REQUESTED_BY;
import static casegrid.item.RiskItemVariables.REGRADE_TO;
import static casegrid.item.RiskItemVariables.RESOLVE_BY;
import static casegrid.item.RiskItemVariables.RISK_LEVEL;

import casegrid.access.ItemAccess;
import casegrid.item.Codes;
import casegrid.item.Deadlines;
import casegrid.item.ItemEvent;
import casegrid.item.ItemStatus;
import casegrid.item.RegradeRequest;
import casegrid.item.RiskItem;
import casegrid.item.RiskItemStore;
import casegrid.item.RiskLevel;
import casegrid.deadline.DeadlineCalculator;
import casegrid.process.Completion;
import casegrid.security.Groups;
import casegrid.web.ApiException;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The level after grading (new facts, a repeat report, a meeting's decision). Raising, and any
 * change below HIGH, takes effect at once; lowering a HIGH is a request that waits for a street
 * leader, and the item stays HIGH until one approves. The resolve-by date follows the new level
 * unless a plan set its own.
 *
 * <p>The leader decides in Tasklist (审批降级, the riskItem model's event sub-process
 * {@code SubProcess_ApproveLowering}) or over REST; both complete that one task, whose handler
 * ({@link RegradeTasks}) calls {@link #decided}. Raised to HIGH during resolution without an approved
 * emergency plan, the item gets its emergency plan drawn up and approved (SubProcess_RaisedToHigh);
 * docs/deadlines.md says why these are event sub-processes of the item's own process.
 */
@Service
public class RegradeService {

    public record Outcome(String number, String riskLevel, String requestedLevel, boolean pending) {
    }

    /** What the 卷宗 tab offers the caller: the level, a pending lowering, and whether they may change or decide it. */
    public record State(String number, String riskLevel, RegradeRequest pending, boolean mayRegrade, boolean mayDecide) {
    }

    /** The messages of riskItem's event sub-processes (processes/risk-item.bpmn). */
    static final String LOWERING_REQUESTED = "regradeLoweringRequested";
    static final String RAISED_TO_HIGH = "regradeRaisedToHigh";
    /** The leader's task of a lowering request; the REST approval completes it. */
    static final String APPROVE_REGRADE_TASK = "Task_ApproveRegrade";
    /**
     * Statuses past the plan's emergency-plan gateway and still in resolution: an item raised to HIGH
     * here has missed that gateway. Before it (grading, planning) the gateway reads the new level itself;
     * a fix-now item (rectifying) never needs one, and a write-off pending is past the work it would guide.
     */
    static final Set<ItemStatus> PAST_THE_PLAN = EnumSet.of(ItemStatus.RESOLVING, ItemStatus.WHISTLE,
            ItemStatus.MEETING_COMMUNITY, ItemStatus.MEETING_STREET, ItemStatus.MEETING_DISTRICT);

    private final RiskItemStore items;
    private final DeadlineCalculator calculator;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final ProcessEngineConfigurationImpl engine;
    private final casegrid.org.Streets streets;

    public RegradeService(RiskItemStore items, DeadlineCalculator calculator, ProcessEngine processEngine,
                          casegrid.org.Streets streets) {
        this.streets = streets;
        this.items = items;
        this.calculator = calculator;
        this.runtime = processEngine.getRuntimeService();
        this.tasks = processEngine.getTaskService();
        this.management = processEngine.getManagementService();
        this.engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    }

    /** The caller's view of the item's level; the caller has already been checked to read the item. */
    public State state(Authentication caller, String number) {
        RiskItem item = items.item(number).orElseThrow(() -> ApiException.notFound("事项 " + number + " 不存在"));
        Optional<RegradeRequest> pending = items.regradeRequest(number);
        boolean changeable = item.status().isOpen() && item.riskLevel() != null;
        return new State(number, item.riskLevel() == null ? null : item.riskLevel().name(), pending.orElse(null),
                changeable && mayRegrade(caller, item),
                changeable && pending.isPresent() && ItemAccess.groups(caller).contains(streets.leaders(item.community())));
    }

    private boolean mayRegrade(Authentication caller, RiskItem item) {
        List<String> groups = ItemAccess.groups(caller);
        return groups.contains(streets.center(item.community())) || groups.contains(Groups.communityStaff(item.community()));
    }

    @Transactional
    public Outcome regrade(Authentication caller, String number, String level, String reason) {
        RiskItem item = items.item(number).orElseThrow(() -> ApiException.notFound("事项 " + number + " 不存在"));
        if (!mayRegrade(caller, item)) {
            throw ApiException.forbidden("无权调整事项 " + number + " 的风险等级：仅限本社区工作人员和街道综治中心。");
        }
        RiskLevel to = validated(level, reason);
        if (!item.status().isOpen() || item.riskLevel() == null) {
            throw ApiException.conflict("事项 " + number + (item.riskLevel() == null ? " 尚未定级" : " 已结束") + "，不能调整风险等级。");
        }
        RiskLevel from = item.riskLevel();
        if (to == from) {
            throw new InvalidRequestException(List.of(new FieldProblem("riskLevel", "与当前风险等级相同")));
        }
        String actor = caller.getName();
        if (from == RiskLevel.HIGH) {
            if (items.regradeRequest(number).isPresent()) {
                throw ApiException.conflict("事项 " + number + " 已有待街道领导审批的降级申请，请等待审批结果。");
            }
            items.requestRegrade(number, new RegradeRequest(to, reason.strip(), actor, ClockUtil.getCurrentTime()));
            items.addEvent(number, actor, ItemEvent.REGRADE_REQUESTED,
                    "申请由高风险降为" + Codes.LEVELS.get(to.name()) + "，待街道领导审批。理由：" + reason.strip());
            Map<String, Object> shown = new HashMap<>();
            shown.put(REGRADE_FROM, from.name());
            shown.put(REGRADE_TO, to.name());
            shown.put(REGRADE_REQUESTED_BY, actor);
            shown.put(REGRADE_REASON, reason.strip());
            // An item on a riskItem version from before the sub-process has no task to start: the request
            // waits on the row and the REST approval decides it directly (decide, below).
            correlate(number, LOWERING_REQUESTED, shown);
            return new Outcome(number, from.name(), to.name(), true);
        }
        boolean emergencyPlanDue = to == RiskLevel.HIGH && PAST_THE_PLAN.contains(item.status())
                && items.events(number).stream().noneMatch(e -> ItemEvent.EMERGENCY_PLAN_APPROVED.name().equals(e.kind()));
        apply(item, to, actor, reason.strip(), emergencyPlanDue ? "；尚无经审批的应急预案，须补编并报街道领导审批" : "");
        if (emergencyPlanDue) {
            correlate(number, RAISED_TO_HIGH, Map.of());
        }
        return new Outcome(number, to.name(), null, false);
    }

    /**
     * A street leader's decision over REST: completes the item's 审批降级 task as the caller, so that
     * the task's handler applies it exactly as Tasklist does.
     */
    @Transactional
    public Outcome decide(Authentication caller, String number, Boolean approved, String note) {
        RiskItem item = items.item(number).orElseThrow(() -> ApiException.notFound("事项 " + number + " 不存在"));
        if (!ItemAccess.groups(caller).contains(streets.leaders(item.community()))) {
            throw ApiException.forbidden("高风险事项降级须由街道领导审批。");
        }
        if (approved == null) {
            throw new InvalidRequestException(List.of(new FieldProblem("approved", "必须选择是否同意")));
        }
        if (!approved && (note == null || note.isBlank())) {
            throw new InvalidRequestException(List.of(new FieldProblem("note", "不同意时必须填写意见")));
        }
        items.regradeRequest(number)
                .orElseThrow(() -> ApiException.conflict("事项 " + number + " 没有待审批的降级申请。"));
        if (!item.status().isOpen()) {
            throw ApiException.conflict("事项 " + number + " 已结束，不能调整风险等级。");
        }
        Map<String, Object> answer = new HashMap<>();
        answer.put(APPROVED, approved);
        answer.put(APPROVAL_NOTE, note == null ? "" : note.strip());
        Optional<Task> task = Optional.ofNullable(tasks.createTaskQuery().processInstanceBusinessKey(number)
                .taskDefinitionKey(APPROVE_REGRADE_TASK).singleResult());
        if (task.isPresent()) {
            tasks.complete(task.get().getId(), answer);
        } else {
            Completion completion = decided(number, approved, note, caller.getName());
            items.addEvent(number, caller.getName(), completion.event(), "审批降级：" + completion.summary());
        }
        RiskItem now = items.require(number);
        return new Outcome(number, now.riskLevel().name(), null, false);
    }

    /**
     * Applies or refuses the pending lowering: the one place a leader's decision takes effect, whether it
     * came from Tasklist or REST. Returns what the timeline says about the decision itself.
     */
    public Completion decided(String number, boolean approved, String note, String actor) {
        RiskItem item = items.require(number);
        Optional<RegradeRequest> pending = items.regradeRequest(number);
        if (pending.isEmpty()) {
            return Completion.of(ItemEvent.REGRADE_LAPSED, "没有待审批的降级申请");
        }
        if (!item.status().isOpen()) {
            // Written off (awaiting the follow-up visit) before the leader got to it.
            items.dropRegradeRequest(number);
            return Completion.of(ItemEvent.REGRADE_LAPSED, "事项已结束，降级申请不再审批");
        }
        RegradeRequest request = pending.get();
        String said = note == null || note.isBlank() ? "" : "：" + note.strip();
        if (!approved) {
            items.dropRegradeRequest(number);
            return Completion.of(ItemEvent.REGRADE_REJECTED, "不同意 " + request.requestedBy() + " 降为"
                    + Codes.LEVELS.get(request.level().name()) + "的申请，仍为高风险" + said);
        }
        apply(item, request.level(), request.requestedBy(), request.reason(), "（" + actor + " 审批同意）");
        return Completion.of(ItemEvent.REGRADE_APPROVED, "同意 " + request.requestedBy() + " 的降级申请" + said);
    }

    /** The item ended with a lowering request undecided: the request ends with it, on the timeline. */
    public void lapse(String number) {
        if (items.regradeRequest(number).isPresent()) {
            items.dropRegradeRequest(number);
            items.addEvent(number, "system", ItemEvent.REGRADE_LAPSED, "事项已结束，未审批的降级申请随之终止");
        }
    }

    private static RiskLevel validated(String level, String reason) {
        List<FieldProblem> problems = new ArrayList<>();
        if (level == null || !Codes.LEVELS.containsKey(level)) {
            problems.add(new FieldProblem("riskLevel", "必须是 HIGH、MEDIUM 或 LOW 之一"));
        }
        if (reason == null || reason.isBlank()) {
            problems.add(new FieldProblem("reason", "必须说明调整风险等级的理由"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return RiskLevel.valueOf(level);
    }

    /**
     * The new level on the row, the deadline that depends on it, and the copies the process reads: the
     * variables, the open tasks' priority and due date, and the resolve-by timer already waiting.
     */
    private void apply(RiskItem item, RiskLevel to, String actor, String reason, String addendum) {
        String number = item.number();
        RiskLevel from = item.riskLevel();
        items.regrade(number, to);
        Map<String, Object> variables = new HashMap<>();
        variables.put(RISK_LEVEL, to.name());
        int priority = GradingTasks.PRIORITY_BY_LEVEL.get(to.name());
        variables.put(PRIORITY, priority);
        String deadlineNote = "";
        Date gradedAt = items.gradedAt(number).orElse(null);
        Date resolveBy = item.deadlines().resolveBy();
        Deadlines moved = null;
        // A resolve-by a plan chose stays; the level's default moves with the level.
        if (gradedAt != null && (resolveBy == null || resolveBy.equals(calculator.resolveByDefault(from.name(), gradedAt)))) {
            moved = items.changeDeadlines(number, new Deadlines(null, null, calculator.resolveByDefault(to.name(), gradedAt), null));
            variables.put(RESOLVE_BY, moved.resolveBy());
            if (moved.next() != null) {
                variables.put(NEXT_DEADLINE, moved.next());
            }
            deadlineNote = "，办结期限随之调整";
        }
        Deadlines stored = moved;
        asApp(() -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).processDefinitionKey(PROCESS_KEY)
                .listPage(0, 10).forEach(instance -> {
                    runtime.setVariables(instance.getId(), variables);
                    for (Task open : tasks.createTaskQuery().processInstanceId(instance.getId()).listPage(0, 100)) {
                        if (APPROVE_REGRADE_TASK.equals(open.getTaskDefinitionKey())) {
                            continue; // the leader's task is being completed: it ends now
                        }
                        open.setPriority(priority);
                        if (stored != null && RESOLVE_TASK.equals(open.getTaskDefinitionKey()) && stored.next() != null) {
                            open.setDueDate(stored.next());
                        }
                        tasks.saveTask(open);
                    }
                    if (stored != null) {
                        // The resolve-by timer was set when 化解处置 began; it moves with the deadline.
                        management.createJobQuery().processInstanceId(instance.getId()).activityId(RESOLVE_BY_TIMER).listPage(0, 10)
                                .forEach(job -> management.setJobDuedate(job.getId(), stored.resolveBy()));
                    }
                }));
        items.addEvent(number, actor, ItemEvent.REGRADED, "风险等级由" + Codes.LEVELS.get(from.name()) + "调整为"
                + Codes.LEVELS.get(to.name()) + deadlineNote + addendum + "。理由：" + reason);
    }

    static final String RESOLVE_TASK = "Task_Resolve";
    static final String RESOLVE_BY_TIMER = "Timer_ResolveByPassed";

    /** Starts the item's event sub-process; an item on a definition without it has nothing to start. */
    private void correlate(String number, String message, Map<String, Object> variables) {
        // The message names are riskItem's own: the whistle and meeting instances that share the number
        // as business key do not wait for them.
        asApp(() -> runtime.createMessageCorrelation(message).processInstanceBusinessKey(number)
                .setVariables(variables).correlateAllWithResult());
    }

    /**
     * The app's own writes to the item's process, after this service has checked the caller: inside an
     * engine command, where ClientInputGuard (which refuses such writes from clients) does not look, and
     * without the caller's engine authorizations (a community's staff may not write process instances).
     */
    private void asApp(Runnable work) {
        engine.getCommandExecutorTxRequired().execute(context -> {
            context.disableAuthorizationCheck();
            try {
                work.run();
            } finally {
                context.enableAuthorizationCheck();
            }
            return null;
        });
    }
}
