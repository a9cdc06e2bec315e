package casegrid.access;

import casegrid.security.Groups;
import casegrid.web.ApiException;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may see, export or report an item (least privilege, DOMAIN.md 保密), written once:
 * <ul>
 * <li>administrators, the street center and street leaders read everything;</li>
 * <li>community staff and leaders read their community (属地); grid workers, who share the
 * community's group, only what they reported themselves;</li>
 * <li>departments read what they own or are called into; supervision groups their communities;</li>
 * <li>anyone reads what they reported or what their unit owns.</li>
 * </ul>
 * Parties' names and phones are shown unmasked to the street center, the item's owners (its
 * community, its responsible unit, its reporter) and the people named in its plan; every other
 * reader sees them masked (need to know).
 *
 * <p>The policy needs no Spring and no database: it is given the organisation's areas, turns a
 * caller's groups into a {@link Scope}, and decides on an item's {@link ItemFacts}. Lists apply
 * the same rules as SQL through {@link VisibleItems}; the HTTP tests check both agree.
 */
public class AccessPolicy {

    /** The organisation as far as access needs it. */
    public interface Areas {
        Set<String> communities();

        Set<String> supervisedBy(String supervisionGroup);
    }

    private final Areas areas;

    public AccessPolicy(Areas areas) {
        this.areas = areas;
    }

    public Scope scope(String userId, Collection<String> groups) {
        boolean gridWorker = groups.contains(Groups.GRID_WORKERS);
        Set<String> communities = new TreeSet<>();
        Set<String> reportAreas = new TreeSet<>();
        for (String code : areas.communities()) {
            // Grid workers share the community's group with its staff but read only their own reports.
            if (groups.contains(Groups.communityLeaders(code)) || (!gridWorker && groups.contains(Groups.community(code)))) {
                communities.add(code);
            }
            if (groups.contains(Groups.community(code))) {
                reportAreas.add(code);
            }
        }
        Set<String> supervised = new TreeSet<>();
        groups.stream().filter(Groups::isSupervision).forEach(g -> supervised.addAll(areas.supervisedBy(g)));
        Set<String> departments = new TreeSet<>();
        groups.stream().filter(Groups::isDepartment).forEach(departments::add);
        return new Scope(userId, groups.stream().anyMatch(Groups::isStreetWide), groups.contains(Groups.STREET_CENTER),
                communities, gridWorker ? Set.of() : new TreeSet<>(groups), departments, supervised,
                groups.stream().anyMatch(Groups::reportsAnywhere), reportAreas);
    }

    /** The caller owns the item: reported it, is its community's owner, or belongs to its responsible unit. */
    public boolean owns(Scope scope, ItemFacts item) {
        return scope.userId().equals(item.reportedBy()) || in(scope.communities(), item.community())
                || in(scope.units(), item.responsibleUnit());
    }

    public boolean mayRead(Scope scope, ItemFacts item) {
        return scope.streetWide() || owns(scope, item) || in(scope.supervised(), item.community())
                || !Collections.disjoint(scope.departments(), item.eventUnits());
    }

    /**
     * May add files (photos, documents, evidence) to the item: those who work it — the street center, its
     * community's staff and leaders, its responsible unit, the people named in its plan — and, while it
     * is being registered ({@code atIntake}), the person who reported it. Departments only called in and
     * supervisors read it but add nothing.
     */
    public boolean mayAddFiles(Scope scope, ItemFacts item, boolean atIntake) {
        return scope.allUnmasked() || in(scope.communities(), item.community()) || in(scope.units(), item.responsibleUnit())
                || item.planPeople().contains(scope.userId()) || (atIntake && scope.userId().equals(item.reportedBy()));
    }

    public boolean seesPersonalData(Scope scope, ItemFacts item) {
        return scope.allUnmasked() || owns(scope, item) || item.planPeople().contains(scope.userId());
    }

    public void requireMayRead(Scope scope, ItemFacts item, String what) {
        if (!mayRead(scope, item)) {
            throw ApiException.forbidden("无权查看事项 " + item.number() + what + "：不在您的职责范围内。");
        }
    }

    public boolean mayReportIn(Scope scope, String community) {
        return scope.reportsAnywhere() || in(scope.reportAreas(), community);
    }

    public void requireMayReportIn(Scope scope, String community) {
        if (!mayReportIn(scope, community)) {
            throw ApiException.forbidden("无权在社区 " + community + " 登记事项：只能登记本社区的事项。");
        }
    }

    /**
     * The communities whose weekly and monthly figures the caller may read: empty = the whole street;
     * a supervision group its communities; anyone else 403.
     */
    public Optional<Set<String>> reportCommunities(Scope scope) {
        if (scope.streetWide()) {
            return Optional.empty();
        }
        if (scope.supervised().isEmpty()) {
            throw ApiException.forbidden("统计报表仅向街道综治中心、街道领导和督导组开放。");
        }
        return Optional.of(scope.supervised());
    }

    /** An unset column (no responsible unit yet) is in no set. */
    private static boolean in(Set<String> set, String value) {
        return value != null && set.contains(value);
    }

    /**
     * Whether members of the group may start an intake (Camunda's CREATE_INSTANCE, derived in
     * OrgSync): those who may report somewhere, i.e. anywhere or in their community's area.
     */
    public static boolean mayRegisterItems(String group) {
        return Groups.reportsAnywhere(group) || Groups.GRID_WORKERS.equals(group) || Groups.isCommunityArea(group);
    }
}
