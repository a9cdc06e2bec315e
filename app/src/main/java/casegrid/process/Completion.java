package casegrid.process;

import casegrid.item.ItemEvent;

/**
 * What completing a task was, for the item's timeline: the domain event, a short summary, and the
 * unit it concerns when it is not the item's own (a department reporting in, the unit that returned it).
 */
public record Completion(ItemEvent event, String summary, String unit) {

    public static Completion of(ItemEvent event, String summary) {
        return new Completion(event, summary, null);
    }

    public Completion concerning(String unit) {
        return new Completion(event, summary, unit);
    }
}
