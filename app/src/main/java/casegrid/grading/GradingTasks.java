package casegrid.grading;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.Codes;
import casegrid.item.Grade;
import casegrid.item.ItemStatus;
import casegrid.item.RiskItemStore;
import casegrid.item.RiskLevel;
import casegrid.process.ItemDeadlines;
import casegrid.process.TaskCompletion;
import casegrid.process.TaskInputs;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Duplicate review, grading and fix-now. Grading is the warning (预警): T of T+2, so the
 * deadline clock starts here, not when someone claims a task.
 */
@Component
class GradingTasks implements TaskCompletion {

    static final Map<String, Integer> PRIORITY_BY_LEVEL = Map.of("HIGH", 90, "MEDIUM", 60, "LOW", 30);
    private final RiskItemStore items;
    private final ItemDeadlines deadlines;

    GradingTasks(RiskItemStore items, ItemDeadlines deadlines) {
        this.items = items;
        this.deadlines = deadlines;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of("Task_ReviewDuplicate", "Task_Grade", "Task_RectifyNow");
    }

    @Override
    public String complete(DelegateTask task, String actor) {
        String number = task.getExecution().getProcessBusinessKey();
        TaskInputs in = new TaskInputs(task);
        return switch (task.getTaskDefinitionKey()) {
            case "Task_ReviewDuplicate" -> reviewDuplicate(task, in, number);
            case "Task_Grade" -> grade(task, in, number, actor);
            default -> {
                String note = in.text(RECTIFICATION_NOTE, "必须填写整改情况");
                in.check();
                yield note;
            }
        };
    }

    private String reviewDuplicate(DelegateTask task, TaskInputs in, String number) {
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
        return original == null ? "不是重复事项" : "确认与 " + original + " 为同一事项";
    }

    private String grade(DelegateTask task, TaskInputs in, String number, String actor) {
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
        items.addEvent(number, actor, "WARNING", "发出" + Codes.LEVELS.get(level) + "风险预警，T+2 反馈期限开始计算");
        return "定为" + Codes.LEVELS.get(level) + "风险" + (level.equals(suggested) ? "（与建议一致）" : "（建议" + Codes.LEVELS.get(suggested) + "，理由：" + reason + "）")
                + (fixableNow ? "，能立即整改" : "，制定一事一策");
    }
}
