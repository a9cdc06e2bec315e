package casegrid.security;

import casegrid.ledger.ReadAudit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one place where refused attempts are written to access_audit: whatever refused the call (a
 * security rule, the CSRF or origin check, the login throttle, an area check in a controller, the
 * engine's authorizations behind /engine-rest), the answer's status tells. Recorded: every 403, and a
 * 401 when a user name was given (a wrong password; the one that starts a throttle says so), with who,
 * method, path and why. The 429s of a throttled source are not: they would let a guesser fill the table.
 * It sits just inside the security context filter, so the caller is still known on the way out.
 */
class RefusalAuditFilter extends OncePerRequestFilter {

    /** Request attribute: the user a refusal is about when no authentication was set (a session without token, a login form). */
    static final String USER = RefusalAuditFilter.class.getName() + ".user";
    private static final Logger LOG = LoggerFactory.getLogger(RefusalAuditFilter.class);

    private final ReadAudit audit;
    private final RequestMatcher applies;

    RefusalAuditFilter(ReadAudit audit) {
        this(audit, AnyRequestMatcher.INSTANCE);
    }

    RefusalAuditFilter(ReadAudit audit, RequestMatcher applies) {
        this.audit = audit;
        this.applies = applies;
    }

    static void reason(HttpServletRequest request, String reason) {
        request.setAttribute(ReadAudit.REFUSAL_REASON, reason);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !applies.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status != 401 && status != 403) {
            return;
        }
        String user = caller(request);
        if (status == 401 && user == null) {
            return; // no credentials at all: a login prompt, not an attempt
        }
        Object reason = request.getAttribute(ReadAudit.REFUSAL_REASON);
        try {
            audit.refused(user == null ? ReadAudit.ANONYMOUS : user, status, request.getMethod(), request.getRequestURI(),
                    reason != null ? reason.toString() : defaultReason(request, status));
        } catch (RuntimeException e) {
            // The refusal itself stands; a failing audit write must not turn it into a 500.
            LOG.error("Could not audit the refusal of {} {}", request.getMethod(), request.getRequestURI(), e);
        }
    }

    private static String defaultReason(HttpServletRequest request, int status) {
        if (status == 401) {
            return "bad credentials";
        }
        return request.getRequestURI().startsWith("/engine-rest/") ? "engine authorization" : "refused";
    }

    private static String caller(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return authentication.getName();
        }
        if (request.getAttribute(USER) instanceof String user && !user.isBlank()) {
            return user;
        }
        return basicUser(request.getHeader("Authorization"));
    }

    private static String basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return user.isBlank() ? null : user;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
