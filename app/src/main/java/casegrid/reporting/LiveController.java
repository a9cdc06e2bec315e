package casegrid.reporting;

import casegrid.access.ItemAccess;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The live panel of the dashboard, under the reports' access rule (AccessPolicy.reportCommunities):
 * the street-wide roles see the street, a supervision group its communities, everyone else 403.
 */
@RestController
class LiveController {

    private final LivePanel live;
    private final ItemAccess access;

    LiveController(LivePanel live, ItemAccess access) {
        this.live = live;
        this.access = access;
    }

    @GetMapping("/api/reports/live")
    LivePanel.Live live(Authentication caller) {
        return live.compute(access.policy().reportCommunities(access.scope(caller)).orElse(null));
    }
}
