package casegrid.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Each webapp's {@code scripts/config.js} with the configured languages. Our config.js files in
 * {@code META-INF/resources/webjars/camunda/app/<app>/scripts/} stay the templates (and the static
 * default): only their {@code locales} block is replaced, so everything else a maintainer puts there
 * is served unchanged. Built once at start-up; a wrong setting stops the start with a clear message
 * instead of an error banner in every caseworker's browser.
 */
public class WebappConfigScripts {

    public static final List<String> APPS = List.of("tasklist", "cockpit", "admin", "welcome");

    static final String APP_RESOURCES = "META-INF/resources/webjars/camunda/app/";

    /** The one {@code locales: { ... }} object literal of the file; comments never contain "locales: {". */
    private static final Pattern LOCALES_BLOCK = Pattern.compile("(['\"]?)locales\\1\\s*:\\s*\\{[^{}]*}");
    private static final Pattern LOCALE_CODE = Pattern.compile("[a-z]{2,3}");

    private final Map<String, String> scripts = new LinkedHashMap<>();

    public WebappConfigScripts(WebappLocaleProperties properties, ClassLoader classLoader) {
        List<String> locales = orderedLocales(properties);
        for (String app : APPS) {
            for (String locale : locales) {
                if (classLoader.getResource(APP_RESOURCES + app + "/locales/" + locale + ".json") == null) {
                    throw new IllegalStateException("casegrid.webapp: no translation " + app + "/locales/" + locale
                            + ".json for language '" + locale + "'; the webapps offer only languages with a file in every app");
                }
            }
            scripts.put(app, render(template(app, classLoader), locales));
        }
    }

    /** The config.js for an app, or empty for a name that is not one of the webapps. */
    public Optional<String> script(String app) {
        return Optional.ofNullable(scripts.get(app));
    }

    /** The default first, then the other available languages in their configured order, each once. */
    static List<String> orderedLocales(WebappLocaleProperties properties) {
        String fallback = code(properties.locale(), "casegrid.webapp.locale");
        Set<String> ordered = new LinkedHashSet<>();
        ordered.add(fallback);
        List<String> available = properties.availableLocales() == null ? List.of() : properties.availableLocales();
        for (String locale : available) {
            ordered.add(code(locale, "casegrid.webapp.available-locales"));
        }
        return new ArrayList<>(ordered);
    }

    private static String code(String value, String property) {
        String code = value == null ? "" : value.trim();
        // The apps compare with the browser language's lower-cased primary subtag ("zh-CN" -> "zh").
        if (!LOCALE_CODE.matcher(code).matches()) {
            throw new IllegalStateException(property + ": '" + value
                    + "' is not a lower-case language code such as zh, en or de");
        }
        return code;
    }

    static String render(String template, List<String> locales) {
        Matcher block = LOCALES_BLOCK.matcher(template);
        if (!block.find()) {
            throw new IllegalStateException("config.js has no 'locales: { ... }' block to configure");
        }
        String available = locales.stream().map(l -> "'" + l + "'").collect(Collectors.joining(", "));
        String replacement = "'locales': {\n    'availableLocales': [" + available + "],\n    'fallbackLocale': '"
                + locales.get(0) + "'\n  }";
        return template.substring(0, block.start()) + replacement + template.substring(block.end());
    }

    /** Our config.js, not the webjar's one under the same name. */
    private static String template(String app, ClassLoader classLoader) {
        String name = APP_RESOURCES + app + "/scripts/config.js";
        try {
            var ours = java.util.Collections.list(classLoader.getResources(name)).stream()
                    .filter(url -> !url.toString().contains("camunda-webapp-webjar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("casegrid's " + name + " is missing"));
            try (InputStream in = ours.openStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
