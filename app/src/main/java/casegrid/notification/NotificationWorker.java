package casegrid.notification;

import casegrid.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delivers due notification_outbox rows through the shared {@link Outbox} mechanics (SKIP LOCKED
 * claims with a lease, backoff, FAILED after the last attempt), so any number of workers on any
 * number of nodes may run at once.
 *
 * <p>At most once: a row whose lease ran out (its node died mid-delivery, so the message may or may
 * not have gone out) is not sent again by itself but turned FAILED for an administrator to look at
 * and retry; an SMS or a robot cannot tell a repeat. In quiet hours only HIGH items go out; the
 * others wait for the morning.
 */
public class NotificationWorker {

    record Claimed(long id, String channel, String recipient, String subject, String body, int attempts)
            implements Outbox.Row {
    }

    private final NotificationProperties settings;
    private final List<ChannelSender> senders;
    private final Contacts contacts;
    private final Clock clock;
    private final Outbox<Claimed> outbox;

    public NotificationWorker(JdbcClient jdbc, NotificationProperties settings, List<ChannelSender> senders,
                              Contacts contacts, Clock clock, String node) {
        this.settings = settings;
        this.senders = senders;
        this.contacts = contacts;
        this.clock = clock;
        this.outbox = new Outbox<>(jdbc, "notification_outbox", "id, channel, recipient, subject, body, attempts",
                Claimed.class, settings.getWorker(), Outbox.LostLease.FAIL_FOR_REVIEW, clock, node);
    }

    /** One round: report stale claims, claim a batch, deliver it. Returns the number delivered. */
    public int deliverDue() {
        Instant now = clock.instant();
        boolean quiet = settings.getQuietHours().contains(now.atZone(settings.getQuietHours().getZone()).toLocalTime());
        return outbox.deliverDue(quiet ? "priority = 'HIGH'" : "true", this::deliver);
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

    Duration backoff(int attempts) {
        return settings.getWorker().backoff(attempts);
    }
}
