package casegrid.ledger;

import casegrid.access.ItemAccess;
import casegrid.casefile.CaseFileDetails;
import casegrid.web.ApiException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/risk-items/{number}: the item with its plan, deadlines and timeline, for those who may see it. */
@RestController
@RequestMapping("/api/risk-items")
class RiskItemController {

    private final ItemViews views;
    private final ItemAccess access;
    private final ReadAudit audit;
    private final CaseFileDetails caseFile;

    RiskItemController(ItemViews views, ItemAccess access, ReadAudit audit, CaseFileDetails caseFile) {
        this.views = views;
        this.access = access;
        this.audit = audit;
        this.caseFile = caseFile;
    }

    @GetMapping("/{number}")
    ItemView item(@PathVariable String number, Authentication caller) {
        ItemAccess.Read read = access.read(caller, number, "");
        audit.read(caller.getName(), number);
        return views.find(number, read.unmasked()).orElseThrow(() -> ApiException.notFound("事项 " + number + " 不存在"))
                .withCaseFile(caseFile.of(number));
    }
}
