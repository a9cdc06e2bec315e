package casegrid.org;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The administrators' pages for organisation and reference data (static, under static/admin). */
@Controller
class OrgPageController {

    @GetMapping({"/admin/org", "/admin/org/"})
    String org() {
        return "forward:/admin/org/index.html";
    }

    @GetMapping({"/admin/reference", "/admin/reference/"})
    String reference() {
        return "forward:/admin/reference/index.html";
    }
}
