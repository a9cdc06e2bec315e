package casegrid.grading;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.Codes;
import casegrid.item.Grade;
import casegrid.item.ItemEvent;
import casegrid.item.ItemStatus;
import casegrid.item.RiskItemStore;
import casegrid.item.RiskLevel;
import casegrid.process.ItemDeadlines;
import casegrid.process.Completion;
import casegrid.process.HandlesForm;
import casegrid.process.TaskHandlers;
import casegrid.process.TaskInputs;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Duplicate review, grading and fix-now. Grading is the warning (预警): T of T+2, so the
 * deadline clock starts here, not when someone claims a task.
 */
@TaskHandlers
record GradingTasks(RiskItemStore items, ItemDeadlines deadlines) {

    static final Map<String, Integer> PRIORITY_BY_LEVEL = Map.of("HIGH", 90, "MEDIUM", 60, "LOW", 30);

    @HandlesForm("rectify-now")
    Completion rectifyNow(DelegateTask task, TaskInputs in, String number, String actor) {
        return Completion.of(ItemEvent.RECTIFIED, in.onlyNote(RECTIFICATION_NOTE, "必须填写整改情况"));
    }

    @HandlesForm("review-duplicate")
    Completion reviewDuplicate(DelegateTask task, TaskInputs in, String number, String actor) {
        String original = in.optionalText(DUPLICATE_OF);
        if (original != null) {
            if (original.equals(number)) {
                in.problem(DUPLICATE_OF, "不能与自身合并");
            } else if (items.item(original).map(i -> ItemStatus.ELSEWHERE.contains(i.status())).orElse(true)) {
                in.problem(DUPLICATE_OF, "事项 " + original + " 不存在或已结束，不能合并");
            }
        }
        in.check();
        task.getExecution().setVariable(DUPLICATE_OF, original == null ? "" : original);
        return Completion.of(ItemEvent.DUPLICATE_REVIEWED, original == null ? "不是重复事项" : "确认与 " + original + " 为同一事项");
    }

    @HandlesForm("grade")
    Completion grade(DelegateTask task, TaskInputs in, String number, String actor) {
        String level = in.oneOf(RISK_LEVEL, Codes.LEVELS.keySet(), "必须选择风险等级");
        String suggested = (String) task.getVariable(SUGGESTED_LEVEL);
        String reason = in.optionalText(GRADE_REASON);
        if (level != null && !level.equals(suggested) && reason == null) {
            in.problem(GRADE_REASON, "风险等级与系统建议（" + Codes.LEVELS.get(suggested) + "）不同，必须说明理由");
        }
        boolean fixableNow = in.flag(FIXABLE_NOW);
        in.check();
        Date now = ClockUtil.getCurrentTime();
        DelegateExecution execution = task.getExecution();
        execution.setVariable(FIXABLE_NOW, fixableNow);
        execution.setVariable(PRIORITY, PRIORITY_BY_LEVEL.get(level));
        execution.setVariable(FEEDBACK_GIVEN, false);
        items.grade(number, new Grade(RiskLevel.valueOf(level), RiskLevel.ofNullable(suggested), reason, fixableNow, now,
                actor));
        var calculator = deadlines.calculator();
        deadlines.set(execution, number, calculator.dueAt("feedback", now), calculator.dueAt("weekly-update", now),
                calculator.resolveByDefault(level, now));
        items.addEvent(number, actor, ItemEvent.WARNING, "发出" + Codes.LEVELS.get(level) + "风险预警，T+2 反馈期限开始计算");
        return Completion.of(ItemEvent.GRADED, "定为" + Codes.LEVELS.get(level) + "风险"
                + (level.equals(suggested) ? "（与建议一致）" : "（建议" + Codes.LEVELS.get(suggested) + "，理由：" + reason + "）")
                + (fixableNow ? "，能立即整改" : "，制定一事一策"));
    }
}
