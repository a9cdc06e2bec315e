package casegrid.process;

import static casegrid.item.RiskItemVariables.COMMUNITY_OPTIONS;
import static casegrid.item.RiskItemVariables.GRID_OPTIONS;
import static casegrid.item.RiskItemVariables.START_FORM_OPTION_LISTS;

import casegrid.access.ItemAccess;
import casegrid.access.Scope;
import casegrid.org.OrgDirectory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Fills a start form's selects when the form is served. A start form has no task to carry its options
 * (OfferedOptions puts them on tasks), and Tasklist loads no variables for it; so when Tasklist (or a
 * REST client) fetches the deployed start form, every select naming one of
 * {@code START_FORM_OPTION_LISTS} ({@code valuesKey}) gets the current options as its {@code values}:
 * the communities of the organisation, the active categories and sources of the reference data. The
 * form file itself names only the list, never the codes. Runs after security: only an authenticated
 * caller's 200 answer is rewritten.
 */
@Component
public class StartFormOptions extends OncePerRequestFilter {

    private static final Pattern START_FORM = Pattern.compile(".*/process-definition/(key/)?[^/]+/deployed-start-form");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Providers: web slice tests build the app's filters without the engine's plugins. */
    private final ObjectProvider<OfferedOptions> offered;
    private final ObjectProvider<ItemAccess> access;
    private final ObjectProvider<OrgDirectory> org;

    public StartFormOptions(ObjectProvider<OfferedOptions> offered, ObjectProvider<ItemAccess> access,
                            ObjectProvider<OrgDirectory> org) {
        this.offered = offered;
        this.access = access;
        this.org = org;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !START_FORM.matcher(request.getRequestURI()).matches()
                || offered.getIfAvailable() == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Scope caller = caller(request);
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, wrapper);
        byte[] body = wrapper.getContentAsByteArray();
        if (wrapper.getStatus() == 200 && body.length > 0) {
            JsonNode form = JSON.readTree(body);
            if (form.isObject() && caller != null && fill(form, caller)) {
                wrapper.resetBuffer();
                byte[] filled = JSON.writeValueAsBytes(form);
                wrapper.getOutputStream().write(filled);
                wrapper.setCharacterEncoding(StandardCharsets.UTF_8.name());
            }
        }
        wrapper.copyBodyToResponse();
    }

    /**
     * Who fetches the form: the API's caller (HTTP basic or the Tasklist session, SecurityConfig), or on
     * Tasklist's own engine API the webapp session's user; null when neither (nothing is filled then).
     */
    private Scope caller(HttpServletRequest request) {
        ItemAccess items = access.getIfAvailable();
        if (items == null) {
            return null;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            return items.scope(auth);
        }
        HttpSession session = request.getSession(false);
        Authentications webapp = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        var user = webapp == null ? null : webapp.getAuthenticationForProcessEngine("default");
        return user == null ? null : items.scope(user.getName());
    }

    /**
     * Replaces each start-form list named by a component with its options; whether anything was filled.
     * Communities and grids are those the caller may register items in (their own, or their street's), as
     * intake checks; a grid outside the community chosen beside it is refused there (IntakeValidator).
     */
    boolean fill(JsonNode container, Scope caller) {
        boolean filled = false;
        for (JsonNode component : container.path("components")) {
            String list = component.path("valuesKey").asText("");
            if (START_FORM_OPTION_LISTS.contains(list) && component instanceof ObjectNode node) {
                ArrayNode values = node.putArray("values");
                offered.getObject().options(list, null).stream().filter(mayRegisterIn(list, caller))
                        .forEach(o -> values.addObject().put("label", o.label()).put("value", o.value()));
                node.remove("valuesKey");
                filled = true;
            }
            filled |= fill(component, caller);
        }
        return filled;
    }

    /** Which options of a list the caller may pick: a community or grid only where they may register items. */
    private Predicate<OptionLists.Option> mayRegisterIn(String list, Scope caller) {
        if (COMMUNITY_OPTIONS.equals(list)) {
            return o -> access.getObject().policy().mayReportIn(caller, o.value());
        }
        if (GRID_OPTIONS.equals(list)) {
            Map<String, String> communityOfGrid = org.getObject().grids().stream()
                    .collect(Collectors.toMap(OrgDirectory.Grid::code, OrgDirectory.Grid::communityCode));
            return o -> access.getObject().policy().mayReportIn(caller, communityOfGrid.get(o.value()));
        }
        return o -> true;
    }
}
