package casegrid.platform;

import casegrid.item.ItemEvent;
import casegrid.item.ItemEventRecorded;
import casegrid.item.RiskItem;
import casegrid.item.RiskItemStore;
import casegrid.notification.Notifications;
import casegrid.org.Office;
import casegrid.reference.ReferenceData;
import casegrid.reference.ReferenceData.Kind;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the city platform's outbox: for each created / graded / resolution-requested / closed event
 * of a DISPUTE item, one row with a snapshot of the item, in the transaction that records the event
 * (RiskItemStore publishes it synchronously), so a step that rolls back tells the platform nothing.
 * With no platform URL configured nothing is written, and configuring one later does not replay
 * the backlog.
 */
@Component
public class PlatformOutbox {

    /** Our domain events and the names the platform knows them by. */
    static final Map<ItemEvent, String> SYNCED = Map.of(ItemEvent.REGISTERED, "CREATED", ItemEvent.GRADED, "GRADED",
            ItemEvent.RESOLUTION_REQUESTED, "RESOLVED", ItemEvent.CLOSED, "CLOSED");
    static final String CATEGORY = "DISPUTE";

    /** The item's last sync as the item detail shows it; {@code at} is when it was sent, or when it was queued. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String state, String event, OffsetDateTime at, String error) {
    }

    private final JdbcClient jdbc;
    private final RiskItemStore items;
    private final Notifications scrubber;
    private final PlatformProperties settings;
    private final ObjectMapper json;
    private final ReferenceData reference;

    PlatformOutbox(JdbcClient jdbc, RiskItemStore items, Notifications scrubber, PlatformProperties settings,
                   ObjectMapper json, ReferenceData reference) {
        this.reference = reference;
        this.jdbc = jdbc;
        this.items = items;
        this.scrubber = scrubber;
        this.settings = settings;
        this.json = json;
    }

    @EventListener
    void on(ItemEventRecorded recorded) {
        String event = SYNCED.get(recorded.kind());
        if (event == null || !settings.configured()) {
            return;
        }
        RiskItem item = items.item(recorded.number()).orElse(null);
        if (item == null || !CATEGORY.equals(item.category())) {
            return;
        }
        Date now = ClockUtil.getCurrentTime();
        String key = idempotencyKey(item.number(), recorded.kind(), event);
        jdbc.sql("""
                insert into platform_outbox (idempotency_key, number, event, payload, status, attempts, next_attempt_at,
                    created_at)
                values (?, ?, ?, ?, 'PENDING', 0, ?, ?) on conflict (idempotency_key) do nothing""")
                .params(key, item.number(), event, payload(item, event, now), RiskItemStore.ts(now), RiskItemStore.ts(now))
                .update();
    }

    /** The item's sync state: the oldest event not yet delivered if there is one, else the last one sent. */
    public Optional<Status> status(String number) {
        return jdbc.sql("""
                select status as state, event, coalesce(sent_at, created_at) as at, last_error as error
                  from platform_outbox where number = ? order by (status = 'SENT'), case when status = 'SENT' then -id else id end
                 limit 1""").param(number).query(Status.class).optional();
    }

    /** number:EVENT; the n-th occurrence of an event (a reopened item closed again) gets number:EVENT:n. */
    private String idempotencyKey(String number, ItemEvent kind, String event) {
        int occurrence = jdbc.sql("select count(*) from risk_item_event where number = ? and kind = ?")
                .params(number, kind.name()).query(Integer.class).single();
        return number + ":" + event + (occurrence > 1 ? ":" + occurrence : "");
    }

    private String payload(RiskItem item, String event, Date now) {
        String number = item.number();
        boolean closed = "CLOSED".equals(event);
        PlatformEvent body = new PlatformEvent(event, now.toInstant().atZone(Office.ZONE).toOffsetDateTime(), number,
                externalId(number), item.source(), item.category(), reference.name(Kind.CATEGORY, item.category()),
                clean(number, item.subcategory()), item.community(), item.grid(),
                clean(number, item.address()), clean(number, item.title()), clean(number, item.description()),
                item.riskLevel() == null ? null : item.riskLevel().name(), item.status().name(),
                closed ? item.closureOutcome() : null,
                closed && item.closureOutcome() != null ? reference.name(Kind.CLOSURE_OUTCOME, item.closureOutcome()) : null);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String clean(String number, String text) {
        return text == null ? null : scrubber.withoutPersonalData(number, text);
    }

    private String externalId(String number) {
        return jdbc.sql("select external_id from work_order where number = ?").param(number).query(String.class)
                .optional().orElse(null);
    }
}
