package casegrid.reporting;

import casegrid.access.ItemAccess;
import casegrid.web.InvalidRequestException;
import casegrid.org.OrgDirectory;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The weekly and monthly figures. Administrators and the district see every street; a street's center
 * and leaders their street; a supervision group sees the same report computed over its own communities
 * only (its figures, supervision and notice lists included); everyone else gets 403 (保密). The district
 * report compares the streets (district and administrators only).
 */
@RestController
@RequestMapping("/api/reports")
class ReportController {

    private final ReportService reports;
    private final ReportSnapshots snapshots;
    private final ItemAccess access;
    private final DistrictReport district;
    private final OrgDirectory org;

    ReportController(ReportService reports, ReportSnapshots snapshots, ItemAccess access, DistrictReport district,
                     OrgDirectory org) {
        this.reports = reports;
        this.org = org;
        this.district = district;
        this.snapshots = snapshots;
        this.access = access;
    }

    @GetMapping("/weekly")
    Report.View weekly(@RequestParam(required = false) String week, Authentication caller) {
        return report(ReportPeriod.week(week, "week"), caller);
    }

    @GetMapping("/monthly")
    Report.View monthly(@RequestParam(required = false) String month, Authentication caller) {
        return report(ReportPeriod.month(month, "month"), caller);
    }

    /** The streets compared, for the district joint meeting and administrators (docs/streets.md). */
    @GetMapping("/district")
    DistrictReport.District district(@RequestParam(required = false) String week,
                                     @RequestParam(required = false) String month, Authentication caller) {
        access.policy().requireDistrict(access.scope(caller));
        if ((week == null) == (month == null)) {
            throw InvalidRequestException.of(week == null ? "week" : "month", "请给出 week（如 2026-W48）或 month（如 2026-11）之一");
        }
        return district.compute(week != null ? ReportPeriod.week(week, "week") : ReportPeriod.month(month, "month"));
    }

    private Report.View report(ReportPeriod period, Authentication caller) {
        Collection<String> communities = scopeOf(caller);
        Report report = reports.compute(period, communities);
        return new Report.View(report, streetOf(communities).flatMap(street -> snapshots.meta(period, street)).orElse(null));
    }

    /** The one street a report covers (its meeting snapshot is that street's); none for several streets. */
    private Optional<String> streetOf(Collection<String> communities) {
        Map<String, String> streetOf = org.streetOfEveryCommunity();
        Set<String> streets = new TreeSet<>(communities == null ? streetOf.values()
                : communities.stream().map(streetOf::get).filter(Objects::nonNull).toList());
        return streets.size() == 1 ? Optional.of(streets.iterator().next()) : Optional.empty();
    }

    /** null = every street; else the communities of the caller's street or supervision groups (AccessPolicy). */
    Collection<String> scopeOf(Authentication caller) {
        return access.policy().reportCommunities(access.scope(caller)).orElse(null);
    }
}
