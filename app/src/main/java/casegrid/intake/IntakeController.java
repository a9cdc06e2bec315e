package casegrid.intake;

import casegrid.intake.IntakeService.IntakeResult;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/risk-items: the mobile app's, the hotline bridge's and the city platform's intake. */
@RestController
@RequestMapping("/api/risk-items")
class IntakeController {

    private final IntakeService intake;

    IntakeController(IntakeService intake) {
        this.intake = intake;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> register(@RequestBody IntakeRequest request,
                                                 @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                                 Authentication caller) {
        String idempotencyKey = key == null || key.isBlank() ? null : key.trim();
        if (idempotencyKey != null && idempotencyKey.length() > 200) {
            throw casegrid.web.InvalidRequestException.of("Idempotency-Key", "不能超过200个字符");
        }
        IntakeResult result = intake.register(request, caller.getName(), idempotencyKey);
        // A work order pushed again (same externalId) is not a new item: 200 with the one it became.
        return (result.knownWorkOrder() ? ResponseEntity.ok().location(URI.create("/api/risk-items/" + result.number()))
                : ResponseEntity.created(URI.create("/api/risk-items/" + result.number())))
                .header("Idempotent-Replayed", Boolean.toString(result.replayed()))
                .body(Map.of("number", result.number(), "processInstanceId", result.processInstanceId(),
                        "status", result.status()));
    }
}
