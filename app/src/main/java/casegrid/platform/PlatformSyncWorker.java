package casegrid.platform;

import casegrid.notification.HttpPost;
import casegrid.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Posts due platform_outbox rows to the city platform through the shared {@link Outbox} mechanics
 * (SKIP LOCKED claims, a lease, backoff, FAILED after the last attempt), each with its
 * {@code Idempotency-Key}. Because the platform dedupes by that key, a row whose node died
 * mid-delivery is simply sent again: an outage or a crash loses nothing and sends nothing twice
 * that the platform would count twice.
 */
public class PlatformSyncWorker {

    record Claimed(long id, String idempotencyKey, String payload, int attempts) implements Outbox.Row {
    }

    private final PlatformProperties settings;
    private final Outbox<Claimed> outbox;

    public PlatformSyncWorker(JdbcClient jdbc, PlatformProperties settings, Clock clock, String node) {
        this.settings = settings;
        this.outbox = new Outbox<>(jdbc, "platform_outbox", "id, idempotency_key, payload, attempts", Claimed.class,
                settings.getWorker(), Outbox.LostLease.RESEND, clock, node);
    }

    /** One round: claim a batch of due events and post them. Returns the number delivered. */
    public int deliverDue() {
        return outbox.deliverDue("true", this::post);
    }

    private void post(Claimed row) throws Exception {
        if (!settings.configured()) {
            throw new IllegalStateException("未配置市平台地址（CASEGRID_PLATFORM_URL）");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", row.idempotencyKey());
        headers.put("Accept", "application/json");
        if (!settings.getToken().isBlank()) {
            headers.put("Authorization", "Bearer " + settings.getToken());
        } else if (!settings.getUsername().isBlank()) {
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (settings.getUsername() + ":" + settings.getPassword()).getBytes(StandardCharsets.UTF_8)));
        }
        HttpPost.send(settings.getUrl(), "application/json", row.payload(), headers);
    }
}
