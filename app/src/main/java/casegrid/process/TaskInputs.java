package casegrid.process;

import casegrid.org.Office;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
        problems.add(new FieldProblem(name, value == null || value.toString().isBlank() ? missingMessage : "应为 true 或 false"));
        return null;
    }

    /** An optional checkbox: absent is false; anything but a boolean or "true"/"false" is refused, not read as false. */
    public boolean flag(String name) {
        Object value = scope.getVariable(name);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        if ("true".equals(value.toString()) || "false".equals(value.toString())) {
            return Boolean.parseBoolean(value.toString());
        }
        problems.add(new FieldProblem(name, "应为 true 或 false"));
        return false;
    }

    /** An optional whole number: 2.7 or "abc" is refused, not rounded or read as 0. */
    public Integer optionalInteger(String name) {
        Object value = scope.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        Integer number = parseInteger(value);
        if (number == null) {
            problems.add(new FieldProblem(name, "应为整数"));
        }
        return number;
    }

    /** An optional date-time with offset ("2026-11-20T09:00+08:00"), or local to the office's zone. */
    public OffsetDateTime optionalDateTime(String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Date d) {
            return d.toInstant().atZone(Office.ZONE).toOffsetDateTime();
        }
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String text = value.toString().trim();
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(Office.ZONE).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem(name, "时间格式应为 YYYY-MM-DDTHH:mm（可带时区）"));
                return null;
            }
        }
    }

    /** A whole number as JSON, forms and REST send it (Long, Integer, 3.0, "3"); null for 2.7, "abc" or out of range. */
    public static Integer parseInteger(Object value) {
        try {
            BigDecimal number = value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(value.toString().trim());
            return number.stripTrailingZeros().scale() > 0 ? null : number.intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
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

    /** The answer of a form whose one required field is a note: read and checked. */
    public String onlyNote(String name, String missingMessage) {
        String note = text(name, missingMessage);
        check();
        return note;
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
                return Date.from(LocalDate.parse(text).plusDays(1).atStartOfDay(Office.ZONE).toInstant());
            }
            return Date.from(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
