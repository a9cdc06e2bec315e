package casegrid.reporting;

import casegrid.item.RiskItemStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reports as computed for the meeting (DRAFT) and as reviewed for it (READY), one per street
 * (V21, docs/streets.md). A READY snapshot is what was read out and is never recomputed; a DRAFT
 * one is replaced when recomputed.
 */
@Component
public class ReportSnapshots {

    public static final String DRAFT = "DRAFT";
    public static final String READY = "READY";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ReportSnapshots(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores the figures as the period's draft; false if the period's snapshot is already READY (it then stays). */
    public boolean saveDraft(ReportPeriod period, String street, Report report) {
        String body;
        try {
            body = json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report of " + period.label() + " is not JSON", e);
        }
        return jdbc.sql("""
                insert into report_snapshot (kind, period, street_code, computed_at, body, status)
                values (:kind, :period, :street, :at, cast(:body as jsonb), 'DRAFT')
                on conflict (kind, period, street_code) do update set computed_at = excluded.computed_at, body = excluded.body
                where report_snapshot.status <> 'READY'""")
                .param("kind", period.kind().name()).param("period", period.label()).param("street", street)
                .param("at", RiskItemStore.ts(ClockUtil.getCurrentTime())).param("body", body)
                .update() == 1;
    }

    public void markReady(ReportPeriod.Kind kind, String period, String street, String reviewer, String note) {
        jdbc.sql("""
                update report_snapshot set status = 'READY', reviewed_by = ?, reviewed_at = ?, review_note = ?
                where kind = ? and period = ? and street_code = ?""")
                .params(reviewer, RiskItemStore.ts(ClockUtil.getCurrentTime()), note, kind.name(), period, street).update();
    }

    /** The snapshot's state (not its figures): status, when computed, who reviewed it. */
    public record Meta(String status, Date computedAt, String reviewedBy, Date reviewedAt, String reviewNote) {
    }

    public Optional<Meta> meta(ReportPeriod period, String street) {
        return jdbc.sql("""
                select status, computed_at, reviewed_by, reviewed_at, review_note from report_snapshot
                where kind = ? and period = ? and street_code = ?""").params(period.kind().name(), period.label(), street)
                .query((rs, n) -> new Meta(rs.getString("status"), rs.getTimestamp("computed_at"), rs.getString("reviewed_by"),
                        rs.getTimestamp("reviewed_at"), rs.getString("review_note")))
                .optional();
    }
}
