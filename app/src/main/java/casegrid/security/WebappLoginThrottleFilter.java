package casegrid.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The login throttle in front of the webapps' own login form (Tasklist, Cockpit, Admin), which checks
 * the password itself: a throttled source is answered 429 before Camunda sees the password; the
 * answer counts as a failure or a success for that source and account.
 */
class WebappLoginThrottleFilter extends OncePerRequestFilter {

    static final RequestMatcher LOGIN = withDefaults().matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/*/login/*");

    private final LoginThrottle throttle;
    private final ProblemResponses problems;

    WebappLoginThrottleFilter(LoginThrottle throttle, ProblemResponses problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !LOGIN.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // A form parameter: Camunda's resource still reads it (@FormParam) after the container parsed the body.
        String user = request.getParameter("username");
        String source = request.getRemoteAddr();
        request.setAttribute(RefusalAuditFilter.USER, user);
        Optional<Duration> blocked = throttle.blockedFor(source, user);
        if (blocked.isPresent()) {
            problems.tooManyAttempts(request, response, blocked.get());
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_OK) {
            throttle.succeeded(source, user);
        } else if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            RefusalAuditFilter.reason(request, throttle.failed(source, user)
                    .map(wait -> "bad credentials; this source now waits " + wait + " for this account")
                    .orElse("bad credentials"));
        }
    }
}
