package casegrid.webapp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves each webapp's {@code config.js} in place of the static file, so the default language
 * follows {@code casegrid.webapp.*}. Like the static file, it is public: the login page needs it.
 * Handler mappings win over Spring's resource handler that serves the rest of the webjar.
 */
@RestController
class WebappConfigController {

    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", java.nio.charset.StandardCharsets.UTF_8);

    private final WebappConfigScripts scripts;

    WebappConfigController(WebappConfigScripts scripts) {
        this.scripts = scripts;
    }

    @GetMapping("${camunda.bpm.webapp.application-path:/camunda}/app/{app}/scripts/config.js")
    ResponseEntity<String> configScript(@PathVariable String app) {
        return scripts.script(app)
                .map(script -> ResponseEntity.ok()
                        .contentType(JAVASCRIPT)
                        // The apps load it with ?bust=<now> anyway; say so for proxies too.
                        .cacheControl(CacheControl.noCache())
                        .body(script))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @Configuration(proxyBeanMethods = false)
    static class Scripts {
        @Bean
        WebappConfigScripts webappConfigScripts(WebappLocaleProperties properties) {
            return new WebappConfigScripts(properties, WebappConfigController.class.getClassLoader());
        }
    }
}
