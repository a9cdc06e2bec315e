package casegrid.casefile;

import casegrid.item.RiskItemStore;
import casegrid.access.ItemAccess;
import casegrid.web.ApiException;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The item read policy for the case page and its diagram: exactly the answers of
 * {@code GET /api/risk-items/{number}} (404 for an unknown number first, then 403 outside the
 * caller's scope), so the page cannot show what the API would refuse.
 */
@Component
class CaseAccess {

    private final RiskItemStore items;
    private final ItemAccess access;

    CaseAccess(RiskItemStore items, ItemAccess access) {
        this.items = items;
        this.access = access;
    }

    /** The item's row, when the caller may read it (the one access policy decides, as for the API). */
    Map<String, Object> require(String number, Authentication caller) {
        access.read(caller, number, "");
        return items.find(number).orElseThrow(() -> ApiException.notFound("事项 " + number + " 不存在"));
    }
}
