package casegrid.reporting;

import casegrid.access.ItemAccess;
import java.util.Collection;
import org.springframework.security.core.Authentication;
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
    private final ItemAccess access;

    ReportController(ReportService reports, ReportSnapshots snapshots, ItemAccess access) {
        this.reports = reports;
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

    private Report.View report(ReportPeriod period, Authentication caller) {
        Report report = reports.compute(period, scopeOf(caller));
        return new Report.View(report, snapshots.meta(period).orElse(null));
    }

    /** null = the whole street; else the communities the caller's supervision groups cover (AccessPolicy). */
    Collection<String> scopeOf(Authentication caller) {
        return access.policy().reportCommunities(access.scope(caller)).orElse(null);
    }
}
