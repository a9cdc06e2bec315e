package casegrid.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Works one outbox table: claims due rows, hands each to a delivery and records the outcome. Any
 * number of nodes may work the same table at once: a row is claimed, right before it is sent, by one
 * statement that locks it with SKIP LOCKED and marks it SENDING with a lease, so no two workers ever
 * hold the same row, and the delivery happens outside any transaction. A refused delivery is retried with exponential
 * backoff up to max-attempts, then FAILED for an administrator to retry.
 *
 * <p>The table has the columns {@code id, status, attempts, next_attempt_at, locked_by, locked_until,
 * last_error, sent_at} (PENDING → SENDING → SENT or FAILED). What happens to a row whose lease ran
 * out (its node died mid-delivery, the outcome is unknown) is the owner's choice: a channel without
 * dedupe on the far side (an SMS) must not resend, one with an idempotency key may.
 *
 * @param <T> the claimed row as the owner reads it (a record of {@code columns})
 */
public final class Outbox<T extends Outbox.Row> {

    /** What every claimed row has. */
    public interface Row {
        long id();

        int attempts();
    }

    /** Sends one row; any exception is a refused delivery. */
    @FunctionalInterface
    public interface Delivery<T> {
        void deliver(T row) throws Exception;
    }

    /** What a lost lease means for the row. */
    public enum LostLease {
        /** FAILED for review: the far side might have it already and cannot tell a repeat. */
        FAIL_FOR_REVIEW,
        /** Queued again: the far side dedupes by the row's key. */
        RESEND
    }

    private static final Pattern SQL_NAME = Pattern.compile("[a-z_][a-z0-9_]*(, *[a-z_][a-z0-9_]*)*");
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final JdbcClient jdbc;
    private final String table;
    private final String columns;
    private final Class<T> rowType;
    private final OutboxSettings settings;
    private final LostLease lostLease;
    private final Clock clock;
    private final String node;

    /**
     * @param table   the outbox table, a constant of the owner's (names are SQL, never input)
     * @param columns the columns {@code rowType} is read from, {@code id} and {@code attempts} among them
     */
    public Outbox(JdbcClient jdbc, String table, String columns, Class<T> rowType, OutboxSettings settings,
                  LostLease lostLease, Clock clock, String node) {
        if (!SQL_NAME.matcher(table).matches() || !SQL_NAME.matcher(columns).matches()) {
            throw new IllegalArgumentException("not a table or column list: " + table + " / " + columns);
        }
        this.jdbc = jdbc;
        this.table = table;
        this.columns = columns;
        this.rowType = rowType;
        this.settings = settings;
        this.lostLease = lostLease;
        this.clock = clock;
        this.node = node;
    }

    /**
     * One round: settle lost claims, claim a batch of due rows that match {@code onlyWhere} (a constant
     * condition of the owner's, such as "priority = 'HIGH'", or "true"), deliver them. Returns how many
     * were delivered.
     */
    public int deliverDue(String onlyWhere, Delivery<T> delivery) {
        Instant now = clock.instant();
        settleLostClaims(now);
        int delivered = 0;
        // One row claimed at a time, right before it is sent: a node killed mid-round leaves only the
        // row it was sending with an unknown outcome; the rest of the round stays PENDING for others.
        for (int claimed = 0; claimed < settings.getBatchSize(); claimed++) {
            Optional<T> next = claimNext(now, onlyWhere);
            if (next.isEmpty()) {
                break;
            }
            T row = next.get();
            try {
                delivery.deliver(row);
                markSent(row);
                delivered++;
            } catch (Exception e) {
                markRefused(row, now, e);
            }
        }
        return delivered;
    }

    private Optional<T> claimNext(Instant now, String onlyWhere) {
        return jdbc.sql("""
                update %1$s o
                   set status = 'SENDING', locked_by = ?, locked_until = ?, attempts = o.attempts + 1
                 where o.id in (select id from %1$s
                                 where status = 'PENDING' and next_attempt_at <= ? and (%3$s)
                                 order by next_attempt_at, id limit 1 for update skip locked)
                returning %2$s""".formatted(table, columns, onlyWhere))
                .params(node, ts(clock.instant().plus(settings.getLease())), ts(now))
                .query(rowType).optional();
    }

    private void markSent(T row) {
        jdbc.sql("""
                update %s set status = 'SENT', sent_at = ?, locked_until = null, last_error = null
                 where id = ? and locked_by = ? and status = 'SENDING'""".formatted(table))
                .params(ts(clock.instant()), row.id(), node).update();
    }

    private void markRefused(T row, Instant now, Exception e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean giveUp = row.attempts() >= settings.getMaxAttempts();
        Duration wait = settings.backoff(row.attempts());
        LOG.warn("{} row {} attempt {} failed{}: {}", table, row.id(), row.attempts(),
                giveUp ? ", giving up" : ", next in " + wait, error);
        jdbc.sql("""
                update %s set status = ?, next_attempt_at = ?, locked_until = null, last_error = ?
                 where id = ? and locked_by = ? and status = 'SENDING'""".formatted(table))
                .params(giveUp ? "FAILED" : "PENDING", ts(giveUp ? now : now.plus(wait)), error, row.id(), node).update();
    }

    private void settleLostClaims(Instant now) {
        int lost = switch (lostLease) {
            case FAIL_FOR_REVIEW -> jdbc.sql("""
                    update %s set status = 'FAILED', locked_until = null,
                           last_error = '投递结果未知：处理节点在发送时中断，为免重复发送未自动重试（delivery outcome unknown）'
                     where status = 'SENDING' and locked_until < ?""".formatted(table)).param(ts(now)).update();
            case RESEND -> jdbc.sql("""
                    update %s set status = case when attempts >= ? then 'FAILED' else 'PENDING' end,
                           next_attempt_at = ?, locked_until = null,
                           last_error = '处理节点在发送时中断，按幂等键重发（lease lost, resent under its idempotency key）'
                     where status = 'SENDING' and locked_until < ?""".formatted(table))
                    .params(settings.getMaxAttempts(), ts(now), ts(now)).update();
        };
        if (lost > 0) {
            LOG.warn("{} rows of {} were claimed by a node that did not finish: {}", lost, table, lostLease);
        }
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
