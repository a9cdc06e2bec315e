package casegrid.meeting;

import casegrid.access.Scope;
import casegrid.access.SqlCondition;
import casegrid.access.VisibleItems;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the key-matters ledger: the meetings of the items the caller may see (the items' access
 * is part of the query, so paging is exact), newest first, as MeetingViews.
 */
@Repository
class MeetingQuery {

    private static final String FROM = " from meeting m join risk_item " + VisibleItems.ITEM + " on "
            + VisibleItems.ITEM + ".number = m.number where ";
    private static final String SELECT = """
            select m.*, r.title,
                   (select count(*) from meeting_action a where a.meeting_id = m.id and a.state <> 'DONE') as open_actions"""
            + FROM;
    private static final String ORDER = " order by coalesce(m.meeting_at, m.escalated_at) desc, m.id desc";

    private final JdbcClient jdbc;
    private final MeetingStore meetings;

    MeetingQuery(JdbcClient jdbc, MeetingStore meetings) {
        this.jdbc = jdbc;
        this.meetings = meetings;
    }

    MeetingView.Page page(Scope scope, MeetingFilter filter, int page, int size) {
        SqlCondition where = VisibleItems.visible(scope).and(filter.condition());
        long total = jdbc.sql("select count(*)" + FROM + where.sql()).params(where.params()).query(Long.class).single();
        List<MeetingView> items = jdbc.sql(SELECT + where.sql() + ORDER + " limit :page_size offset :page_offset")
                .params(where.params()).param("page_size", size).param("page_offset", (long) page * size)
                .query(MeetingQuery::row).list().stream().map(this::withDetails).toList();
        return new MeetingView.Page(page, size, total, items);
    }

    List<MeetingView> all(Scope scope, MeetingFilter filter) {
        SqlCondition where = VisibleItems.visible(scope).and(filter.condition());
        return jdbc.sql(SELECT + where.sql() + ORDER).params(where.params()).query(MeetingQuery::row).list().stream()
                .map(this::withDetails).toList();
    }

    /** The meeting's own columns; its attendees, decisions and actions come after the cursor is closed. */
    private static MeetingView row(ResultSet rs, int n) throws SQLException {
        String invited = rs.getString("invited");
        return new MeetingView(rs.getLong("id"), rs.getString("number"), rs.getString("title"), rs.getString("community"),
                rs.getString("tier"), rs.getTimestamp("escalated_at"), rs.getString("approved_by"),
                rs.getString("organiser"), rs.getTimestamp("convene_due"), rs.getTimestamp("convened_at"),
                rs.getTimestamp("meeting_at"), rs.getString("place"),
                invited == null || invited.isBlank() ? List.of() : List.of(invited.split(",")), rs.getString("outcome"),
                List.of(), List.of(), List.of(), rs.getInt("open_actions"));
    }

    private MeetingView withDetails(MeetingView m) {
        List<MeetingView.Action> actions = jdbc.sql("""
                        select id, owner, due_at, content, state, done_at from meeting_action where meeting_id = ? order by id""")
                .param(m.id()).query((rs, n) -> new MeetingView.Action(rs.getLong("id"), rs.getString("owner"),
                        rs.getTimestamp("due_at"), rs.getString("content"), rs.getString("state"), rs.getTimestamp("done_at")))
                .list();
        return new MeetingView(m.id(), m.number(), m.title(), m.community(), m.tier(), m.escalatedAt(), m.approvedBy(),
                m.organiser(), m.conveneDue(), m.convenedAt(), m.meetingAt(), m.place(), m.invited(), m.outcome(),
                meetings.attendees(m.id()), meetings.decisions(m.id()), actions, m.openActions());
    }
}
