package casegrid.access;

import casegrid.security.Groups;
import casegrid.web.ApiException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may see, export or report an item (least privilege, DOMAIN.md 保密), written once:
 * <ul>
 * <li>administrators and the district (district-meeting) read every street; a street's center and
 * leaders read every item of their own street (docs/streets.md);</li>
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
        /** Every street: its centre's and leaders' groups, its communities and departments. */
        List<StreetArea> streets();

        Set<String> supervisedBy(String supervisionGroup);

        default Set<String> communities() {
            Set<String> codes = new TreeSet<>();
            streets().forEach(s -> codes.addAll(s.communities()));
            return codes;
        }
    }

    /** One street as access sees it. */
    public record StreetArea(String code, String centerGroup, String leadersGroup, Set<String> communities,
                             Set<String> departments) {
        public StreetArea {
            communities = Set.copyOf(communities);
            departments = Set.copyOf(departments);
        }
    }

    private final Areas areas;

    public AccessPolicy(Areas areas) {
        this.areas = areas;
    }

    public Scope scope(String userId, Collection<String> groups) {
        boolean gridWorker = groups.contains(Groups.GRID_WORKERS);
        // Read once per call: every street's communities, from one answer of the organisation.
        List<StreetArea> streets = areas.streets();
        Set<String> allCommunities = new TreeSet<>();
        streets.forEach(s -> allCommunities.addAll(s.communities()));
        Set<String> communities = new TreeSet<>();
        Set<String> reportAreas = new TreeSet<>();
        Set<String> streetWideIn = new TreeSet<>();
        Set<String> streetCommunities = new TreeSet<>();
        boolean center = false;
        for (StreetArea street : streets) {
            boolean isCenter = groups.contains(street.centerGroup());
            center |= isCenter;
            if (isCenter || groups.contains(street.leadersGroup())) {
                streetWideIn.add(street.code());
                streetCommunities.addAll(street.communities());
            }
            // The centre takes the hotline and departments file their own surveys: anywhere in their street.
            if (isCenter || street.departments().stream().anyMatch(groups::contains)) {
                reportAreas.addAll(street.communities());
            }
        }
        boolean district = groups.stream().anyMatch(Groups::readsAllStreets);
        // The center of the only street reads every item: its ledger keeps the query without a condition.
        boolean everyCommunity = district || (!streetCommunities.isEmpty() && streetCommunities.containsAll(allCommunities));
        for (String code : allCommunities) {
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
        return new Scope(userId, district, everyCommunity, streetWideIn, streetCommunities, center,
                communities, gridWorker ? Set.of() : new TreeSet<>(groups), departments, supervised,
                groups.stream().anyMatch(Groups::reportsAnywhere), reportAreas);
    }

    /** The caller owns the item: reported it, is its community's owner, or belongs to its responsible unit. */
    public boolean owns(Scope scope, ItemFacts item) {
        return scope.userId().equals(item.reportedBy()) || in(scope.communities(), item.community())
                || in(scope.units(), item.responsibleUnit());
    }

    public boolean mayRead(Scope scope, ItemFacts item) {
        return scope.district() || in(scope.streetCommunities(), item.community()) || owns(scope, item)
                || in(scope.supervised(), item.community())
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
     * The communities whose weekly and monthly figures the caller may read: empty = every street
     * (administrators, the district); a street's center and leaders their street's communities; a
     * supervision group its communities; anyone else 403.
     */
    public Optional<Set<String>> reportCommunities(Scope scope) {
        if (scope.district()) {
            return Optional.empty();
        }
        if (scope.streetCommunities().isEmpty() && scope.supervised().isEmpty()) {
            throw ApiException.forbidden("统计报表仅向街道综治中心、街道领导、督导组和区级联席会议开放。");
        }
        Set<String> communities = new TreeSet<>(scope.streetCommunities());
        communities.addAll(scope.supervised());
        return Optional.of(communities);
    }

    /** The district comparison of the streets: administrators and the district only. */
    public void requireDistrict(Scope scope) {
        if (!scope.district()) {
            throw ApiException.forbidden("街道对比报表仅向区级联席会议和系统管理员开放。");
        }
    }

    /** An unset column (no responsible unit yet) is in no set. */
    private static boolean in(Set<String> set, String value) {
        return value != null && set.contains(value);
    }

    /**
     * Whether members of the group may start an intake (Camunda's CREATE_INSTANCE, derived in
     * OrgSync): those who may report somewhere, i.e. anywhere, in their street (a centre, a department)
     * or in their community's area.
     */
    public boolean mayRegisterItems(String group) {
        return Groups.reportsAnywhere(group) || Groups.GRID_WORKERS.equals(group) || Groups.isCommunityArea(group)
                || Groups.isDepartment(group) || areas.streets().stream().anyMatch(s -> group.equals(s.centerGroup()));
    }
}
