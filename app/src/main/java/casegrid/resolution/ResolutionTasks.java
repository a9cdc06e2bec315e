package casegrid.resolution;

import casegrid.org.Office;
import static casegrid.item.RiskItemVariables.*;

import casegrid.item.Codes;
import casegrid.item.ItemEvent;
import casegrid.item.RiskItemStore;
import casegrid.org.OrgDirectory;
import casegrid.plan.Approvals;
import casegrid.process.ItemDeadlines;
import casegrid.process.Completion;
import casegrid.process.HandlesForm;
import casegrid.process.TaskHandlers;
import casegrid.process.TaskInputs;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
import casegrid.whistle.Departments;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** T+2 feedback, the resolver's outcomes (周调, 退单, 延期, 移交, 已化解) and extension approval. */
@TaskHandlers
record ResolutionTasks(RiskItemStore items, ItemDeadlines deadlines, OrgDirectory org, ReferenceData reference) {

    /** The outcomes Task_Resolve routes (CONTRACT.md). */
    static final List<String> OUTCOMES = List.of("CONTINUE", "RESOLVED", "EXTEND", "RETURN", "TRANSFER", "WHISTLE",
            "ESCALATE");
    /** The domain event each outcome is; the report of 申请销号 counts CLOSURE_REQUESTED, not these. */
    static final Map<String, ItemEvent> EVENTS = Map.of("CONTINUE", ItemEvent.PROGRESS_UPDATED,
            "RESOLVED", ItemEvent.RESOLUTION_REQUESTED, "EXTEND", ItemEvent.EXTENSION_REQUESTED,
            "RETURN", ItemEvent.RETURNED, "TRANSFER", ItemEvent.TRANSFERRED, "WHISTLE", ItemEvent.WHISTLE_CALLED,
            "ESCALATE", ItemEvent.ESCALATION_REQUESTED);
    static final String DEPARTMENTS = "departments";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    @HandlesForm("feedback")
    Completion feedback(DelegateTask task, TaskInputs in, String number, String actor) {
        String note = in.onlyNote(FEEDBACK_NOTE, "必须填写反馈情况");
        task.getExecution().setVariable(FEEDBACK_GIVEN, true);
        items.feedbackGiven(number, ClockUtil.getCurrentTime());
        return Completion.of(ItemEvent.FEEDBACK_GIVEN, note);
    }

    @HandlesForm("resolve")
    Completion resolve(DelegateTask task, TaskInputs in, String number, String actor) {
        String outcome = in.oneOf(RESOLUTION_OUTCOME, OUTCOMES, "必须选择处置结果");
        String progress = in.text(PROGRESS_NOTE, "必须填写进展情况");
        Date now = ClockUtil.getCurrentTime();
        Date resolveBy = items.deadlines(number).resolveBy();
        String detail = "";
        String transferTo = null;
        List<String> departments = null;
        if ("EXTEND".equals(outcome)) {
            Date extendTo = in.date(EXTEND_TO, "申请延期时必须填写延期至的日期");
            if (resolveBy != null && !now.before(resolveBy)) {
                in.problem(EXTEND_TO, "办结期限（" + day(resolveBy) + "）已过，不能再申请延期");
            } else if (extendTo != null && resolveBy != null && !extendTo.after(resolveBy)) {
                in.problem(EXTEND_TO, "延期日期必须晚于当前办结期限 " + day(resolveBy));
            }
            if (extendTo != null) {
                detail = "，申请延期至 " + day(extendTo);
            }
        } else if ("RETURN".equals(outcome)) {
            detail = "，退单理由：" + in.text(RETURN_REASON, "退单时必须填写理由");
        } else if ("TRANSFER".equals(outcome)) {
            transferTo = in.text(TRANSFER_TO, "移交时必须选择接收单位");
            // The form offered the active bodies when the task was created; one deactivated since is refused too.
            if (transferTo != null && !reference.isActive(Kind.TRANSFER_BODY, transferTo)) {
                in.problem(TRANSFER_TO, "没有在用的移交单位“" + transferTo + "”，请从移交单位名单中选择（基础数据）");
            }
            detail = "，移交至：" + reference.name(Kind.TRANSFER_BODY, transferTo);
        } else if ("WHISTLE".equals(outcome)) {
            departments = Departments.codes(task.getVariable(DEPARTMENTS));
            List<String> unknown = departments.stream().filter(d -> !org.isDepartment(d)).toList();
            if (departments.isEmpty()) {
                in.problem(DEPARTMENTS, "吹哨时必须选择至少一个报到部门");
            } else if (!unknown.isEmpty()) {
                in.problem(DEPARTMENTS, "没有这些部门：" + String.join("、", unknown));
            }
            Map<String, String> names = new java.util.HashMap<>();
            org.departments().forEach(u -> names.put(u.code(), u.name()));
            detail = "，召集：" + String.join("、", departments.stream().map(d -> names.getOrDefault(d, d)).toList());
        }
        in.check();
        if (departments != null) {
            // One plain form for the whistle, whatever the client sent (a list, a Json array, "a,b").
            task.getExecution().setVariable(DEPARTMENTS, String.join(",", departments));
        }
        var execution = task.getExecution();
        String unit = (String) task.getVariable(RESPONSIBLE_UNIT);
        Completion completion = Completion.of(EVENTS.get(outcome), Codes.RESOLUTION_OUTCOMES.get(outcome) + detail + "。" + progress);
        switch (outcome) {
            case "CONTINUE" -> deadlines.set(execution, number, null, deadlines.calculator().dueAt("weekly-update", now), null);
            case "RETURN" -> {
                execution.setVariable(RETURNED_BY, unit);
                // The return counts against the unit that returned it.
                completion = completion.concerning(unit);
            }
            case "TRANSFER" -> items.transfer(number, transferTo);
            default -> {
            }
        }
        return completion;
    }

    @HandlesForm("approve-extension")
    Completion approveExtension(DelegateTask task, TaskInputs in, String number, String actor) {
        boolean approved = Approvals.read(in);
        if (!approved) {
            return Completion.of(ItemEvent.EXTENSION_REJECTED, "不同意延期：" + in.optionalText(APPROVAL_NOTE));
        }
        Date extendTo = TaskInputs.parseDate(task.getVariable(EXTEND_TO));
        deadlines.set(task.getExecution(), number, null, null, extendTo);
        return Completion.of(ItemEvent.EXTENSION_APPROVED, "同意延期至 " + day(extendTo));
    }

    private static String day(Date date) {
        return DAY.format(date.toInstant().atZone(Office.ZONE));
    }
}
