package casegrid.reporting;

import casegrid.access.ItemAccess;
import casegrid.org.OrgDirectory;
import casegrid.web.ApiException;
import casegrid.web.FieldProblem;
import casegrid.web.InvalidRequestException;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The live panel of the dashboard, under the reports' access rule (AccessPolicy.reportCommunities):
 * the district and administrators see every street (narrowed by {@code ?street=}), a street's center
 * and leaders their street, a supervision group its communities, everyone else 403.
 */
@RestController
class LiveController {

    private final LivePanel live;
    private final ItemAccess access;
    private final OrgDirectory org;

    LiveController(LivePanel live, ItemAccess access, OrgDirectory org) {
        this.live = live;
        this.access = access;
        this.org = org;
    }

    @GetMapping("/api/reports/live")
    LivePanel.Live live(@RequestParam(required = false) String street, Authentication caller) {
        Set<String> allowed = access.policy().reportCommunities(access.scope(caller)).orElse(null);
        if (street == null || street.isBlank()) {
            return live.compute(allowed);
        }
        if (org.streets().stream().noneMatch(s -> s.code().equals(street))) {
            throw new InvalidRequestException(List.of(new FieldProblem("street", "未知街道 " + street)));
        }
        List<String> communities = org.communitiesOfStreet(street).stream()
                .filter(c -> allowed == null || allowed.contains(c)).toList();
        if (communities.isEmpty()) {
            throw ApiException.forbidden("无权查看街道 " + street + " 的实时概况。");
        }
        return live.compute(communities);
    }
}
