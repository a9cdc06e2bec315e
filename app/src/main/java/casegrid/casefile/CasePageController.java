package casegrid.casefile;

import casegrid.ledger.ReadAudit;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The printable case page {@code /items/{number}}. The page is a static shell (static/items/assets)
 * that renders the item API's answer and the diagram; it is only handed out after the same policy
 * check as the API, and opening it is recorded as a read of the item.
 */
@Controller
class CasePageController {

    private final CaseAccess access;
    private final ReadAudit audit;

    CasePageController(CaseAccess access, ReadAudit audit) {
        this.access = access;
        this.audit = audit;
    }

    @GetMapping("/items/{number}")
    String casePage(@PathVariable String number, Authentication caller) {
        access.require(number, caller);
        audit.record(caller.getName(), number, ReadAudit.VIEW_CASE_PAGE, null);
        return "forward:/items/assets/case.html";
    }
}
