package casegrid.closure;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.Codes;
import casegrid.item.ItemEvent;
import casegrid.item.ItemStatus;
import casegrid.item.RiskItemStore;
import casegrid.notification.Notifications;
import casegrid.plan.Approvals;
import casegrid.process.ItemDeadlines;
import casegrid.process.Completion;
import casegrid.process.HandlesForm;
import casegrid.process.TaskHandlers;
import casegrid.process.TaskInputs;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Write-off (销号): the request with outcome and evidence, the leader's approval, and the follow-up visit (回访). */
@TaskHandlers
record ClosureTasks(RiskItemStore items, ItemDeadlines deadlines, Notifications notifications) {

    @HandlesForm("request-closure")
    Completion requestClosure(DelegateTask task, TaskInputs in, String number, String actor) {
        String outcome = in.oneOf(CLOSURE_OUTCOME, Codes.CLOSURE_OUTCOMES.keySet(), "必须选择化解结果");
        String evidence = in.text(CLOSURE_EVIDENCE, "必须填写化解结果和佐证材料");
        in.check();
        items.update(number, Map.of("closure_outcome", outcome, "closure_evidence", evidence));
        return Completion.of(ItemEvent.CLOSURE_REQUESTED, Codes.CLOSURE_OUTCOMES.get(outcome) + "。" + evidence);
    }

    @HandlesForm("approve-closure")
    Completion approveClosure(DelegateTask task, TaskInputs in, String number, String actor) {
        boolean approved = Approvals.read(in);
        if (!approved) {
            return Completion.of(ItemEvent.CLOSURE_REJECTED, "退回销号申请：" + in.optionalText(APPROVAL_NOTE));
        }
        Date now = ClockUtil.getCurrentTime();
        Map<String, Object> columns = new HashMap<>();
        columns.put("status", ItemStatus.CLOSED.name());
        columns.put("closed_at", now);
        columns.put("closed_by", actor);
        columns.put("overdue", false);
        items.update(number, columns);
        task.getExecution().setVariable(FOLLOW_UP_DUE, deadlines.calculator().dueAt("follow-up-visit", now));
        notifications.outcome(number, now);
        return Completion.of(ItemEvent.CLOSED, "同意销号（解决一个销号一个）");
    }

    @HandlesForm("follow-up-visit")
    Completion followUpVisit(DelegateTask task, TaskInputs in, String number, String actor) {
        String satisfaction = in.oneOf(SATISFACTION, Codes.SATISFACTION.keySet(), "必须选择满意度");
        String note = in.text(VISIT_NOTE, "必须填写回访情况");
        in.check();
        items.update(number, Map.of("satisfaction", satisfaction));
        if ("UNSATISFIED".equals(satisfaction)) {
            Date now = ClockUtil.getCurrentTime();
            Map<String, Object> reopened = new HashMap<>();
            reopened.put("status", ItemStatus.RESOLVING.name());
            reopened.put("closed_at", null);
            reopened.put("closed_by", null);
            items.update(number, reopened);
            items.incrementCounter(number, "reopen_count");
            items.addEvent(number, actor, ItemEvent.REOPENED, "回访不满意，事项重新进入化解（编号不变）");
            String level = (String) task.getVariable(RISK_LEVEL);
            deadlines.set(task.getExecution(), number, null, deadlines.calculator().dueAt("weekly-update", now),
                    deadlines.calculator().resolveByDefault(level, now));
        }
        return Completion.of(ItemEvent.FOLLOW_UP_VISITED, Codes.SATISFACTION.get(satisfaction) + "。" + note);
    }
}
