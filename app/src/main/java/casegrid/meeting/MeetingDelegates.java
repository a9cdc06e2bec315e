package casegrid.meeting;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.Codes;
import casegrid.item.ItemEvent;
import casegrid.deadline.DeadlineCalculator;
import casegrid.item.RiskItemStore;
import casegrid.org.Office;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The jointMeeting and meetingAction models' service steps. */
@Configuration(proxyBeanMethods = false)
class MeetingDelegates {

    static final String TIER = "tier";
    static final String TIER_NAME = "tierName";
    static final String ESCALATED_AT = "escalatedAt";
    static final String ESCALATION_APPROVED_BY = "escalationApprovedBy";
    static final String MEETING_ID = "meetingId";
    static final String ORGANISER = "organiser";
    static final String CONVENE_DUE = "conveneDue";
    static final String ACTION_ID = "actionId";
    static final String OWNER = "owner";
    static final String ACTION_DUE = "actionDue";
    static final String MEETING_OUTCOME = "meetingOutcome";
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Which tier this escalation goes to: one above the highest meeting the item has had. */
    @Bean
    JavaDelegate openEscalation(MeetingStore meetings, RiskItemStore items) {
        return execution -> {
            String number = execution.getProcessBusinessKey();
            escalate(execution, items, number, meetings.nextTier(number));
        };
    }

    /** Unresolved at this tier: on to the next one, through its approval. */
    @Bean
    JavaDelegate nextTier(RiskItemStore items) {
        return execution -> escalate(execution, items, execution.getProcessBusinessKey(),
                MeetingStore.above((String) execution.getVariable(TIER)));
    }

    private static void escalate(DelegateExecution execution, RiskItemStore items, String number, String tier) {
        execution.setVariable(TIER, tier);
        execution.setVariable(TIER_NAME, Codes.MEETING_TIERS.get(tier));
        execution.setVariable(ESCALATED_AT, ClockUtil.getCurrentTime());
        execution.removeVariable(ESCALATION_APPROVED_BY);
        items.escalate(number, tier);
        items.addEvent(number, currentUser(execution), ItemEvent.ESCALATED, "提请" + Codes.MEETING_TIERS.get(tier) + "联席会议"
                + ("COMMUNITY".equals(tier) ? "" : "（待审批）"));
    }

    /** The approved (or community-tier) meeting enters the ledger with its organiser and convene-by date. */
    @Bean
    JavaDelegate openMeeting(MeetingStore meetings, RiskItemStore items, DeadlineCalculator calculator,
                             casegrid.org.Streets streets) {
        return execution -> {
            String number = execution.getProcessBusinessKey();
            String community = items.require(number).community();
            String tier = (String) execution.getVariable(TIER);
            Date escalatedAt = (Date) execution.getVariable(ESCALATED_AT);
            String organiser = switch (tier) {
                case "COMMUNITY" -> "community-" + community;
                case "STREET" -> streets.center(community);
                default -> "district-meeting";
            };
            Date due = calculator.conveneBy(tier, escalatedAt);
            long id = meetings.open(number, community, tier, escalatedAt, (String) execution.getVariable(ESCALATION_APPROVED_BY),
                    organiser, due);
            execution.setVariable(MEETING_ID, id);
            execution.setVariable(ORGANISER, organiser);
            execution.setVariable(CONVENE_DUE, due);
            items.addEvent(number, null, ItemEvent.MEETING_OPENED, Codes.MEETING_TIERS.get(tier) + "联席会议待召集，应于 "
                    + shown(due) + " 前召开", organiser);
        };
    }

    /** One small meetingAction instance per action item: the owner's task with a due-date timer. */
    @Bean
    JavaDelegate trackActionItems(MeetingStore meetings, RiskItemStore items) {
        return execution -> {
            String number = execution.getProcessBusinessKey();
            for (Map<String, Object> action : meetings.actions(((Number) execution.getVariable(MEETING_ID)).longValue())) {
                Map<String, Object> vars = new HashMap<>();
                for (String name : new String[] {TITLE, COMMUNITY, COMMUNITY_NAME, CATEGORY_NAME, ADDRESS, RISK_LEVEL,
                        PRIORITY, RESPONSIBLE_UNIT, RESOLVE_BY, TIER, TIER_NAME}) {
                    vars.put(name, execution.getVariable(name));
                }
                vars.put(NUMBER, number);
                String owner = (String) action.get("owner");
                Date due = new Date(((java.sql.Timestamp) action.get("due_at")).getTime());
                vars.put(ACTION_ID, ((Number) action.get("id")).longValue());
                vars.put(OWNER, owner);
                vars.put("ownerName", meetings.unitName(owner));
                vars.put(ACTION_DUE, due);
                vars.put("actionContent", action.get("content"));
                execution.getProcessEngineServices().getRuntimeService().startProcessInstanceByKey("meetingAction", number, vars);
                items.addEvent(number, null, ItemEvent.ACTION_ITEM, "会议任务：" + action.get("content") + "（" + meetings.unitName(owner)
                        + "，" + shown(due) + " 前完成）", owner);
            }
        };
    }

    /** Not even the district tier could resolve it: resolution goes on as a long-term matter, reviewed monthly. */
    @Bean
    JavaDelegate flagLongTerm(RiskItemStore items) {
        return execution -> {
            String number = execution.getProcessBusinessKey();
            Date review = Date.from(ZonedDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), Office.ZONE)
                    .toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(Office.ZONE).toInstant());
            items.flagLongTerm(number, review);
            items.addEvent(number, null, ItemEvent.LONG_TERM, "区级联席会议仍未化解，列为长期化解事项，每月复核（下次 " + shown(review) + "）");
        };
    }

    @Bean
    JavaDelegate markActionOverdue(MeetingStore meetings, RiskItemStore items) {
        return execution -> {
            meetings.actionOverdue(((Number) execution.getVariable(ACTION_ID)).longValue());
            String owner = (String) execution.getVariable(OWNER);
            items.addEvent(execution.getProcessBusinessKey(), null, ItemEvent.ACTION_ITEM_OVERDUE, "会议任务超期未落实："
                    + execution.getVariable("actionContent") + "（" + execution.getVariable("ownerName") + "）", owner);
        };
    }

    static String shown(Date date) {
        return SHOWN.format(date.toInstant().atZone(Office.ZONE));
    }

    static String currentUser(DelegateExecution execution) {
        Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
