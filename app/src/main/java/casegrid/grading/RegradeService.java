package casegrid.grading;

import static casegrid.item.RiskItemVariables.NEXT_DEADLINE;
import static casegrid.item.RiskItemVariables.PRIORITY;
import static casegrid.item.RiskItemVariables.PROCESS_KEY;
import static casegrid.item.RiskItemVariables.RESOLVE_BY;
import static casegrid.item.RiskItemVariables.RISK_LEVEL;

import casegrid.access.ItemAccess;
import casegrid.item.Codes;
import casegrid.item.Deadlines;
import casegrid.item.ItemEvent;
import casegrid.item.RegradeRequest;
import casegrid.item.RiskItem;
import casegrid.item.RiskItemStore;
import casegrid.item.RiskLevel;
import casegrid.deadline.DeadlineCalculator;
import casegrid.security.Groups;
import casegrid.web.ApiException;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The level after grading (new facts, a repeat report, a meeting's decision). Raising, and any
 * change below HIGH, takes effect at once; lowering a HIGH is a request that waits for a street
 * leader, and the item stays HIGH until one approves. The resolve-by date follows the new level
 * unless a plan set its own.
 */
@Service
public class RegradeService {

    public record Outcome(String number, String riskLevel, String requestedLevel, boolean pending) {
    }

    private final RiskItemStore items;
    private final DeadlineCalculator calculator;
    private final RuntimeService runtime;
    private final ProcessEngineConfigurationImpl engine;
    private final casegrid.org.Streets streets;

    public RegradeService(RiskItemStore items, DeadlineCalculator calculator, ProcessEngine processEngine,
                          casegrid.org.Streets streets) {
        this.streets = streets;
        this.items = items;
        this.calculator = calculator;
        this.runtime = processEngine.getRuntimeService();
        this.engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    }

    @Transactional
    public Outcome regrade(Authentication caller, String number, String level, String reason) {
        RiskItem item = items.item(number).orElseThrow(() -> ApiException.notFound("事项 " + number + " 不存在"));
        List<String> groups = ItemAccess.groups(caller);
        if (!groups.contains(streets.center(item.community())) && !groups.contains(Groups.communityStaff(item.community()))) {
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
            items.requestRegrade(number, new RegradeRequest(to, reason.strip(), actor, ClockUtil.getCurrentTime()));
            items.addEvent(number, actor, ItemEvent.REGRADE_REQUESTED,
                    "申请由高风险降为" + Codes.LEVELS.get(to.name()) + "，待街道领导审批。理由：" + reason.strip());
            return new Outcome(number, from.name(), to.name(), true);
        }
        apply(item, to, actor, reason.strip());
        return new Outcome(number, to.name(), null, false);
    }

    @Transactional
    public Outcome decide(Authentication caller, String number, Boolean approved, String note) {
        RiskItem item = items.item(number).orElseThrow(() -> ApiException.notFound("事项 " + number + " 不存在"));
        if (!ItemAccess.groups(caller).contains(streets.leaders(item.community()))) {
            throw ApiException.forbidden("高风险事项降级须由街道领导审批。");
        }
        if (approved == null) {
            throw new InvalidRequestException(List.of(new FieldProblem("approved", "必须选择是否同意")));
        }
        RegradeRequest request = items.regradeRequest(number)
                .orElseThrow(() -> ApiException.conflict("事项 " + number + " 没有待审批的降级申请。"));
        if (!item.status().isOpen()) {
            throw ApiException.conflict("事项 " + number + " 已结束，不能调整风险等级。");
        }
        String actor = caller.getName();
        String said = note == null || note.isBlank() ? "" : "：" + note.strip();
        if (!approved) {
            items.dropRegradeRequest(number);
            items.addEvent(number, actor, ItemEvent.REGRADE_REJECTED, "不同意降为" + Codes.LEVELS.get(request.level().name())
                    + "，仍为高风险" + said);
            return new Outcome(number, item.riskLevel().name(), null, false);
        }
        items.addEvent(number, actor, ItemEvent.REGRADE_APPROVED, "同意 " + request.requestedBy() + " 的降级申请" + said);
        apply(item, request.level(), request.requestedBy(), request.reason());
        return new Outcome(number, request.level().name(), null, false);
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

    /** The new level on the row, the deadline that depends on it, and the copies the process reads. */
    private void apply(RiskItem item, RiskLevel to, String actor, String reason) {
        String number = item.number();
        RiskLevel from = item.riskLevel();
        items.regrade(number, to);
        Map<String, Object> variables = new HashMap<>();
        variables.put(RISK_LEVEL, to.name());
        variables.put(PRIORITY, GradingTasks.PRIORITY_BY_LEVEL.get(to.name()));
        String deadlineNote = "";
        Date gradedAt = items.gradedAt(number).orElse(null);
        Date resolveBy = item.deadlines().resolveBy();
        // A resolve-by a plan chose stays; the level's default moves with the level.
        if (gradedAt != null && (resolveBy == null || resolveBy.equals(calculator.resolveByDefault(from.name(), gradedAt)))) {
            Deadlines stored = items.changeDeadlines(number,
                    new Deadlines(null, null, calculator.resolveByDefault(to.name(), gradedAt), null));
            variables.put(RESOLVE_BY, stored.resolveBy());
            if (stored.next() != null) {
                variables.put(NEXT_DEADLINE, stored.next());
            }
            deadlineNote = "，办结期限随之调整";
        }
        // The app's own write of variables it owns, after RegradeService has checked the caller: inside
        // an engine command, where ClientInputGuard (which refuses such writes from clients) does not
        // look, and without the caller's engine authorizations (a community's staff may not write
        // process instances directly).
        engine.getCommandExecutorTxRequired().execute(context -> {
            context.disableAuthorizationCheck();
            try {
                runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).processDefinitionKey(PROCESS_KEY)
                        .listPage(0, 10).forEach(instance -> runtime.setVariables(instance.getId(), variables));
            } finally {
                context.enableAuthorizationCheck();
            }
            return null;
        });
        items.addEvent(number, actor, ItemEvent.REGRADED, "风险等级由" + Codes.LEVELS.get(from.name()) + "调整为"
                + Codes.LEVELS.get(to.name()) + deadlineNote + "。理由：" + reason);
    }
}
