package casegrid.reporting;

import static casegrid.item.RiskItemVariables.*;

import casegrid.deadline.DayCounting;
import casegrid.deadline.DeadlineCalculator;
import casegrid.item.Codes;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
import casegrid.item.ItemEvent;
import casegrid.item.RiskItemStore;
import casegrid.process.Completion;
import casegrid.process.HandlesForm;
import casegrid.process.TaskHandlers;
import casegrid.process.TaskInputs;
import casegrid.security.Groups;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The community's daily check (日核) and the resolver's answer to a flag. The staff confirm the
 * list as a whole and name, one per line, the items whose record no longer matches the ground
 * ("编号 说明"). Each flag goes on the item's timeline and starts a checkFollowUp instance (business
 * key = the item number, so it shows with the item's other open work) asking its resolver to update.
 */
@TaskHandlers
record DailyCheckTasks(DailyChecks checks, RiskItemStore items, DeadlineCalculator calculator, ReferenceData reference) {

    static final String CHECK_CONFIRMED = "checkConfirmed";
    static final String FLAGGED_ITEMS = "flaggedItems";
    static final String CHECK_NOTE = "checkNote";
    static final String FOLLOW_UP_PROCESS = "checkFollowUp";
    private static final Pattern FLAG = Pattern.compile("^([A-Z]+-\\d{4}-\\d{6})[\\s:：,，、]*(.*)$");
    private static final Map<String, Integer> PRIORITY_BY_LEVEL = Map.of("HIGH", 90, "MEDIUM", 60, "LOW", 30);

    @HandlesForm("check-follow-up")
    Completion updateAfterCheck(DelegateTask task, TaskInputs in, String number, String actor) {
        return Completion.of(ItemEvent.CHECK_FOLLOWED_UP, in.onlyNote(PROGRESS_NOTE, "必须填写更新后的情况"));
    }

    /** The check is the community's, not one item's: its event has no timeline; the flags go on theirs. */
    @HandlesForm("daily-check")
    Completion dailyCheck(DelegateTask task, TaskInputs in, String businessKey, String actor) {
        String community = (String) task.getVariable(COMMUNITY);
        Boolean confirmed = in.bool(CHECK_CONFIRMED, "请逐项核实后勾选“已逐项核实”");
        if (Boolean.FALSE.equals(confirmed)) {
            in.problem(CHECK_CONFIRMED, "请逐项核实后勾选“已逐项核实”");
        }
        Set<String> open = checks.openItems(community).stream().map(DailyChecks.OpenItem::number).collect(Collectors.toSet());
        Map<String, String> flags = new LinkedHashMap<>();
        String text = in.optionalText(FLAGGED_ITEMS);
        if (text != null) {
            for (String line : text.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = FLAG.matcher(line.strip());
                if (!m.matches()) {
                    in.problem(FLAGGED_ITEMS, "每行应以事项编号开头，后接需要更新的情况：" + line.strip());
                } else if (!open.contains(m.group(1))) {
                    in.problem(FLAGGED_ITEMS, m.group(1) + " 不是本社区的在办事项");
                } else if (m.group(2).isBlank()) {
                    in.problem(FLAGGED_ITEMS, m.group(1) + " 后须写明哪里与实际不符");
                } else {
                    flags.put(m.group(1), m.group(2).strip());
                }
            }
        }
        in.check();
        flags.forEach((number, note) -> flag(task, number, note, actor));
        checks.done(task.getProcessInstanceId(), community, actor, flags.size());
        return Completion.of(ItemEvent.DAILY_CHECK_DONE, flags.isEmpty() ? "在办事项已逐项核实，无变化"
                : "核实完毕，" + flags.size() + " 件需更新：" + String.join("、", flags.keySet()));
    }

    private void flag(DelegateTask task, String number, String note, String actor) {
        Map<String, Object> item = items.find(number).orElseThrow();
        String community = (String) item.get("community");
        String unit = item.get("responsible_unit") != null ? (String) item.get("responsible_unit") : Groups.community(community);
        items.addEvent(number, actor, ItemEvent.DAILY_CHECK_FLAGGED, "日核发现需更新：" + note, unit);
        String level = (String) item.get("risk_level");
        Map<String, Object> vars = new HashMap<>();
        vars.put(NUMBER, number);
        vars.put(TITLE, item.get("title"));
        vars.put(COMMUNITY, community);
        vars.put(COMMUNITY_NAME, checks.communityName(community));
        vars.put(CATEGORY_NAME, reference.name(Kind.CATEGORY, (String) item.get("category")));
        vars.put(ADDRESS, item.get("address"));
        vars.put(RISK_LEVEL, level);
        vars.put(PRIORITY, level == null ? 50 : PRIORITY_BY_LEVEL.get(level));
        vars.put(RESOLVER, item.get("resolver"));
        vars.put("followUpGroup", unit);
        vars.put(CHECK_NOTE, note);
        vars.put("checkedBy", actor);
        vars.put("updateDue", calculator.dueAt("P1D", DayCounting.WORKING, ClockUtil.getCurrentTime()));
        task.getProcessEngineServices().getRuntimeService().startProcessInstanceByKey(FOLLOW_UP_PROCESS, number, vars);
    }
}
