package casegrid.audit;

import casegrid.ledger.ReadAudit;
import casegrid.org.Office;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filters of the audit page and export: user, item number (also found in the detail of list
 * reads that showed it), action, and office-zone days from/to (inclusive). Bind parameters only.
 */
record AuditQuery(String user, String item, String action, LocalDate from, LocalDate to) {

    static AuditQuery parse(String user, String item, String action, String from, String to) {
        List<FieldProblem> problems = new ArrayList<>();
        if (action != null && !action.isBlank() && !ReadAudit.LABELS.containsKey(action)) {
            problems.add(new FieldProblem("action", "取值应为 " + String.join("/", ReadAudit.LABELS.keySet().stream().sorted().toList())));
        }
        AuditQuery query = new AuditQuery(blankToNull(user), blankToNull(item), blankToNull(action),
                day("from", from, problems), day("to", to, problems));
        if (query.from() != null && query.to() != null && query.to().isBefore(query.from())) {
            problems.add(new FieldProblem("to", "不能早于开始日期"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return query;
    }

    /** The where clause over access_audit a, filling {@code params}. */
    String where(Map<String, Object> params) {
        StringBuilder sql = new StringBuilder("true");
        if (user != null) {
            sql.append(" and a.user_id = :user");
            params.put("user", user);
        }
        if (item != null) {
            sql.append(" and (a.number = :item or strpos(a.detail, :item) > 0)");
            params.put("item", item);
        }
        if (action != null) {
            sql.append(" and a.action = :action");
            params.put("action", action);
        }
        if (from != null) {
            sql.append(" and a.at >= :from");
            params.put("from", Timestamp.from(from.atStartOfDay(Office.ZONE).toInstant()));
        }
        if (to != null) {
            sql.append(" and a.at < :to");
            params.put("to", Timestamp.from(to.plusDays(1).atStartOfDay(Office.ZONE).toInstant()));
        }
        return sql.toString();
    }

    /** The query as the audit of the audit records it. */
    String describe() {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("user", user);
        parts.put("item", item);
        parts.put("action", action);
        parts.put("from", from);
        parts.put("to", to);
        StringBuilder text = new StringBuilder();
        parts.forEach((name, value) -> {
            if (value != null) {
                text.append(text.isEmpty() ? "" : " ").append(name).append('=').append(value);
            }
        });
        return text.isEmpty() ? "all" : text.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static LocalDate day(String name, String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(name, "日期格式应为 YYYY-MM-DD"));
            return null;
        }
    }
}
