package casegrid.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Guards the Chinese webapps against Camunda upgrades and careless edits: our {@code zh.json} must
 * carry exactly the keys of the webjar's {@code en.json}, our {@code config.js} must offer {@code zh},
 * and our {@code user-styles.css} must still hide the Community Edition banner the webjar renders.
 * Our files and the webjar's share one classpath prefix, so each resource is picked by whether its
 * URL lies inside the webjar.
 */
class WebappLocaleTest {

    private static final String APP = "META-INF/resources/webjars/camunda/app/";
    private static final String WEBJAR = "camunda-webapp-webjar";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Interpolations, moment's %d/%s and ng-pluralize's {} must survive translation unchanged. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}|%[ds]|\\{}");
    private static final Pattern HTML_TAG =
            Pattern.compile("</?(?:a|b|i|em|strong|br|code|p|span)\\b[^>]*>");

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void zhHasExactlyTheKeysOfTheShippedEnglish(String app) {
        Map<String, JsonNode> en = flatten(readJson(webjarResource(app, "locales/en.json")));
        byte[] zhBytes = read(ourResource(app, "locales/zh.json"));
        Map<String, JsonNode> zh = flatten(readJson(zhBytes));

        Set<String> missing = new TreeSet<>(en.keySet());
        missing.removeAll(zh.keySet());
        Set<String> extra = new TreeSet<>(zh.keySet());
        extra.removeAll(en.keySet());
        assertThat(missing).as("%s: keys of en.json missing from our zh.json", app).isEmpty();
        assertThat(extra).as("%s: keys in our zh.json that en.json does not have", app).isEmpty();

        assertThat(zhBytes[0]).as("%s: zh.json is written without a BOM", app).isEqualTo((byte) '{');
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void everyZhValueIsFilledAndKeepsItsPlaceholders(String app) {
        Map<String, JsonNode> en = flatten(readJson(webjarResource(app, "locales/en.json")));
        Map<String, JsonNode> zh = flatten(readJson(read(ourResource(app, "locales/zh.json"))));

        List<String> empty = new ArrayList<>();
        List<String> changedPlaceholders = new ArrayList<>();
        List<String> changedMarkup = new ArrayList<>();
        zh.forEach((key, value) -> {
            if (value.isTextual() && value.asText().isBlank()) {
                empty.add(key);
            }
            JsonNode english = en.get(key);
            if (english != null && english.isTextual() && value.isTextual()) {
                if (!tokens(PLACEHOLDER, english.asText()).equals(tokens(PLACEHOLDER, value.asText()))) {
                    changedPlaceholders.add(key + ": " + english.asText() + " -> " + value.asText());
                }
                if (!tokens(HTML_TAG, english.asText()).equals(tokens(HTML_TAG, value.asText()))) {
                    changedMarkup.add(key + ": " + english.asText() + " -> " + value.asText());
                }
            }
        });
        assertThat(empty).as("%s: empty values in our zh.json", app).isEmpty();
        assertThat(changedPlaceholders).as("%s: placeholders lost or altered", app).isEmpty();
        assertThat(changedMarkup).as("%s: HTML markup lost or altered", app).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void ourConfigOffersChineseFirstAndFallsBackToIt(String app) {
        String config = withoutComments(new String(read(ourResource(app, "scripts/config.js")), StandardCharsets.UTF_8));

        Matcher available = Pattern.compile("availableLocales['\"]?\\s*:\\s*\\[([^\\]]*)]").matcher(config);
        assertThat(available.find()).as("%s: config.js sets locales.availableLocales", app).isTrue();
        List<String> locales = quoted(available.group(1));
        assertThat(locales).as("%s: availableLocales", app).startsWith("zh");

        Matcher fallback = Pattern.compile("fallbackLocale['\"]?\\s*:\\s*['\"]([^'\"]+)['\"]").matcher(config);
        assertThat(fallback.find()).as("%s: config.js sets locales.fallbackLocale", app).isTrue();
        assertThat(fallback.group(1)).as("%s: fallbackLocale", app).isEqualTo("zh");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void theCommunityEditionBannerIsHidden(String app) {
        // What we hide must still be what the webjar renders, and rendered where user-styles.css applies.
        String bootstrap = new String(read(webjarResource(app, "camunda-" + app + "-bootstrap.js")), StandardCharsets.UTF_8);
        assertThat(bootstrap).as("%s: the webjar's header still renders the banner with this class", app)
                .contains("class=\"ce-eol-banner\"");
        String index = new String(read(webjarResource(app, "index.html")), StandardCharsets.UTF_8);
        assertThat(index).as("%s: the webjar's index.html still links user-styles.css", app)
                .contains("/app/" + app + "/styles/user-styles.css");

        String css = withoutComments(new String(read(ourResource(app, "styles/user-styles.css")), StandardCharsets.UTF_8));
        assertThat(css).as("%s: our user-styles.css hides .ce-eol-banner", app)
                .containsPattern("\\.ce-eol-banner\\s*\\{[^}]*display\\s*:\\s*none");
    }

    private static URL webjarResource(String app, String path) {
        return resource(app, path, true);
    }

    private static URL ourResource(String app, String path) {
        return resource(app, path, false);
    }

    private static URL resource(String app, String path, boolean inWebjar) {
        String name = APP + app + "/" + path;
        try {
            List<URL> matching = Collections.list(WebappLocaleTest.class.getClassLoader().getResources(name))
                    .stream()
                    .filter(url -> url.toString().contains(WEBJAR) == inWebjar)
                    .toList();
            assertThat(matching).as("%s %s on the classpath", inWebjar ? "the webjar's" : "our", name).hasSize(1);
            return matching.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(URL url) {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped en.json starts with a UTF-8 BOM; strip it before parsing. */
    private static JsonNode readJson(URL url) {
        return readJson(read(url));
    }

    private static JsonNode readJson(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Dotted key paths to leaf values; array elements as {@code path[i]}. */
    private static Map<String, JsonNode> flatten(JsonNode root) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        flatten("", root, leaves);
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, JsonNode> leaves) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field ->
                    flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), leaves);
            }
        } else {
            leaves.put(path, node);
        }
    }

    private static List<String> tokens(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        Collections.sort(found);
        return found;
    }

    private static List<String> quoted(String list) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("['\"]([^'\"]*)['\"]").matcher(list);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    /** Drops block comments and whole-line // comments: the shipped files keep their examples commented out. */
    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
    }
}
