package casegrid.process;

import static casegrid.item.RiskItemVariables.*;

import casegrid.deadline.DeadlineCalculator;
import casegrid.item.Deadlines;
import casegrid.item.RiskItemStore;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * An item's deadlines live on its row; the process variables the timers and task due dates read
 * are copies of what is stored, written here whenever a stored deadline changes and never read
 * back into the row.
 */
@Component
public class ItemDeadlines {

    private final DeadlineCalculator calculator;
    private final RiskItemStore items;

    public ItemDeadlines(DeadlineCalculator calculator, RiskItemStore items) {
        this.calculator = calculator;
        this.items = items;
    }

    public DeadlineCalculator calculator() {
        return calculator;
    }

    /** Stores any of the given deadlines (null = unchanged), then copies the stored ones into the process. */
    public void set(VariableScope scope, String number, Date feedbackDue, Date weeklyUpdateDue, Date resolveBy) {
        publish(scope, items.changeDeadlines(number, new Deadlines(feedbackDue, weeklyUpdateDue, resolveBy, null)));
    }

    /** The variables the models' timers and due dates read, from the deadlines as stored. */
    public static void publish(VariableScope scope, Deadlines stored) {
        copy(scope, FEEDBACK_DUE, stored.feedbackDue());
        copy(scope, WEEKLY_UPDATE_DUE, stored.weeklyUpdateDue());
        copy(scope, RESOLVE_BY, stored.resolveBy());
        copy(scope, NEXT_DEADLINE, stored.next());
        copy(scope, FOLLOW_UP_DUE, stored.followUpDue());
    }

    private static void copy(VariableScope scope, String variable, Date value) {
        if (value != null) {
            scope.setVariable(variable, value);
        }
    }
}
