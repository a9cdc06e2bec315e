package casegrid.grading;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import casegrid.access.ItemAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Re-grading an item after grading: 200 when applied, 202 when it waits for a street leader (docs/deadlines.md). */
@RestController
@RequestMapping("/api/risk-items/{number}/grade")
class RegradeController {

    record GradeChange(String riskLevel, String reason) {
    }

    record Decision(Boolean approved, String note) {
    }

    private final RegradeService regrading;
    private final ItemAccess access;

    RegradeController(RegradeService regrading, ItemAccess access) {
        this.regrading = regrading;
        this.access = access;
    }

    /** For the 卷宗 tab's 调整风险等级: the level, a pending request, what the caller may do (anyone who may read the item). */
    @GetMapping
    RegradeService.State state(@PathVariable String number, Authentication caller) {
        access.read(caller, number, "的风险等级");
        return regrading.state(caller, number);
    }

    @PostMapping
    ResponseEntity<RegradeService.Outcome> regrade(@PathVariable String number, @RequestBody GradeChange change,
                                                   Authentication caller) {
        RegradeService.Outcome outcome = regrading.regrade(caller, number, change.riskLevel(), change.reason());
        return ResponseEntity.status(outcome.pending() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(outcome);
    }

    @PostMapping("/approval")
    RegradeService.Outcome decide(@PathVariable String number, @RequestBody Decision decision, Authentication caller) {
        return regrading.decide(caller, number, decision.approved(), decision.note());
    }
}
