package casegrid.item;

/**
 * Published (Spring application event, synchronously, in the writer's transaction) each time a
 * timeline row is written, so that features that react to the domain's events (the city platform's
 * outbox) do so in the same transaction and roll back with it.
 */
public record ItemEventRecorded(String number, ItemEvent kind) {
}
