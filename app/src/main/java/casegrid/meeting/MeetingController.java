package casegrid.meeting;

import casegrid.ledger.ItemVisibility;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
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
 * GET /api/meetings: the key-matters ledger (重点事项台账), newest first, each meeting with its
 * attendees, decisions and action items. A caller sees the meetings of the items it may see
 * (ItemVisibility), so the filtering by visibility happens before paging.
 */
@RestController
class MeetingController {

    private final JdbcClient jdbc;
    private final MeetingStore meetings;
    private final ItemVisibility visibility;

    MeetingController(JdbcClient jdbc, MeetingStore meetings, ItemVisibility visibility) {
        this.jdbc = jdbc;
        this.meetings = meetings;
        this.visibility = visibility;
    }

    @GetMapping("/api/meetings")
    Map<String, Object> list(@RequestParam(required = false) String tier, @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to, @RequestParam(required = false) String community,
                             @RequestParam(required = false) Boolean openActions,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                             Authentication caller) {
        List<FieldProblem> problems = new ArrayList<>();
        if (tier != null && !MeetingStore.TIERS.contains(tier)) {
            problems.add(new FieldProblem("tier", "取值应为 " + String.join("/", MeetingStore.TIERS)));
        }
        LocalDate fromDay = day("from", from, problems);
        LocalDate toDay = day("to", to, problems);
        if (page < 0) {
            problems.add(new FieldProblem("page", "不能为负数"));
        }
        if (size < 1 || size > 200) {
            problems.add(new FieldProblem("size", "应在 1 到 200 之间"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        StringBuilder sql = new StringBuilder("""
                select m.*, i.title, i.reported_by, i.responsible_unit, i.status as item_status,
                       (select count(*) from meeting_action a where a.meeting_id = m.id and a.state <> 'DONE') as open_actions
                from meeting m join risk_item i on i.number = m.number where 1 = 1""");
        Map<String, Object> params = new LinkedHashMap<>();
        if (tier != null) {
            sql.append(" and m.tier = :tier");
            params.put("tier", tier);
        }
        if (community != null && !community.isBlank()) {
            sql.append(" and m.community = :community");
            params.put("community", community);
        }
        // A meeting is dated by when it was held, or, before that, by the escalation.
        if (fromDay != null) {
            sql.append(" and coalesce(m.meeting_at, m.escalated_at) >= :from");
            params.put("from", java.sql.Timestamp.from(fromDay.atStartOfDay(casegrid.item.RiskItemStore.OFFICE_ZONE).toInstant()));
        }
        if (toDay != null) {
            sql.append(" and coalesce(m.meeting_at, m.escalated_at) < :to");
            params.put("to", java.sql.Timestamp.from(toDay.plusDays(1).atStartOfDay(casegrid.item.RiskItemStore.OFFICE_ZONE).toInstant()));
        }
        if (Boolean.TRUE.equals(openActions)) {
            sql.append(" and exists (select 1 from meeting_action a where a.meeting_id = m.id and a.state <> 'DONE')");
        }
        sql.append(" order by coalesce(m.meeting_at, m.escalated_at) desc, m.id desc");
        List<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        Map<String, Boolean> seen = new java.util.HashMap<>();
        List<Map<String, Object>> visible = jdbc.sql(sql.toString()).params(params).query().listOfRows().stream()
                .filter(row -> seen.computeIfAbsent((String) row.get("number"),
                        n -> visibility.canSee(caller.getName(), groups, row)))
                .toList();
        List<Map<String, Object>> pageRows = visible.stream().skip((long) page * size).limit(size).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("page", page);
        answer.put("size", size);
        answer.put("total", visible.size());
        answer.put("items", pageRows.stream().map(this::view).toList());
        return answer;
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
