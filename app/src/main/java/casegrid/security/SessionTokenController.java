package casegrid.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webapp session's CSRF token for the administrators' pages (/admin/**), which write through the
 * API with the Tasklist session. Camunda scopes its XSRF-TOKEN cookie to /camunda, so a page outside it
 * cannot read the cookie; it reads the token here instead and sends it as X-XSRF-TOKEN
 * (WebappSessionAuthenticationFilter). A GET answer is readable by same-origin scripts only, so a
 * foreign page still cannot learn it. camunda-admin only (SecurityConfig, /api/admin/**).
 */
@RestController
class SessionTokenController {

    @GetMapping("/api/admin/session-token")
    ResponseEntity<Map<String, String>> token(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Map<String, String> answer = new HashMap<>();
        answer.put("token", session == null ? null : (String) session.getAttribute(WebappSessionAuthenticationFilter.CSRF_SESSION_ATTRIBUTE));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }
}
