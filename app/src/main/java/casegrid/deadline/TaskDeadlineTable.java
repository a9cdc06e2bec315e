package casegrid.deadline;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the deadline table, the DMN decision {@value #DECISION} (processes/task-deadline.dmn): for a
 * task's form and the item's risk level, how long the task may take, how that time is counted and
 * who is chased when it is missed. A process designer changes it in Modeler and deploys it; the
 * next task created reads the new version.
 *
 * <p>Keyed by the form ({@code camunda:formRef}), not the task id: the form is already the contract
 * between a task and its handler, it is deployed with the model, and a designer who renames a task
 * in Modeler keeps its deadline, as he keeps its handler.
 */
public final class TaskDeadlineTable {

    public static final String DECISION = "Decision_TaskDeadline";

    /** Who a miss of the task is held against. */
    public enum Chased {
        /** The unit holding the task (its candidate group). */
        HOLDER,
        /** The holding unit's leaders (a community's leaders; the street leaders for the street's units). */
        LEADER,
        /** The street's comprehensive governance center (综治中心). */
        CENTER
    }

    /** One row's answer: the duration (ISO-8601), its counting and who is chased. */
    public record Rule(String duration, DayCounting counting, Chased chased) {
    }

    /** What a task gets when the deployed table gives no usable answer (see {@link #lookUp}). */
    public static final Rule FALLBACK = new Rule("P3D", DayCounting.WORKING, Chased.HOLDER);

    private static final Logger log = LoggerFactory.getLogger(TaskDeadlineTable.class);

    private TaskDeadlineTable() {
    }

    /**
     * The table's answer for a task; {@link #FALLBACK} (with a warning naming the problem) when the deployed
     * table has no row for it, or answers a duration or value that does not parse. A designer's broken table
     * must not stop every task of every item from being created.
     */
    public static Rule lookUp(DecisionService decisions, String formId, Object riskLevel) {
        try {
            Rule rule = evaluate(decisions, formId, riskLevel);
            DeadlineCalculator.checkDuration(DECISION + " duration for form " + formId, rule.duration(), rule.counting());
            return rule;
        } catch (RuntimeException e) {
            log.warn("{} gives no usable deadline for form {} at level {} ({}); using {}", DECISION, formId, riskLevel,
                    e.getMessage(), FALLBACK);
            return FALLBACK;
        }
    }

    /** The table's answer as it is, failing on a missing row or value. */
    public static Rule evaluate(DecisionService decisions, String formId, Object riskLevel) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("formId", formId);
        inputs.put("riskLevel", riskLevel == null ? null : riskLevel.toString());
        DmnDecisionResultEntries row = decisions.evaluateDecisionByKey(DECISION).variables(inputs).evaluate()
                .getFirstResult();
        if (row == null) {
            throw new IllegalStateException(DECISION + " has no row for form " + formId
                    + " (the table's last row must match every form)");
        }
        return new Rule(row.getEntry("duration"), DayCounting.valueOf(row.<String>getEntry("counting").toUpperCase(Locale.ROOT)),
                Chased.valueOf(row.<String>getEntry("chased").toUpperCase(Locale.ROOT)));
    }
}
