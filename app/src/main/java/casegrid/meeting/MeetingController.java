package casegrid.meeting;

import casegrid.item.RiskItemStore;
import casegrid.ledger.ItemVisibility;
import casegrid.ledger.ReadAudit;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The key-matters ledger (重点事项台账): GET /api/meetings, newest first, each meeting with its
 * attendees, decisions and action items, and GET /api/meetings/export as .xlsx. A caller sees the
 * meetings of the items it may see: the items' visibility is part of the query, so paging is exact.
 */
@RestController
class MeetingController {

    private final JdbcClient jdbc;
    private final MeetingStore meetings;
    private final ItemVisibility visibility;
    private final MeetingExport export;
    private final ReadAudit audit;

    MeetingController(JdbcClient jdbc, MeetingStore meetings, ItemVisibility visibility, MeetingExport export,
                      ReadAudit audit) {
        this.jdbc = jdbc;
        this.meetings = meetings;
        this.visibility = visibility;
        this.export = export;
        this.audit = audit;
    }

    /** The filters of both endpoints, checked together so every bad one is named. */
    record Filter(String tier, LocalDate from, LocalDate to, String community, boolean openActions) {

        static Filter of(String tier, String from, String to, String community, Boolean openActions,
                         List<FieldProblem> problems) {
            if (tier != null && !MeetingStore.TIERS.contains(tier)) {
                problems.add(new FieldProblem("tier", "取值应为 " + String.join("/", MeetingStore.TIERS)));
            }
            return new Filter(tier, day("from", from, problems), day("to", to, problems),
                    community == null || community.isBlank() ? null : community, Boolean.TRUE.equals(openActions));
        }

        /** The where clause over meeting m and risk_item r, and its parameters. */
        String where(ItemVisibility.Scope scope, Map<String, Object> params) {
            StringBuilder sql = new StringBuilder("(" + scope.visible() + ")");
            params.putAll(scope.params());
            if (tier != null) {
                sql.append(" and m.tier = :tier");
                params.put("tier", tier);
            }
            if (community != null) {
                sql.append(" and m.community = :community");
                params.put("community", community);
            }
            // A meeting is dated by when it was held, or, before that, by the escalation.
            if (from != null) {
                sql.append(" and coalesce(m.meeting_at, m.escalated_at) >= :from");
                params.put("from", Timestamp.from(from.atStartOfDay(RiskItemStore.OFFICE_ZONE).toInstant()));
            }
            if (to != null) {
                sql.append(" and coalesce(m.meeting_at, m.escalated_at) < :to");
                params.put("to", Timestamp.from(to.plusDays(1).atStartOfDay(RiskItemStore.OFFICE_ZONE).toInstant()));
            }
            if (openActions) {
                sql.append(" and exists (select 1 from meeting_action a where a.meeting_id = m.id and a.state <> 'DONE')");
            }
            return sql.toString();
        }

        /** The query as the audit records it. */
        String describe() {
            StringBuilder text = new StringBuilder();
            if (tier != null) {
                text.append(" tier=").append(tier);
            }
            if (community != null) {
                text.append(" community=").append(community);
            }
            if (from != null) {
                text.append(" from=").append(from);
            }
            if (to != null) {
                text.append(" to=").append(to);
            }
            if (openActions) {
                text.append(" openActions=true");
            }
            return text.isEmpty() ? "all" : text.substring(1);
        }

        private static LocalDate day(String name, String value, List<FieldProblem> problems) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem(name, "日期格式应为 YYYY-MM-DD"));
                return null;
            }
        }
    }

    static final String SELECT = """
            select m.*, r.title,
                   (select count(*) from meeting_action a where a.meeting_id = m.id and a.state <> 'DONE') as open_actions
            from meeting m join risk_item r on r.number = m.number where """;
    static final String ORDER = " order by coalesce(m.meeting_at, m.escalated_at) desc, m.id desc";

    @GetMapping("/api/meetings")
    Map<String, Object> list(@RequestParam(required = false) String tier, @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to, @RequestParam(required = false) String community,
                             @RequestParam(required = false) Boolean openActions,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                             Authentication caller) {
        List<FieldProblem> problems = new ArrayList<>();
        Filter filter = Filter.of(tier, from, to, community, openActions, problems);
        if (page < 0) {
            problems.add(new FieldProblem("page", "不能为负数"));
        }
        if (size < 1 || size > 200) {
            problems.add(new FieldProblem("size", "应在 1 到 200 之间"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String where = filter.where(visibility.scope(caller.getName(), groups(caller)), params);
        long total = jdbc.sql("select count(*) from meeting m join risk_item r on r.number = m.number where " + where)
                .params(params).query(Long.class).single();
        params.put("page_size", size);
        params.put("page_offset", (long) page * size);
        List<Map<String, Object>> rows = jdbc.sql(SELECT + where + ORDER + " limit :page_size offset :page_offset")
                .params(params).query().listOfRows();
        // Meetings name parties and attendees: a read like an item's, traceable by the numbers shown.
        audit.record(caller.getName(), null, ReadAudit.LIST_MEETINGS, filter.describe() + " page=" + page + " size=" + size
                + " rows=" + rows.size() + numbers(rows));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("page", page);
        answer.put("size", size);
        answer.put("total", total);
        answer.put("items", rows.stream().map(this::view).toList());
        return answer;
    }

    @GetMapping("/api/meetings/export")
    void exportLedger(@RequestParam(required = false) String tier, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, @RequestParam(required = false) String community,
                      @RequestParam(required = false) Boolean openActions, Authentication caller,
                      HttpServletResponse response) throws IOException {
        List<FieldProblem> problems = new ArrayList<>();
        Filter filter = Filter.of(tier, from, to, community, openActions, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String where = filter.where(visibility.scope(caller.getName(), groups(caller)), params);
        List<Map<String, Object>> rows = jdbc.sql(SELECT + where + ORDER).params(params).query().listOfRows();
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"key-matters-ledger.xlsx\"; "
                + "filename*=UTF-8''%E9%87%8D%E7%82%B9%E4%BA%8B%E9%A1%B9%E5%8F%B0%E8%B4%A6.xlsx");
        export.write(rows, response.getOutputStream());
        audit.record(caller.getName(), null, ReadAudit.EXPORT_MEETINGS, filter.describe() + " rows=" + rows.size()
                + numbers(rows));
    }

    private static String numbers(List<Map<String, Object>> rows) {
        return rows.isEmpty() ? "" : " numbers=" + rows.stream().map(row -> (String) row.get("number"))
                .distinct().collect(java.util.stream.Collectors.joining(","));
    }

    private static List<String> groups(Authentication caller) {
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    private Map<String, Object> view(Map<String, Object> row) {
        long id = ((Number) row.get("id")).longValue();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("number", row.get("number"));
        view.put("title", row.get("title"));
        view.put("community", row.get("community"));
        view.put("tier", row.get("tier"));
        view.put("escalatedAt", row.get("escalated_at"));
        view.put("approvedBy", row.get("approved_by"));
        view.put("organiser", row.get("organiser"));
        view.put("conveneDue", row.get("convene_due"));
        view.put("convenedAt", row.get("convened_at"));
        view.put("meetingAt", row.get("meeting_at"));
        view.put("place", row.get("place"));
        String invited = (String) row.get("invited");
        view.put("invited", invited == null || invited.isBlank() ? List.of() : List.of(invited.split(",")));
        view.put("outcome", row.get("outcome"));
        view.put("attendees", meetings.attendees(id));
        view.put("decisions", meetings.decisions(id));
        view.put("actions", meetings.actions(id).stream().map(a -> {
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("id", a.get("id"));
            action.put("owner", a.get("owner"));
            action.put("due", a.get("due_at"));
            action.put("content", a.get("content"));
            action.put("state", a.get("state"));
            action.put("doneAt", a.get("done_at"));
            return action;
        }).toList());
        view.put("openActions", ((Number) row.get("open_actions")).intValue());
        return view;
    }
}
