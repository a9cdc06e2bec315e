package casegrid.reporting;

import casegrid.org.OrgDirectory;
import casegrid.security.Groups;
import casegrid.web.ApiException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The weekly and monthly figures. The street center, street leaders and administrators see the
 * whole street; a supervision group sees the same report computed over its own communities only
 * (its figures, supervision and notice lists included); everyone else gets 403 (保密).
 */
@RestController
@RequestMapping("/api/reports")
class ReportController {

    private final ReportService reports;
    private final ReportSnapshots snapshots;
    private final OrgDirectory org;

    ReportController(ReportService reports, ReportSnapshots snapshots, OrgDirectory org) {
        this.reports = reports;
        this.snapshots = snapshots;
        this.org = org;
    }

    @GetMapping("/weekly")
    Map<String, Object> weekly(@RequestParam(required = false) String week, Authentication caller) {
        return report(ReportPeriod.week(week, "week"), caller);
    }

    @GetMapping("/monthly")
    Map<String, Object> monthly(@RequestParam(required = false) String month, Authentication caller) {
        return report(ReportPeriod.month(month, "month"), caller);
    }

    private Map<String, Object> report(ReportPeriod period, Authentication caller) {
        Collection<String> scope = scopeOf(caller);
        Map<String, Object> report = reports.compute(period, scope);
        report.put("snapshot", snapshots.meta(period).orElse(null));
        return report;
    }

    /** null = the whole street; else the communities the caller's supervision groups cover. */
    Collection<String> scopeOf(Authentication caller) {
        List<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        if (groups.contains(Groups.CAMUNDA_ADMIN) || groups.contains(Groups.STREET_CENTER)
                || groups.contains(Groups.STREET_LEADERS)) {
            return null;
        }
        Set<String> communities = new TreeSet<>();
        groups.stream().filter(g -> g.startsWith(Groups.SUPERVISION_PREFIX))
                .forEach(g -> communities.addAll(org.communitiesSupervisedBy(g)));
        if (communities.isEmpty()) {
            throw ApiException.forbidden("统计报表仅向街道综治中心、街道领导和督导组开放。");
        }
        return communities;
    }
}
