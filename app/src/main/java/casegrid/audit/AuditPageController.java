package casegrid.audit;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The access audit page (static, under static/audit); its entries come from /api/audit. */
@Controller
class AuditPageController {

    @GetMapping({"/audit", "/audit/"})
    String page() {
        return "forward:/audit/index.html";
    }
}
