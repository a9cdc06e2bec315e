package casegrid.item;

import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * "Overdue" as every read view computes it, from the item's stored deadlines at the moment of the read
 * (the engine clock): open, and the T+2 feedback not given by its due time, or the weekly update or the
 * resolve-by date passed. Nothing has to fire for it to become true, and nothing has to clear it: a
 * deadline moved by an approved extension, or feedback given, changes it at once. The ledger, its
 * filter and export, the item page, the archive and the reports all use this one expression.
 */
public final class Overdue {

    private Overdue() {
    }

    /** The SQL expression over the risk_item row aliased {@code alias}; binds {@link #params()}. */
    public static String of(String alias) {
        String a = alias + ".";
        // coalesce: an item without deadlines yet is not overdue (false, not null, so "not overdue" finds it).
        return "coalesce(" + a + "status in (:overdue_open) and ((" + a + "feedback_at is null and " + a
                + "feedback_due < :overdue_now) or " + a + "weekly_update_due < :overdue_now or " + a
                + "resolve_by < :overdue_now), false)";
    }

    public static Map<String, Object> params() {
        return Map.of("overdue_open", ItemStatus.SQL_PARAMS.get("open"),
                "overdue_now", RiskItemStore.ts(ClockUtil.getCurrentTime()));
    }
}
