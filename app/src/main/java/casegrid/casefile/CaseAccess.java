package casegrid.casefile;

import casegrid.item.RiskItemStore;
import casegrid.ledger.ItemVisibility;
import casegrid.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The item read policy for the case page and its diagram: exactly the answers of
 * {@code GET /api/risk-items/{number}} (404 for an unknown number first, then 403 outside the
 * caller's scope), so the page cannot show what the API would refuse.
 */
@Component
class CaseAccess {

    private final RiskItemStore items;
    private final ItemVisibility visibility;

    CaseAccess(RiskItemStore items, ItemVisibility visibility) {
        this.items = items;
        this.visibility = visibility;
    }

    /** The item's row, when the caller may read it. */
    Map<String, Object> require(String number, Authentication caller) {
        Map<String, Object> row = items.find(number).orElseThrow(() -> ApiException.notFound("事项 " + number + " 不存在"));
        List<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        if (!visibility.canSee(caller.getName(), groups, number)) {
            throw ApiException.forbidden("无权查看事项 " + number + "：不在您的职责范围内。");
        }
        return row;
    }
}
