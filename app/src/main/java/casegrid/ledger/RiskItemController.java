package casegrid.ledger;

import casegrid.casefile.CaseFileDetails;
import casegrid.item.RiskItemStore;
import casegrid.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/risk-items/{number}: the item with its plan, deadlines and timeline, for those who may see it. */
@RestController
@RequestMapping("/api/risk-items")
class RiskItemController {

    private final RiskItemStore items;
    private final ItemVisibility visibility;
    private final ReadAudit audit;
    private final CaseFileDetails caseFile;

    RiskItemController(RiskItemStore items, ItemVisibility visibility, ReadAudit audit, CaseFileDetails caseFile) {
        this.items = items;
        this.visibility = visibility;
        this.audit = audit;
        this.caseFile = caseFile;
    }

    @GetMapping("/{number}")
    Map<String, Object> item(@PathVariable String number, Authentication caller) {
        Map<String, Object> row = items.find(number).orElseThrow(() -> ApiException.notFound("事项 " + number + " 不存在"));
        List<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        if (!visibility.canSee(caller.getName(), groups, number)) {
            throw ApiException.forbidden("无权查看事项 " + number + "：不在您的职责范围内。");
        }
        audit.read(caller.getName(), number);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("number", number);
        for (String field : new String[] {"title", "description", "category", "subcategory", "source", "community", "grid",
                "address", "occurred_at", "reported_at", "reported_by", "people_involved", "threat_of_violence",
                "involves_minors", "cross_jurisdiction", "repeat_count", "status", "suggested_level", "risk_level",
                "grade_reason", "graded_at", "graded_by", "fixable_now", "overdue", "miss_count", "merged_into",
                "transferred_to", "closure_outcome", "closure_evidence", "closed_at", "closed_by", "satisfaction",
                "reopen_count", "process_instance_id"}) {
            view.put(camel(field), row.get(field));
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        for (String field : new String[] {"responsible_unit", "responsible_leader", "investigator", "resolver",
                "stabiliser", "dispatcher", "measures"}) {
            plan.put(camel(field), row.get(field));
        }
        view.put("plan", plan);
        view.put("emergencyPlan", row.get("emergency_plan") == null ? null : row.get("emergency_plan").toString());
        Map<String, Object> deadlines = new LinkedHashMap<>();
        deadlines.put("feedbackDue", row.get("feedback_due"));
        deadlines.put("feedbackAt", row.get("feedback_at"));
        deadlines.put("weeklyUpdateDue", row.get("weekly_update_due"));
        deadlines.put("resolveBy", row.get("resolve_by"));
        view.put("deadlines", deadlines);
        boolean unmasked = visibility.seesPersonalData(caller.getName(), groups, number);
        view.put("parties", items.parties(number).stream().map(p -> Masking.party(p, unmasked)).toList());
        view.put("personalDataMasked", !unmasked);
        view.put("sources", items.sources(number));
        view.put("timeline", items.events(number));
        // The case file's additions (labels, deadline states, merged repeats): new keys only.
        view.putAll(caseFile.additions(number, row));
        return view;
    }

    static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
