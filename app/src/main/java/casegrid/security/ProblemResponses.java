package casegrid.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * 401, 403 and 429 from the security filters as RFC 9457 problem+json, like every other API error.
 * Each refusal leaves its reason on the request for {@link RefusalAuditFilter}.
 */
@Component
class ProblemResponses {

    private final ObjectMapper objectMapper;

    ProblemResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginThrottledException throttled) {
            tooManyAttempts(request, response, throttled.retryAfter());
            return;
        }
        // A page's own script (X-Requested-With, as the mobile intake page sends) shows its own sign-in:
        // a Basic challenge would make the browser pop up its password dialog over the page.
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"casegrid\", charset=\"UTF-8\"");
        }
        write(request, response, HttpStatus.UNAUTHORIZED, "需要登录：请提供用户名和密码（HTTP Basic）或先登录 Tasklist。",
                e instanceof BadCredentialsException ? e.getMessage() : "unauthenticated");
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "无权访问该资源。", "access rule of the path");
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response, String detail, String reason)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, detail, reason);
    }

    void tooManyAttempts(HttpServletRequest request, HttpServletResponse response, Duration retryAfter)
            throws IOException {
        long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toMillisPart() > 0 ? 1 : 0));
        response.setHeader("Retry-After", Long.toString(seconds));
        write(request, response, HttpStatus.TOO_MANY_REQUESTS,
                "登录失败次数过多，请 " + seconds + " 秒后再试（too many failed logins from this address for this account）。",
                "login throttled");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail,
                       String reason) throws IOException {
        RefusalAuditFilter.reason(request, reason);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
