package casegrid.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a user logged into Tasklist call the API with the same session (the dashboard does).
 * A session is a cookie the browser sends by itself, so a state-changing call must also carry
 * the webapp's CSRF token ({@code X-XSRF-TOKEN}), exactly as Tasklist's own calls do; without it
 * the call is refused (403), never treated as anonymous. The API chain keeps no security context
 * in the session, so this check runs on every request, whatever the session read before.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

    static final String ENGINE_NAME = "default";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    static final String CSRF_SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";
    private static final String CSRF_HEADER = "X-XSRF-TOKEN";

    private final ProblemResponses problems;

    WebappSessionAuthenticationFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && SecurityContextHolder.getContext().getAuthentication() == null
                && request.getHeader("Authorization") == null) {
            UserAuthentication user = webappUser(session);
            if (user != null && !SAFE_METHODS.contains(request.getMethod()) && !carriesCsrfToken(request, session)) {
                request.setAttribute(RefusalAuditFilter.USER, user.getName());
                problems.forbidden(request, response, "会话请求缺少有效的 CSRF 令牌（X-XSRF-TOKEN）。",
                        "session call without a valid CSRF token");
                return;
            }
            if (user != null) {
                List<SimpleGrantedAuthority> groups = user.getGroupIds() == null ? List.of()
                        : user.getGroupIds().stream().map(SimpleGrantedAuthority::new).toList();
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getName(), null, groups));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }

    private static UserAuthentication webappUser(HttpSession session) {
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null) {
            return null;
        }
        return authentications.getAuthenticationForProcessEngine(ENGINE_NAME) instanceof UserAuthentication user
                ? user : null;
    }

    private static boolean carriesCsrfToken(HttpServletRequest request, HttpSession session) {
        Object expected = session.getAttribute(CSRF_SESSION_ATTRIBUTE);
        String given = request.getHeader(CSRF_HEADER);
        return expected != null && given != null && MessageDigest.isEqual(
                expected.toString().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
