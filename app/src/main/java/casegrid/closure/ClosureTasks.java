package casegrid.closure;

import static casegrid.item.RiskItemVariables.*;

import casegrid.attachment.Attachments;
import casegrid.item.Codes;
import casegrid.item.ItemEvent;
import casegrid.item.RiskItemStore;
import casegrid.notification.Notifications;
import casegrid.plan.Approvals;
import casegrid.process.ItemDeadlines;
import casegrid.process.Completion;
import casegrid.process.HandlesForm;
import casegrid.process.TaskHandlers;
import casegrid.process.TaskInputs;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Write-off (销号): the request with outcome and evidence, the leader's approval, and the follow-up visit (回访). */
@TaskHandlers
record ClosureTasks(RiskItemStore items, ItemDeadlines deadlines, Notifications notifications, Attachments attachments,
                    ReferenceData reference) {

    @HandlesForm("request-closure")
    Completion requestClosure(DelegateTask task, TaskInputs in, String number, String actor) {
        String outcome = in.oneOf(CLOSURE_OUTCOME, reference.active(Kind.CLOSURE_OUTCOME).keySet(), "必须选择化解结果");
        String evidence = in.text(CLOSURE_EVIDENCE, "必须填写化解结果和佐证材料");
        // Evidence is a file on the item (卷宗 → 佐证材料), never a variable; without one the resolver says why.
        String noEvidence = in.optionalText(NO_EVIDENCE_REASON);
        int files = attachments.evidenceCount(number);
        if (files == 0 && noEvidence == null) {
            in.problem(NO_EVIDENCE_REASON, "事项还没有佐证材料：请在“卷宗”中上传佐证材料，或填写没有佐证材料的原因");
        }
        in.check();
        items.recordClosureRequest(number, outcome, evidence);
        String proof = files > 0 ? "佐证材料 " + files + " 份。" : "无佐证材料，原因：" + noEvidence;
        return Completion.of(ItemEvent.CLOSURE_REQUESTED, reference.name(Kind.CLOSURE_OUTCOME, outcome) + "。" + evidence + "；" + proof);
    }

    @HandlesForm("approve-closure")
    Completion approveClosure(DelegateTask task, TaskInputs in, String number, String actor) {
        boolean approved = Approvals.read(in);
        if (!approved) {
            return Completion.of(ItemEvent.CLOSURE_REJECTED, "退回销号申请：" + in.optionalText(APPROVAL_NOTE));
        }
        Date now = ClockUtil.getCurrentTime();
        ItemDeadlines.publish(task.getExecution(),
                items.close(number, now, actor, deadlines.calculator().dueAt("follow-up-visit", now)));
        notifications.outcome(number, now);
        return Completion.of(ItemEvent.CLOSED, "同意销号（解决一个销号一个）");
    }

    @HandlesForm("follow-up-visit")
    Completion followUpVisit(DelegateTask task, TaskInputs in, String number, String actor) {
        String satisfaction = in.oneOf(SATISFACTION, Codes.SATISFACTION.keySet(), "必须选择满意度");
        String note = in.text(VISIT_NOTE, "必须填写回访情况");
        in.check();
        items.recordSatisfaction(number, satisfaction);
        if ("UNSATISFIED".equals(satisfaction)) {
            Date now = ClockUtil.getCurrentTime();
            items.reopen(number);
            items.addEvent(number, actor, ItemEvent.REOPENED, "回访不满意，事项重新进入化解（编号不变）");
            String level = items.require(number).riskLevel().name();
            deadlines.set(task.getExecution(), number, null, deadlines.calculator().dueAt("weekly-update", now),
                    deadlines.calculator().resolveByDefault(level, now));
        }
        return Completion.of(ItemEvent.FOLLOW_UP_VISITED, Codes.SATISFACTION.get(satisfaction) + "。" + note);
    }
}
