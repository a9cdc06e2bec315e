package casegrid.process;

import static casegrid.item.RiskItemVariables.*;

import casegrid.deadline.DeadlineCalculator;
import casegrid.item.RiskItemStore;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps an item's deadlines in step in both places that need them: the process variables the
 * timers and task due dates read, and the item's row the ledger and reports read.
 */
@Component
public class ItemDeadlines {

    private final DeadlineCalculator calculator;
    private final RiskItemStore items;
    private final JdbcClient jdbc;

    public ItemDeadlines(DeadlineCalculator calculator, RiskItemStore items, JdbcClient jdbc) {
        this.calculator = calculator;
        this.items = items;
        this.jdbc = jdbc;
    }

    public DeadlineCalculator calculator() {
        return calculator;
    }

    /** Sets any of the given deadlines (null = unchanged), then the next one the resolver faces. */
    public void set(VariableScope scope, String number, Date feedbackDue, Date weeklyUpdateDue, Date resolveBy) {
        Map<String, Object> columns = new HashMap<>();
        if (feedbackDue != null) {
            scope.setVariable(FEEDBACK_DUE, feedbackDue);
            columns.put("feedback_due", feedbackDue);
        }
        if (weeklyUpdateDue != null) {
            scope.setVariable(WEEKLY_UPDATE_DUE, weeklyUpdateDue);
            columns.put("weekly_update_due", weeklyUpdateDue);
        }
        if (resolveBy != null) {
            scope.setVariable(RESOLVE_BY, resolveBy);
            columns.put("resolve_by", resolveBy);
        }
        if (!columns.isEmpty()) {
            items.update(number, columns);
        }
        Date weekly = TaskInputs.parseDate(scope.getVariable(WEEKLY_UPDATE_DUE));
        Date by = TaskInputs.parseDate(scope.getVariable(RESOLVE_BY));
        if (weekly != null && by != null) {
            scope.setVariable(NEXT_DEADLINE, weekly.before(by) ? weekly : by);
        }
        refreshOverdue(number);
    }

    /** Overdue = open and behind on any deadline now; cleared once the work catches up. */
    public void refreshOverdue(String number) {
        jdbc.sql("""
                update risk_item set overdue = status not in ('CLOSED', 'MERGED', 'TRANSFERRED') and (
                    (feedback_at is null and feedback_due < :now) or weekly_update_due < :now or resolve_by < :now)
                where number = :number""")
                .param("now", RiskItemStore.ts(ClockUtil.getCurrentTime())).param("number", number).update();
    }
}
