package casegrid.tasklist;

import static casegrid.item.RiskItemVariables.*;

import casegrid.item.Codes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The item columns on every Tasklist card. Tasklist fetches a filter's variables with the user's
 * rights, and a caseworker may read the tasks of their groups but not the process instance (that
 * would open every item's variables to every community), so the columns are copied onto the task
 * as local variables when it is created. Their names are distinct from the process variables so
 * that a form submitting e.g. {@code resolveBy} still writes the process variable.
 */
public final class TaskColumns {

    public static final String NUMBER_COLUMN = "itemNumber";
    public static final String LEVEL_COLUMN = "itemLevel";
    public static final String COMMUNITY_COLUMN = "itemCommunity";
    public static final String DEADLINE_COLUMN = "itemResolveBy";
    public static final String TITLE_COLUMN = "itemTitle";

    /** Filter properties: variable name and Chinese label, in card order. */
    static final List<Map<String, String>> DEFINITIONS = List.of(
            column(NUMBER_COLUMN, "编号"),
            column(LEVEL_COLUMN, "风险等级"),
            column(COMMUNITY_COLUMN, "社区"),
            column(DEADLINE_COLUMN, "办结期限"),
            column(TITLE_COLUMN, "事项"));

    private TaskColumns() {
    }

    /** Copies what the item has so far; a column the item does not have yet is left out of the card. */
    public static void copyTo(DelegateTask task) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put(NUMBER_COLUMN, task.getVariable(NUMBER));
        columns.put(LEVEL_COLUMN, level(task));
        columns.put(COMMUNITY_COLUMN, task.getVariable(COMMUNITY_NAME));
        columns.put(DEADLINE_COLUMN, task.getVariable(RESOLVE_BY));
        columns.put(TITLE_COLUMN, task.getVariable(TITLE));
        columns.forEach((name, value) -> {
            if (value != null) {
                task.setVariableLocal(name, value);
            }
        });
    }

    /** 中风险; before grading the suggestion, marked as such. */
    private static String level(DelegateTask task) {
        Object level = task.getVariable(RISK_LEVEL);
        if (level != null && Codes.LEVELS.containsKey(level.toString())) {
            return Codes.LEVELS.get(level.toString()) + "风险";
        }
        Object suggested = task.getVariable(SUGGESTED_LEVEL);
        if (suggested != null && Codes.LEVELS.containsKey(suggested.toString())) {
            return Codes.LEVELS.get(suggested.toString()) + "风险（系统建议）";
        }
        return null;
    }

    private static Map<String, String> column(String variable, String label) {
        Map<String, String> column = new LinkedHashMap<>();
        column.put("name", variable);
        column.put("label", label);
        return column;
    }
}
