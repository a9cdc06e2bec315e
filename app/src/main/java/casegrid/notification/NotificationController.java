package casegrid.notification;

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
 * Failed notifications for administrators: GET /api/notifications/failed lists them (newest first,
 * without message bodies or addresses), POST /api/notifications/{id}/retry queues one again.
 */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final OutboxAdmin admin;

    NotificationController(JdbcClient jdbc) {
        this.admin = new OutboxAdmin(jdbc, "notification_outbox", "通知");
    }

    @GetMapping("/failed")
    List<Map<String, Object>> failed(Authentication caller) {
        return admin.failed(caller, """
                select id, kind, number, channel, recipient, priority, attempts, last_error as "lastError",
                       created_at as "createdAt", next_attempt_at as "failedAt"
                  from notification_outbox where status = 'FAILED' order by created_at desc, id desc limit 500""");
    }

    @PostMapping("/{id}/retry")
    Map<String, Object> retry(@PathVariable long id, Authentication caller) {
        return admin.retry(caller, id);
    }
}
