package casegrid.plan;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.ItemEvent;
import casegrid.item.Plan;
import casegrid.item.RiskItemStore;
import casegrid.org.OrgDirectory;
import casegrid.process.ItemDeadlines;
import casegrid.process.Completion;
import casegrid.process.HandlesForm;
import casegrid.process.OfferedOptions;
import casegrid.process.TaskHandlers;
import casegrid.process.TaskInputs;
import casegrid.security.Groups;
import casegrid.whistle.Departments;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * One item, one plan (一事一策): who is responsible for what, recorded by name for later
 * accountability (倒查); the emergency plan of a high risk and its approval; redispatch after a return.
 */
@TaskHandlers
record PlanTasks(RiskItemStore items, ItemDeadlines deadlines, IdentityService identityService, OrgDirectory org,
                 casegrid.org.Streets streets) {

    static final String COMMAND = "command";
    /** The people picked for the command from the item's people (user ids); their roles stay in COMMAND. */
    static final String COMMAND_STAFF = "commandStaff";
    static final String[] DUTY_HOLDERS = {RESPONSIBLE_LEADER, INVESTIGATOR, RESOLVER, STABILISER, DISPATCHER};
    static final Map<String, String> DUTY_NAMES = Map.of(RESPONSIBLE_LEADER, "包案领导", INVESTIGATOR, "摸排责任人",
            RESOLVER, "化解责任人", STABILISER, "稳控责任人", DISPATCHER, "调度责任人");
    static final Map<String, String> EMERGENCY_NAMES = Map.of("activationCriteria", "启动条件",
            "standDownCriteria", "解除条件", "command", "指挥体系", "duties", "职责分工", "emergencyMeasures", "处置措施",
            "supplies", "物资保障");

    @HandlesForm("approve-emergency-plan")
    Completion approveEmergencyPlan(DelegateTask task, TaskInputs in, String number, String actor) {
        return Approvals.read(in) ? Completion.of(ItemEvent.EMERGENCY_PLAN_APPROVED, "同意应急预案")
                : Completion.of(ItemEvent.EMERGENCY_PLAN_REJECTED, "退回应急预案：" + in.optionalText(APPROVAL_NOTE));
    }

    @HandlesForm("redispatch")
    Completion redispatch(DelegateTask task, TaskInputs in, String number, String actor) {
        return Completion.of(ItemEvent.REDISPATCHED, in.onlyNote(REDISPATCH_NOTE, "必须填写重新派单说明"));
    }

    @HandlesForm("plan")
    Completion plan(DelegateTask task, TaskInputs in, String number, String actor) {
        String unit = in.text(RESPONSIBLE_UNIT, "必须选择责任单位");
        if (unit != null && !isUnit(unit)) {
            in.problem(RESPONSIBLE_UNIT, "未知责任单位 " + unit);
        } else if (unit != null && !inItemStreet(unit, number)) {
            in.problem(RESPONSIBLE_UNIT, "责任单位 " + unit + " 不属于本事项所在街道");
        }
        Map<String, String> holders = new LinkedHashMap<>();
        StringBuilder names = new StringBuilder();
        for (String duty : DUTY_HOLDERS) {
            String user = in.text(duty, "必须指定" + DUTY_NAMES.get(duty));
            if (user != null && identityService.createUserQuery().userId(user).count() == 0) {
                in.problem(duty, "用户 " + user + " 不存在");
            }
            holders.put(duty, user);
            names.append("，").append(DUTY_NAMES.get(duty)).append(" ").append(user);
        }
        String measures = in.text(MEASURES, "必须填写化解措施");
        Date resolveBy = in.optionalDate(RESOLVE_BY);
        Date now = ClockUtil.getCurrentTime();
        if (resolveBy != null && !resolveBy.after(now)) {
            in.problem(RESOLVE_BY, "办结期限必须晚于今天");
        }
        in.check();
        // A planned item is no longer a fix-now item, whatever the grading said (the store clears it too).
        items.plan(number, new Plan(unit, holders.get(RESPONSIBLE_LEADER), holders.get(INVESTIGATOR),
                holders.get(RESOLVER), holders.get(STABILISER), holders.get(DISPATCHER), measures));
        var execution = task.getExecution();
        execution.setVariable(FIXABLE_NOW, false);
        execution.setVariable(RESPONSIBLE_UNIT, unit);
        execution.setVariable(RESOLVER, holders.get(RESOLVER));
        // The form sends an empty or a date-string resolveBy; the default is the one set at grading.
        Date resolveByDefault = items.deadlines(number).resolveBy();
        deadlines.set(execution, number, null, deadlines.calculator().dueAt("weekly-update", now),
                resolveBy != null ? resolveBy : resolveByDefault);
        return Completion.of(ItemEvent.PLANNED, "责任单位 " + unit + names);
    }

    @HandlesForm("emergency-plan")
    Completion emergencyPlan(DelegateTask task, TaskInputs in, String number, String actor) {
        Map<String, String> plan = new LinkedHashMap<>();
        for (String field : EMERGENCY_PLAN_FIELDS) {
            plan.put(field, COMMAND.equals(field) ? command(task, in) : in.text(field, "必须填写" + EMERGENCY_NAMES.get(field)));
        }
        in.check();
        items.emergencyPlan(number, plan);
        // The contract's command: the people picked and the text written, as one text, for the approver's form.
        task.getExecution().setVariable(COMMAND, plan.get(COMMAND));
        return Completion.of(ItemEvent.EMERGENCY_PLAN_DRAFTED, "启动条件：" + plan.get("activationCriteria"));
    }

    /**
     * The command (指挥体系): the people picked from the item's people (commandStaff, user ids), printed as the
     * list labels them, "姓名（单位）", then what is written in command (their roles, contacts, anyone not on the
     * list). A REST client may still send command as text alone (CONTRACT.md).
     */
    private static String command(DelegateTask task, TaskInputs in) {
        Map<String, String> offered = OfferedOptions.offered(task, PERSON_OPTIONS);
        List<String> staff = Departments.codes(task.getVariable(COMMAND_STAFF));
        List<String> unknown = staff.stream().filter(id -> !offered.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            in.problem(COMMAND_STAFF, "不是本事项可选的人员：" + String.join("、", unknown));
        }
        String picked = staff.stream().filter(offered::containsKey).map(offered::get).collect(Collectors.joining("、"));
        String written = in.optionalText(COMMAND);
        if (picked.isEmpty() && written == null && unknown.isEmpty()) {
            in.problem(COMMAND, "必须选择或填写指挥体系");
        }
        return picked.isEmpty() ? written : written == null ? picked : picked + "\n" + written;
    }

    /** Departments, communities and centres act within their own street (docs/streets.md). */
    private boolean inItemStreet(String unit, String number) {
        var street = streets.ofCommunity(items.require(number).community());
        return street.isEmpty() || street.equals(streets.ofUnit(unit));
    }

    private boolean isUnit(String group) {
        if (org.streets().stream().anyMatch(s -> s.centerGroup().equals(group))) {
            return true;
        }
        if (group.startsWith(Groups.DEPARTMENT_PREFIX)) {
            return org.isDepartment(group);
        }
        return group.startsWith(Groups.COMMUNITY_PREFIX) && !group.endsWith(Groups.LEADERS_SUFFIX)
                && org.community(group.substring(Groups.COMMUNITY_PREFIX.length())).isPresent();
    }

}
