package casegrid.notification;

import casegrid.item.RiskItemStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delivers due outbox rows. Any number of workers, on any number of nodes, may run at once: a row
 * is claimed by one statement that locks it with SKIP LOCKED and marks it SENDING with a lease, so
 * no two workers ever hold the same row. Delivery happens outside any transaction.
 *
 * <p>At most once: a row is sent only from SENDING by the worker that claimed it, and a row whose
 * lease ran out (its node died mid-delivery, so the message may or may not have gone out) is not
 * sent again by itself but turned FAILED for an administrator to look at and retry.
 * A refused delivery is retried with exponential backoff up to max-attempts, then FAILED.
 * In quiet hours only HIGH items go out; the others wait for the morning.
 */
public class NotificationWorker {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationWorker.class);

    private record Claimed(long id, String channel, String recipient, String subject, String body, int attempts) {
    }

    private final JdbcClient jdbc;
    private final NotificationProperties settings;
    private final List<ChannelSender> senders;
    private final Contacts contacts;
    private final Clock clock;
    private final String node;

    public NotificationWorker(JdbcClient jdbc, NotificationProperties settings, List<ChannelSender> senders,
                              Contacts contacts, Clock clock, String node) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.senders = senders;
        this.contacts = contacts;
        this.clock = clock;
        this.node = node;
    }

    /** One round: report stale claims, claim a batch, deliver it. Returns the number delivered. */
    public int deliverDue() {
        Instant now = clock.instant();
        reportStaleClaims(now);
        boolean quiet = settings.getQuietHours().contains(now.atZone(settings.getQuietHours().getZone()).toLocalTime());
        int delivered = 0;
        for (Claimed row : claim(now, quiet)) {
            try {
                deliver(row);
                markSent(row, now);
                delivered++;
            } catch (Exception e) {
                markRefused(row, now, e);
            }
        }
        return delivered;
    }

    private List<Claimed> claim(Instant now, boolean highOnly) {
        NotificationProperties.Worker worker = settings.getWorker();
        return jdbc.sql("""
                update notification_outbox o
                   set status = 'SENDING', locked_by = ?, locked_until = ?, attempts = o.attempts + 1
                 where o.id in (select id from notification_outbox
                                 where status = 'PENDING' and next_attempt_at <= ? and (? = false or priority = 'HIGH')
                                 order by next_attempt_at, id limit ? for update skip locked)
                returning o.id, o.channel, o.recipient, o.subject, o.body, o.attempts""")
                .params(node, ts(now.plus(worker.getLease())), ts(now), highOnly, worker.getBatchSize())
                .query(Claimed.class).list();
    }

    private void deliver(Claimed row) throws Exception {
        Channel channel = Channel.valueOf(row.channel());
        String address = switch (channel) {
            case EMAIL, SMS -> contacts.of(row.recipient()).flatMap(c -> c.address(channel))
                    .orElseThrow(() -> new IllegalStateException(row.recipient() + " 没有可用的" + channel + "联系方式"));
            case WECOM, DINGTALK -> row.recipient();
        };
        ChannelSender sender = senders.stream().filter(s -> s.channels().contains(channel)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no sender for " + channel));
        sender.send(channel, address, row.subject(), row.body());
    }

    private void markSent(Claimed row, Instant now) {
        jdbc.sql("""
                update notification_outbox set status = 'SENT', sent_at = ?, locked_until = null, last_error = null
                 where id = ? and locked_by = ? and status = 'SENDING'""")
                .params(ts(clock.instant()), row.id(), node).update();
    }

    private void markRefused(Claimed row, Instant now, Exception e) {
        NotificationProperties.Worker worker = settings.getWorker();
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean giveUp = row.attempts() >= worker.getMaxAttempts();
        Duration wait = backoff(row.attempts());
        LOG.warn("notification {} ({}) attempt {} failed{}: {}", row.id(), row.channel(), row.attempts(),
                giveUp ? ", giving up" : ", next in " + wait, error);
        jdbc.sql("""
                update notification_outbox set status = ?, next_attempt_at = ?, locked_until = null, last_error = ?
                 where id = ? and locked_by = ? and status = 'SENDING'""")
                .params(giveUp ? "FAILED" : "PENDING", ts(giveUp ? now : now.plus(wait)), error, row.id(), node).update();
    }

    /** 1, 2, 4, 8 … times the base after the first, second, third … failure, capped. */
    Duration backoff(int attempts) {
        NotificationProperties.Worker worker = settings.getWorker();
        Duration wait = worker.getBackoff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(worker.getMaxBackoff()) > 0 ? worker.getMaxBackoff() : wait;
    }

    private void reportStaleClaims(Instant now) {
        int stale = jdbc.sql("""
                update notification_outbox set status = 'FAILED', locked_until = null,
                       last_error = '投递结果未知：处理节点在发送时中断，为免重复发送未自动重试（delivery outcome unknown）'
                 where status = 'SENDING' and locked_until < ?""").param(ts(now)).update();
        if (stale > 0) {
            LOG.warn("{} notifications were claimed by a node that did not finish; marked FAILED for review", stale);
        }
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return RiskItemStore.ts(Date.from(instant));
    }
}
