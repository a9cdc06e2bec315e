package casegrid.process;

import static casegrid.item.RiskItemVariables.START_FORM_OPTION_LISTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
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

    /** A provider: web slice tests build the app's filters without the engine's plugins. */
    private final ObjectProvider<OfferedOptions> offered;

    public StartFormOptions(ObjectProvider<OfferedOptions> offered) {
        this.offered = offered;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !START_FORM.matcher(request.getRequestURI()).matches()
                || offered.getIfAvailable() == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, wrapper);
        byte[] body = wrapper.getContentAsByteArray();
        if (wrapper.getStatus() == 200 && body.length > 0) {
            JsonNode form = JSON.readTree(body);
            if (form.isObject() && fill(form)) {
                wrapper.resetBuffer();
                byte[] filled = JSON.writeValueAsBytes(form);
                wrapper.getOutputStream().write(filled);
                wrapper.setCharacterEncoding(StandardCharsets.UTF_8.name());
            }
        }
        wrapper.copyBodyToResponse();
    }

    /** Replaces each start-form list named by a component with its options; whether anything was filled. */
    boolean fill(JsonNode container) {
        boolean filled = false;
        for (JsonNode component : container.path("components")) {
            String list = component.path("valuesKey").asText("");
            if (START_FORM_OPTION_LISTS.contains(list) && component instanceof ObjectNode node) {
                ArrayNode values = node.putArray("values");
                offered.getObject().options(list, null).forEach(o -> values.addObject().put("label", o.label()).put("value", o.value()));
                node.remove("valuesKey");
                filled = true;
            }
            filled |= fill(component);
        }
        return filled;
    }
}
