package casegrid.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A community's tasks go to its staff, not to everyone in the community's area group: grid workers
 * are members of {@code community-C03} (they report there and see what they reported) but must not be
 * candidates of its grading, planning or follow-up.
 *
 * <p>The shipped models name {@code community-${community}-staff} where the group is fixed. Several
 * tasks take their candidate group from a unit the item was given ({@code responsibleUnit},
 * {@code followUpGroup}, a meeting's {@code organiser}, an action item's {@code owner}); a unit is
 * an organisation code such as {@code community-C03} and stays one in the app's tables. So every user
 * task's candidate groups pass through this rule when the task is created: a community's area group
 * becomes its staff group. It also holds for a designer's new model that names the area group.
 */
class CaseworkCandidates extends AbstractBpmnParseListener {

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
            TaskDefinition definition = behavior.getTaskDefinition();
            Set<Expression> expressions = definition.getCandidateGroupIdExpressions();
            List<Expression> wrapped = expressions.stream().<Expression>map(StaffOnly::new).toList();
            expressions.clear();
            wrapped.forEach(definition::addCandidateGroupIdExpression);
        }
    }

    /** The group(s) a candidate-group value names, with every community area group replaced by its staff group. */
    static Object toCaseworkers(Object value) {
        if (value instanceof String groups) {
            return Arrays.stream(groups.split(",")).map(String::trim).map(CaseworkCandidates::toCaseworker)
                    .collect(Collectors.joining(","));
        }
        if (value instanceof Collection<?> groups) {
            List<Object> mapped = new ArrayList<>();
            groups.forEach(g -> mapped.add(g instanceof String s ? toCaseworker(s) : g));
            return mapped;
        }
        return value;
    }

    static String toCaseworker(String group) {
        return Groups.isCommunityArea(group) ? group + Groups.STAFF_SUFFIX : group;
    }

    /** The model's expression, evaluated as written, its result mapped by {@link #toCaseworkers}. */
    private record StaffOnly(Expression expression) implements Expression {

        @Override
        public Object getValue(VariableScope variableScope) {
            return toCaseworkers(expression.getValue(variableScope));
        }

        @Override
        public void setValue(Object value, VariableScope variableScope) {
            expression.setValue(value, variableScope);
        }

        @Override
        public String getExpressionText() {
            return expression.getExpressionText();
        }

        @Override
        public boolean isLiteralText() {
            return expression.isLiteralText();
        }
    }
}
