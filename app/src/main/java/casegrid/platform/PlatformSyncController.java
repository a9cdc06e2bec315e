package casegrid.platform;

import casegrid.outbox.OutboxAdmin;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Events the city platform never accepted, for administrators, in the shape of the notifications'
 * list: GET /api/platform-sync/failed (newest first, without payloads), POST /api/platform-sync/{id}/retry.
 */
@RestController
@RequestMapping("/api/platform-sync")
class PlatformSyncController {

    private final OutboxAdmin admin;

    PlatformSyncController(JdbcClient jdbc) {
        this.admin = new OutboxAdmin(jdbc, "platform_outbox", "市平台同步");
    }

    @GetMapping("/failed")
    List<Map<String, Object>> failed(Authentication caller) {
        return admin.failed(caller, """
                select id, number, event, idempotency_key as "idempotencyKey", attempts, last_error as "lastError",
                       created_at as "createdAt", next_attempt_at as "failedAt"
                  from platform_outbox where status = 'FAILED' order by created_at desc, id desc limit 500""");
    }

    @PostMapping("/{id}/retry")
    Map<String, Object> retry(@PathVariable long id, Authentication caller) {
        return admin.retry(caller, id);
    }
}
