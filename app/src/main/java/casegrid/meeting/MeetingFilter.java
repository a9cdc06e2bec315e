package casegrid.meeting;

import casegrid.access.SqlCondition;
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

/** The key-matters ledger's filters, checked together so every bad one is named in one 400. */
record MeetingFilter(String tier, LocalDate from, LocalDate to, String community, boolean openActions) {

    static MeetingFilter of(String tier, String from, String to, String community, Boolean openActions,
                            List<FieldProblem> problems) {
        if (tier != null && !MeetingStore.TIERS.contains(tier)) {
            problems.add(new FieldProblem("tier", "取值应为 " + String.join("/", MeetingStore.TIERS)));
        }
        return new MeetingFilter(tier, day("from", from, problems), day("to", to, problems),
                community == null || community.isBlank() ? null : community, Boolean.TRUE.equals(openActions));
    }

    /** The filters alone, for callers that check nothing else. */
    static MeetingFilter of(String tier, String from, String to, String community, Boolean openActions) {
        List<FieldProblem> problems = new ArrayList<>();
        MeetingFilter filter = of(tier, from, to, community, openActions, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return filter;
    }

    /** The condition over meeting {@code m}. */
    SqlCondition condition() {
        List<String> sql = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (tier != null) {
            sql.add("m.tier = :tier");
            params.put("tier", tier);
        }
        if (community != null) {
            sql.add("m.community = :community");
            params.put("community", community);
        }
        // A meeting is dated by when it was held, or, before that, by the escalation.
        if (from != null) {
            sql.add("coalesce(m.meeting_at, m.escalated_at) >= :from");
            params.put("from", Timestamp.from(from.atStartOfDay(Office.ZONE).toInstant()));
        }
        if (to != null) {
            sql.add("coalesce(m.meeting_at, m.escalated_at) < :to");
            params.put("to", Timestamp.from(to.plusDays(1).atStartOfDay(Office.ZONE).toInstant()));
        }
        if (openActions) {
            sql.add("exists (select 1 from meeting_action a where a.meeting_id = m.id and a.state <> 'DONE')");
        }
        return sql.isEmpty() ? SqlCondition.TRUE : new SqlCondition(String.join(" and ", sql), params);
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
}
