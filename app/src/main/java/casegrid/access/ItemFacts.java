package casegrid.access;

import java.util.Set;

/**
 * The facts about one item that access depends on: its area, who reported it, who owns it, the
 * people named in its plan, and the units with events on it (departments called in by a whistle,
 * joint handling or a return).
 */
public record ItemFacts(String number, String community, String reportedBy, String responsibleUnit,
                        Set<String> planPeople, Set<String> eventUnits) {

    public ItemFacts {
        planPeople = Set.copyOf(planPeople);
        eventUnits = Set.copyOf(eventUnits);
    }
}
