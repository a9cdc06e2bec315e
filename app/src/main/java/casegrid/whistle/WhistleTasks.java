package casegrid.whistle;

import casegrid.org.Office;
import static casegrid.item.RiskItemVariables.DEPARTMENT_PEOPLE_OPTIONS;
import static casegrid.whistle.WhistleDelegates.*;

import casegrid.deadline.DeadlineCalculator;
import casegrid.item.ItemEvent;
import casegrid.process.Completion;
import casegrid.process.HandlesForm;
import casegrid.process.OfferedOptions;
import casegrid.process.TaskHandlers;
import casegrid.process.TaskInputs;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * A department reports in or declines, the street center rules on a decline, the community rates the response.
 * The report-in and the ruling concern one department: their events name it as the unit.
 */
@TaskHandlers
record WhistleTasks(WhistleStore whistles, DeadlineCalculator calculator) {

    static final String REPORTED_PERSON = "reportedPerson";
    /** The person sent, picked from the department's people (a user id); reportedPerson adds title and phone. */
    static final String REPORTED_STAFF = "reportedStaff";
    static final String OPINION = "opinion";
    static final String DECLINED = "declined";
    static final String DECLINE_REASON = "declineReason";
    static final String ARBITRATION = "arbitration";
    static final String ARBITRATION_NOTE = "arbitrationNote";
    static final String JOINT_ACTION = "jointAction";

    @HandlesForm("report-in")
    Completion reportIn(DelegateTask task, TaskInputs in, String number, String actor) {
        long whistleId = WhistleStore.id(task.getVariable(WHISTLE_ID));
        String department = (String) task.getVariable(DEPARTMENT);
        String name = (String) task.getVariable(DEPARTMENT_NAME);
        boolean declined = in.flag(DECLINED);
        String summary;
        if (declined) {
            String reason = in.text(DECLINE_REASON, "拒绝报到时必须说明理由");
            in.check();
            whistles.declined(whistleId, department, actor, reason);
            summary = name + "拒绝报到：" + reason;
        } else {
            String person = reportedPerson(task, in);
            String opinion = in.text(OPINION, "必须填写处置意见");
            in.check();
            whistles.reported(whistleId, department, actor, person, opinion);
            summary = name + "已报到，派出 " + person + "；意见：" + opinion;
        }
        String reason = declined ? in.optionalText(DECLINE_REASON) : null;
        // The answers landed on the whistle instance, shared by all departments: another department's
        // form must not be prefilled with them. The arbitration form still needs this one's reason.
        forget(task.getExecution(), REPORTED_STAFF, REPORTED_PERSON, OPINION, DECLINED, DECLINE_REASON);
        if (declined) {
            departmentScope(task).setVariableLocal(DECLINE_REASON, reason);
        }
        return Completion.of(declined ? ItemEvent.REPORT_IN_DECLINED : ItemEvent.REPORTED_IN, summary).concerning(department);
    }

    /**
     * Who the department sends: the person picked from its people, printed as the list labels them
     * ("姓名（单位）"), followed by what reportedPerson adds (title, phone, or someone not on the list). A REST
     * client may still send reportedPerson alone (CONTRACT.md).
     */
    private static String reportedPerson(DelegateTask task, TaskInputs in) {
        String staff = in.optionalText(REPORTED_STAFF);
        String more = in.optionalText(REPORTED_PERSON);
        String picked = staff == null ? null : OfferedOptions.offered(task, DEPARTMENT_PEOPLE_OPTIONS).get(staff);
        if (staff != null && picked == null) {
            in.problem(REPORTED_STAFF, "不是本部门的人员：" + staff);
        } else if (picked == null && more == null) {
            in.problem(REPORTED_PERSON, "必须选择或填写派出人员");
        }
        return picked == null ? more : more == null ? picked : picked + " " + more;
    }

    @HandlesForm("arbitrate-decline")
    Completion arbitrate(DelegateTask task, TaskInputs in, String number, String actor) {
        long whistleId = WhistleStore.id(task.getVariable(WHISTLE_ID));
        String department = (String) task.getVariable(DEPARTMENT);
        String name = (String) task.getVariable(DEPARTMENT_NAME);
        String ruling = in.oneOf(ARBITRATION, List.of(WhistleStore.RELEASED, WhistleStore.HELD), "必须选择裁定结果");
        String note = in.text(ARBITRATION_NOTE, "必须填写裁定意见");
        in.check();
        Date newDue = null;
        if (WhistleStore.HELD.equals(ruling)) {
            // Held to report: a fresh report-in deadline for this department only.
            newDue = calculator.dueAt("report-in", ClockUtil.getCurrentTime());
            departmentScope(task).setVariableLocal(REPORT_IN_DUE, newDue);
        }
        whistles.arbitrated(whistleId, department, actor, ruling, note, newDue);
        forget(task.getExecution(), ARBITRATION, ARBITRATION_NOTE);
        // Ruled on: a department held to report starts a clean form.
        departmentScope(task).removeVariableLocal(DECLINE_REASON);
        String summary = WhistleStore.HELD.equals(ruling)
                ? "责令" + name + "于 " + SHOWN.format(newDue.toInstant().atZone(Office.ZONE)) + " 前报到：" + note
                : "放行" + name + "：" + note;
        return Completion.of(WhistleStore.HELD.equals(ruling) ? ItemEvent.REPORT_IN_HELD : ItemEvent.REPORT_IN_RELEASED,
                summary).concerning(department);
    }

    @HandlesForm("joint-handling")
    Completion jointHandling(DelegateTask task, TaskInputs in, String number, String actor) {
        long whistleId = WhistleStore.id(task.getVariable(WHISTLE_ID));
        String action = in.text(JOINT_ACTION, "必须填写联合处置情况");
        List<Map<String, Object>> called = whistles.reportIns(whistleId);
        List<JsonNode> ratings = Departments.objects(task.getVariable(RATINGS));
        int[][] scores = new int[called.size()][];
        for (int i = 0; i < called.size(); i++) {
            String department = (String) called.get(i).get("department");
            String name = (String) called.get(i).get("department_name");
            JsonNode rating = find(ratings, department, i);
            int timeliness = score(in, rating, "timeliness", "请为" + name + "的响应及时性评分（1–5 分）");
            int effectiveness = score(in, rating, "effectiveness", "请为" + name + "的处置实效评分（1–5 分）");
            scores[i] = new int[] {timeliness, effectiveness};
        }
        in.check();
        whistles.handled(whistleId, actor, action);
        StringBuilder summary = new StringBuilder(action).append("。评分：");
        for (int i = 0; i < called.size(); i++) {
            whistles.rate(whistleId, number, (String) called.get(i).get("department"), scores[i][0], scores[i][1], actor);
            summary.append(i == 0 ? "" : "，").append(called.get(i).get("department_name"))
                    .append(" 及时性 ").append(scores[i][0]).append(" 实效 ").append(scores[i][1]);
        }
        return Completion.of(ItemEvent.JOINTLY_HANDLED, summary.toString());
    }

    /** The rating for a department: by its code if the row carries it, else by position (a dynamic list's order). */
    private static JsonNode find(List<JsonNode> ratings, String department, int index) {
        for (JsonNode rating : ratings) {
            if (department.equals(rating.path(DEPARTMENT).asText(null))) {
                return rating;
            }
        }
        return index < ratings.size() ? ratings.get(index) : null;
    }

    private static int score(TaskInputs in, JsonNode rating, String field, String message) {
        JsonNode value = rating == null ? null : rating.get(field);
        // 2.7 is not a score: only whole numbers (as numbers or digits) count, nothing is rounded.
        Integer parsed = value == null || value.isNull() || value.isContainerNode() ? null
                : TaskInputs.parseInteger(value.isNumber() ? value.numberValue() : value.asText());
        int score = parsed == null ? 0 : parsed;
        if (score < 1 || score > 5) {
            in.problem(RATINGS, message);
        }
        return score;
    }

    private static void forget(DelegateExecution execution, String... names) {
        for (String name : names) {
            execution.removeVariable(name);
        }
    }

    /** The execution of this department's report-in (the multi-instance element that holds {@code department}). */
    static DelegateExecution departmentScope(DelegateTask task) {
        ExecutionEntity execution = (ExecutionEntity) task.getExecution();
        while (execution != null && !execution.hasVariableLocal(DEPARTMENT)) {
            execution = execution.getParent();
        }
        if (execution == null) {
            throw new IllegalStateException("no report-in scope for task " + task.getId());
        }
        return execution;
    }
}
