package casegrid.access;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one caller may reach, worked out once per request from their groups (AccessPolicy.scope):
 * every read decision and the ledger's SQL predicate are functions of this value only.
 *
 * @param userId       the caller
 * @param district     reads and compares every street (administrators, district-meeting)
 * @param everyCommunity reads every item there is: the district, or a street's center or leaders while
 *                     theirs is the only street (same answers; the ledger's SQL then needs no condition)
 * @param streets      the streets whose every item the caller reads (their center or leaders)
 * @param streetCommunities the communities of those streets
 * @param allUnmasked  sees every party's name and phone (a street center, which dispatches; it reads
 *                     only its own street's items)
 * @param communities  territorial owner (属地) of these communities: their staff and leaders
 * @param units        responsible units the caller belongs to (an item's owner); none for grid workers
 * @param departments  departments the caller belongs to, which read the items they are called into
 * @param supervised   communities covered by the caller's supervision groups
 * @param reportAreas  communities the caller may register items in, unless {@code reportsAnywhere}
 */
public record Scope(String userId, boolean district, boolean everyCommunity, Set<String> streets,
                    Set<String> streetCommunities, boolean allUnmasked, Set<String> communities, Set<String> units,
                    Set<String> departments, Set<String> supervised, boolean reportsAnywhere, Set<String> reportAreas) {

    public Scope {
        streets = sorted(streets);
        streetCommunities = sorted(streetCommunities);
        communities = sorted(communities);
        units = sorted(units);
        departments = sorted(departments);
        supervised = sorted(supervised);
        reportAreas = sorted(reportAreas);
    }

    /** Sorted, so that reports list communities and SQL binds lists in a stable order. */
    private static Set<String> sorted(Set<String> values) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }
}
