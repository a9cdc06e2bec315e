package casegrid.ledger;

import casegrid.item.Overdue;
import casegrid.access.SqlCondition;
import casegrid.item.Codes;
import java.util.Collection;
import casegrid.item.ItemStatus;
import casegrid.org.Office;
import casegrid.org.OrgDirectory;
import casegrid.security.Groups;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ledger's query parameters, checked and turned into SQL over {@code risk_item r}: filters
 * ({@code status, level, community, category, department, overdue, from, to, q}), paging
 * ({@code page} from 0, {@code size} up to 200) and sorting ({@code sort=reportedAt,desc}, repeatable,
 * whitelisted fields). Lists accept several values, comma-separated or repeated. Every bad or
 * unknown parameter is named in a 400 problem.
 */
public record LedgerQuery(String where, Map<String, Object> params, String orderBy, int page, int size, String describe) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /** Sortable fields → SQL expression, and whether it may be null (nulls go last either way). */
    static final Map<String, String> SORTS = new LinkedHashMap<>();
    static final Set<String> NULLABLE_SORTS = Set.of("riskLevel", "resolveBy");

    static {
        SORTS.put("reportedAt", "r.reported_at");
        SORTS.put("number", "r.number");
        SORTS.put("riskLevel", "case r.risk_level when 'HIGH' then 3 when 'MEDIUM' then 2 when 'LOW' then 1 end");
        SORTS.put("status", "r.status");
        SORTS.put("community", "r.community");
        SORTS.put("resolveBy", "r.resolve_by");
        SORTS.put("updatedAt", "r.updated_at");
    }

    static final Set<String> KNOWN = Set.of("status", "level", "community", "category", "department", "overdue", "from",
            "to", "q", "page", "size", "sort");

    /**
     * @param categories every category code of the reference table, deactivated ones included (an old
     *                   item keeps its category and stays findable by it)
     */
    public static LedgerQuery parse(Map<String, String[]> raw, OrgDirectory org, Collection<String> categories,
                                    boolean paged) {
        List<FieldProblem> problems = new ArrayList<>();
        for (String name : raw.keySet()) {
            if (!KNOWN.contains(name)) {
                problems.add(new FieldProblem(name, "不支持的查询参数；可用：" + String.join("、", KNOWN.stream().sorted().toList())));
            }
        }
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder describe = new StringBuilder();

        Set<String> statuses = Arrays.stream(ItemStatus.values()).map(Enum::name).collect(Collectors.toSet());
        Set<String> communities = org.communities().stream().map(OrgDirectory.Community::code).collect(Collectors.toSet());
        Set<String> units = new LinkedHashSet<>();
        org.streets().forEach(s -> units.add(s.centerGroup()));
        org.departments().forEach(d -> units.add(d.code()));
        communities.forEach(c -> units.add(Groups.community(c)));

        inList(raw, "status", statuses, "r.status", where, params, problems, describe);
        inList(raw, "level", Codes.LEVELS.keySet(), "r.risk_level", where, params, problems, describe);
        inList(raw, "community", communities, "r.community", where, params, problems, describe);
        inList(raw, "category", Set.copyOf(categories), "r.category", where, params, problems, describe);
        inList(raw, "department", units, "r.responsible_unit", where, params, problems, describe);

        String overdue = single(raw, "overdue", problems);
        if (overdue != null) {
            if (overdue.equals("true") || overdue.equals("false")) {
                // Overdue.params() are bound by LedgerService with every ledger statement.
                where.add(overdue.equals("true") ? Overdue.of("r") : "not " + Overdue.of("r"));
                describe.append(" overdue=").append(overdue);
            } else {
                problems.add(new FieldProblem("overdue", "只能是 true 或 false"));
            }
        }
        OffsetDateTime from = time(raw, "from", false, problems);
        OffsetDateTime to = time(raw, "to", true, problems);
        if (from != null) {
            where.add("r.reported_at >= :from");
            params.put("from", Timestamp.from(from.toInstant()));
            describe.append(" from=").append(single(raw, "from", problems));
        }
        if (to != null) {
            where.add("r.reported_at < :to");
            params.put("to", Timestamp.from(to.toInstant()));
            describe.append(" to=").append(single(raw, "to", problems));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add(new FieldProblem("to", "截止日期不能早于开始日期"));
        }
        String q = single(raw, "q", problems);
        if (q != null && !q.isBlank()) {
            if (q.length() > 100) {
                problems.add(new FieldProblem("q", "检索词最长 100 个字"));
            } else {
                // ILIKE with the user's % and _ taken literally; the trigram index serves it from three
                // characters on, shorter words (most Chinese ones) are matched in the page's index order.
                where.add("r.title ilike :q escape '\\'");
                params.put("q", "%" + q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                describe.append(" q=").append(q.trim());
            }
        }

        int page = 0;
        int size = DEFAULT_SIZE;
        String pageText = single(raw, "page", problems);
        String sizeText = single(raw, "size", problems);
        if (pageText != null) {
            page = integer(pageText, 0, 1_000_000, "page", "从 0 开始的页码", problems);
        }
        if (sizeText != null) {
            size = integer(sizeText, 1, MAX_SIZE, "size", "每页条数，1 到 " + MAX_SIZE, problems);
        }
        if (!paged && (pageText != null || sizeText != null)) {
            problems.add(new FieldProblem(pageText != null ? "page" : "size", "导出包含全部符合条件的事项，不分页"));
        }

        List<String> order = new ArrayList<>();
        boolean byNumber = false;
        String lastDirection = "desc";
        for (String sort : values(raw, "sort", false)) {
            String[] parts = sort.split(",");
            String field = parts[0].trim();
            String direction = parts.length > 1 ? parts[1].trim().toLowerCase() : "asc";
            if (!SORTS.containsKey(field) || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
                problems.add(new FieldProblem("sort", "格式为 字段,asc|desc；可排序字段：" + String.join("、", SORTS.keySet())));
                continue;
            }
            order.add(SORTS.get(field) + " " + direction + (NULLABLE_SORTS.contains(field) ? " nulls last" : ""));
            byNumber |= field.equals("number");
            lastDirection = direction;
        }
        if (order.isEmpty()) {
            order.add("r.reported_at desc");
        }
        if (!byNumber) {
            // A unique last key keeps pages stable; in the direction of the last key, so one index serves both.
            order.add("r.number " + lastDirection);
        }

        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new LedgerQuery(where.isEmpty() ? "true" : String.join(" and ", where), params, String.join(", ", order),
                page, size, describe.toString().trim());
    }

    private static void inList(Map<String, String[]> raw, String name, Set<String> allowed, String column,
                               List<String> where, Map<String, Object> params, List<FieldProblem> problems,
                               StringBuilder describe) {
        List<String> values = values(raw, name, true);
        if (values.isEmpty()) {
            return;
        }
        List<String> bad = values.stream().filter(v -> !allowed.contains(v)).toList();
        if (!bad.isEmpty()) {
            problems.add(new FieldProblem(name, "未知的取值：" + String.join("、", bad)));
            return;
        }
        where.add(column + " in (:" + name + ")");
        params.put(name, values);
        describe.append(' ').append(name).append('=').append(String.join(",", values));
    }

    /** All values of a parameter, repeated or comma-separated (sort keeps its commas: field,direction). */
    private static List<String> values(Map<String, String[]> raw, String name, boolean splitCommas) {
        String[] given = raw.get(name);
        if (given == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String value : given) {
            if (splitCommas) {
                Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).forEach(values::add);
            } else if (!value.isBlank()) {
                values.add(value.trim());
            }
        }
        return values;
    }

    private static String single(Map<String, String[]> raw, String name, List<FieldProblem> problems) {
        String[] given = raw.get(name);
        if (given == null || given.length == 0 || given[0].isBlank()) {
            return null;
        }
        if (given.length > 1 && problems.stream().noneMatch(p -> p.field().equals(name))) {
            problems.add(new FieldProblem(name, "只能给一个值"));
        }
        return given[0].trim();
    }

    private static int integer(String text, int min, int max, String name, String meaning, List<FieldProblem> problems) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new FieldProblem(name, "应为" + meaning));
        return min;
    }

    /**
     * A date ({@code 2026-11-01}, a whole day in the office's zone; {@code to} includes that day) or
     * a date-time with offset ({@code 2026-11-01T08:00:00+08:00}, exact).
     */
    private static OffsetDateTime time(Map<String, String[]> raw, String name, boolean endOfDay, List<FieldProblem> problems) {
        String text = single(raw, name, problems);
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(Office.ZONE).toOffsetDateTime();
            }
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(name, "应为日期（2026-11-01）或带时区的时间（2026-11-01T08:00:00+08:00）"));
            return null;
        }
    }

    /** The filters, with their parameters named after the query parameters. */
    public SqlCondition filter() {
        return new SqlCondition(where, params);
    }
}
