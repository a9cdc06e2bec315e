package casegrid.process;

import casegrid.item.RiskItemStore;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Reads what a form or REST client sent for a task and collects every bad field, so the user
 * sees all of them at once. Forms send dates as "2026-12-01" strings; REST clients may send
 * typed dates: both are accepted.
 */
public class TaskInputs {

    private final VariableScope scope;
    private final List<FieldProblem> problems = new ArrayList<>();

    public TaskInputs(VariableScope scope) {
        this.scope = scope;
    }

    public String text(String name, String missingMessage) {
        Object value = scope.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            problems.add(new FieldProblem(name, missingMessage));
            return null;
        }
        return value.toString().trim();
    }

    public String optionalText(String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    public String oneOf(String name, Collection<String> allowed, String missingMessage) {
        String value = text(name, missingMessage);
        if (value != null && !allowed.contains(value)) {
            problems.add(new FieldProblem(name, "取值应为 " + String.join("/", allowed)));
            return null;
        }
        return value;
    }

    public Boolean bool(String name, String missingMessage) {
        Object value = scope.getVariable(name);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value != null && ("true".equals(value.toString()) || "false".equals(value.toString()))) {
            return Boolean.valueOf(value.toString());
        }
        problems.add(new FieldProblem(name, missingMessage));
        return null;
    }

    public boolean flag(String name) {
        Object value = scope.getVariable(name);
        return value instanceof Boolean b ? b : value != null && "true".equals(value.toString());
    }

    /** A date; a date without time means the end of that day in the office's zone. */
    public Date date(String name, String missingMessage) {
        Object value = scope.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            problems.add(new FieldProblem(name, missingMessage));
            return null;
        }
        Date date = parseDate(value);
        if (date == null) {
            problems.add(new FieldProblem(name, "日期格式应为 YYYY-MM-DD"));
        }
        return date;
    }

    public Date optionalDate(String name) {
        Object value = scope.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        Date date = parseDate(value);
        if (date == null) {
            problems.add(new FieldProblem(name, "日期格式应为 YYYY-MM-DD"));
        }
        return date;
    }

    public void problem(String name, String message) {
        problems.add(new FieldProblem(name, message));
    }

    /** Throws with every problem found, if any. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    /** A date value as forms and REST send it; null if it is not one. */
    public static Date parseDate(Object value) {
        if (value instanceof Date d) {
            return d;
        }
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        try {
            if (text.length() == 10) {
                return Date.from(LocalDate.parse(text).plusDays(1).atStartOfDay(RiskItemStore.OFFICE_ZONE).toInstant());
            }
            return Date.from(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
