package casegrid.reporting;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The leaders' dashboard page (static, under static/dashboard); its figures come from /api/reports. */
@Controller
class DashboardController {

    @GetMapping({"/dashboard", "/dashboard/"})
    String dashboard() {
        return "forward:/dashboard/index.html";
    }
}
