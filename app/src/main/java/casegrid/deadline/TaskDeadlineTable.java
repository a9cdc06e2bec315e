package casegrid.deadline;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;

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

    private TaskDeadlineTable() {
    }

    public static Rule lookUp(DecisionService decisions, String formId, Object riskLevel) {
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
