package casegrid.grading;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Re-grading an item after grading: 200 when applied, 202 when it waits for a street leader. */
@RestController
@RequestMapping("/api/risk-items/{number}/grade")
class RegradeController {

    record GradeChange(String riskLevel, String reason) {
    }

    record Decision(Boolean approved, String note) {
    }

    private final RegradeService regrading;

    RegradeController(RegradeService regrading) {
        this.regrading = regrading;
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
