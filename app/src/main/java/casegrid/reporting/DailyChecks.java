package casegrid.reporting;

import casegrid.deadline.WorkingCalendar;
import casegrid.item.Codes;
import casegrid.item.ItemStatus;
import casegrid.item.RiskItemStore;
import casegrid.org.Office;
import casegrid.org.OrgDirectory;
import casegrid.process.ModelApi;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * 日核: every working day each community verifies its open items. The dailyCheck process reads
 * this bean as {@code dailyChecks}: which communities get a check today, the list each one sees,
 * and the day's checks left undone at its end.
 */
@ModelApi
@Component("dailyChecks")
public class DailyChecks {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final JdbcClient jdbc;
    private final WorkingCalendar calendar;
    private final OrgDirectory org;

    public DailyChecks(JdbcClient jdbc, WorkingCalendar calendar, OrgDirectory org) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.org = org;
    }

    /** An open item as the check lists it. */
    public record OpenItem(String number, String title, String level, Timestamp nextDeadline, Timestamp lastUpdate) {
    }

    public static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(Office.ZONE).toLocalDate();
    }

    /**
     * Opens today's checks: one per community with open items, on working days only (China's
     * holidays and 调休 from the WorkingCalendar; the cron fires every day it is told to, the
     * calendar decides). A second start on the same day opens nothing new.
     */
    public void open(DelegateExecution execution) {
        LocalDate day = today();
        boolean working = calendar.isWorkingDay(day);
        execution.setProcessBusinessKey("daily-" + day);
        execution.setVariable("checkDay", DAY.format(day));
        execution.setVariable("workingDay", working);
        execution.setVariable("checkDayEnd", Date.from(day.plusDays(1).atStartOfDay(Office.ZONE).toInstant()));
        if (!working) {
            return;
        }
        jdbc.sql("""
                insert into daily_check (check_day, community, process_instance_id, open_items, status, created_at)
                select :day, i.community, :pi, count(*), 'OPEN', :now from risk_item i
                where i.status in (:open) group by i.community
                on conflict (check_day, community) do nothing""")
                .params(ItemStatus.SQL_PARAMS).param("day", day).param("pi", execution.getProcessInstanceId())
                .param("now", RiskItemStore.ts(ClockUtil.getCurrentTime())).update();
    }

    /** The communities whose check this instance opened (the multi-instance collection). */
    @ModelApi
    public List<String> communitiesOf(DelegateExecution execution) {
        return jdbc.sql("select community from daily_check where process_instance_id = ? order by community")
                .param(execution.getProcessInstanceId()).query(String.class).list();
    }

    @ModelApi
    public String communityName(String community) {
        return org.community(community).map(OrgDirectory.Community::name).orElse(community);
    }

    public List<OpenItem> openItems(String community) {
        return jdbc.sql("""
                select i.number, i.title, i.risk_level as level,
                    least(case when i.feedback_at is null then i.feedback_due end, i.weekly_update_due, i.resolve_by) as next_deadline,
                    (select max(ev.at) from risk_item_event ev where ev.number = i.number) as last_update
                from risk_item i where i.community = :community and i.status in (:open)
                order by i.number""")
                .params(ItemStatus.SQL_PARAMS).param("community", community).query(OpenItem.class).list();
    }

    /** The list the staff verify, one line per item: what Task_DailyCheck's form shows read-only. */
    public String listing(String community) {
        StringBuilder text = new StringBuilder();
        for (OpenItem item : openItems(community)) {
            text.append(item.number()).append("｜").append(item.title())
                    .append("｜").append(item.level() == null ? "未定级" : Codes.LEVELS.get(item.level()) + "风险")
                    .append("｜下一期限 ").append(day(item.nextDeadline()))
                    .append("｜最近更新 ").append(day(item.lastUpdate())).append('\n');
        }
        return text.length() == 0 ? "（无在办事项）" : text.toString().stripTrailing();
    }

    public Map<String, Object> check(String processInstanceId, String community) {
        return jdbc.sql("select * from daily_check where process_instance_id = ? and community = ?")
                .params(processInstanceId, community).query().singleRow();
    }

    public void done(String processInstanceId, String community, String actor, int flagged) {
        jdbc.sql("""
                update daily_check set status = 'DONE', done_by = ?, done_at = ?, flagged = ?
                where process_instance_id = ? and community = ? and status = 'OPEN'""")
                .params(actor, RiskItemStore.ts(ClockUtil.getCurrentTime()), flagged, processInstanceId, community).update();
    }

    /** The day ended: what was not checked counts against the community's data quality. */
    public int recordMissed(String processInstanceId) {
        return jdbc.sql("update daily_check set status = 'MISSED' where process_instance_id = ? and status = 'OPEN'")
                .param(processInstanceId).update();
    }

    private static String day(Timestamp at) {
        return at == null ? "—" : DAY.format(at.toInstant().atZone(Office.ZONE));
    }

    /** The delegates the dailyCheck model binds to. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Delegates {

        @org.springframework.context.annotation.Bean
        JavaDelegate openDailyChecks(DailyChecks checks) {
            return checks::open;
        }

        /** Each community's check shows its own list; its answers stay on its own inner execution. */
        @org.springframework.context.annotation.Bean
        TaskListener prepareDailyCheckTask(DailyChecks checks) {
            return task -> {
                String community = (String) task.getVariable("community");
                var execution = task.getExecution();
                execution.setVariableLocal("communityName", checks.communityName(community));
                execution.setVariableLocal("openItems", checks.listing(community));
                execution.setVariableLocal("checkConfirmed", null);
                execution.setVariableLocal("flaggedItems", null);
            };
        }

        @org.springframework.context.annotation.Bean
        JavaDelegate recordMissedDailyChecks(DailyChecks checks) {
            return execution -> checks.recordMissed(execution.getProcessInstanceId());
        }
    }
}
