package casegrid.webapp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The webapps' languages, changeable without a rebuild (CASEGRID_WEBAPP_LOCALE,
 * CASEGRID_WEBAPP_AVAILABLE_LOCALES). Tasklist, Cockpit, Admin and Welcome show the browser's
 * first language when it is in {@code availableLocales} and {@code locale} otherwise; to show one
 * language to everybody, list only that one.
 *
 * @param locale           the default language, e.g. {@code zh}
 * @param availableLocales the languages a browser may pick; each needs a {@code locales/<code>.json}
 *                         in every app (ours for {@code zh}, the webjar's for {@code en} and {@code de})
 */
@ConfigurationProperties("casegrid.webapp")
public record WebappLocaleProperties(@DefaultValue("zh") String locale,
                                     @DefaultValue({"zh", "en", "de"}) List<String> availableLocales) {
}
