package casegrid.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing call that a browser says comes from another site. A browser that cached
 * HTTP basic credentials (the dashboard asks for them) sends them with a forged cross-site form as
 * it sends a cookie, and basic calls carry no CSRF token; but a browser always names the page's
 * origin in {@code Origin} (and {@code Sec-Fetch-Site}) on such a request. Clients outside a browser
 * (curl, Camunda Modeler, scripts) send neither and are not affected.
 */
class SameOriginWriteFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private final ProblemResponses problems;

    SameOriginWriteFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE_METHODS.contains(request.getMethod()) && fromAnotherSite(request)) {
            problems.forbidden(request, response, "拒绝来自其他网站的修改请求（cross-origin request refused）。",
                    "cross-origin write: Origin=" + request.getHeader("Origin")
                            + " Sec-Fetch-Site=" + request.getHeader("Sec-Fetch-Site"));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean fromAnotherSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        return origin != null && !sameOrigin(origin, request);
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false; // "null" (sandboxed or file pages) and garbage
            }
            return uri.getScheme().equalsIgnoreCase(request.getScheme())
                    && uri.getHost().equalsIgnoreCase(request.getServerName())
                    && port(uri.getScheme(), uri.getPort()) == port(request.getScheme(), request.getServerPort());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(String scheme, int port) {
        if (port > 0) {
            return port;
        }
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
