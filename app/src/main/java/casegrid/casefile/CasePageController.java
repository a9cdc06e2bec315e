package casegrid.casefile;

import casegrid.ledger.ReadAudit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The printable case page {@code /items/{number}}. The page is a static shell (static/items/assets)
 * that renders the item API's answer and the diagram; it is only handed out after the same policy
 * check as the API, and opening it is recorded as a read of the item. Written out directly rather
 * than forwarded: a forward would pass the security chain a second time, where a Tasklist session
 * is not re-read (the chain keeps no context) and the browser would be asked for a password.
 */
@RestController
class CasePageController {

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final CaseAccess access;
    private final ReadAudit audit;
    private final String page;

    CasePageController(CaseAccess access, ReadAudit audit) {
        this.access = access;
        this.audit = audit;
        try (InputStream in = new ClassPathResource("static/items/assets/case.html").getInputStream()) {
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/items/{number}")
    ResponseEntity<String> casePage(@PathVariable String number, Authentication caller) {
        access.require(number, caller);
        audit.record(caller.getName(), number, ReadAudit.VIEW_CASE_PAGE, null);
        return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noStore()).body(page);
    }
}
