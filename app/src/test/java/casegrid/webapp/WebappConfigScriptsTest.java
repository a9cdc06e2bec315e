package casegrid.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The served config.js follows casegrid.webapp.* and a wrong setting stops the start with a readable message. */
class WebappConfigScriptsTest {

    private static final ClassLoader CLASSPATH = WebappConfigScriptsTest.class.getClassLoader();

    @Test
    void theDefaultsOfferChineseFirstAndFallBackToIt() {
        WebappConfigScripts scripts = new WebappConfigScripts(new WebappLocaleProperties("zh", List.of("zh", "en", "de")), CLASSPATH);
        for (String app : WebappConfigScripts.APPS) {
            String script = scripts.script(app).orElseThrow();
            assertThat(availableLocales(script)).as(app).containsExactly("zh", "en", "de");
            assertThat(fallbackLocale(script)).as(app).isEqualTo("zh");
        }
    }

    @Test
    void anotherDefaultComesFirstAndIsTheFallback() {
        WebappConfigScripts scripts = new WebappConfigScripts(new WebappLocaleProperties("en", List.of("zh", "en")), CLASSPATH);
        String tasklist = scripts.script("tasklist").orElseThrow();
        assertThat(availableLocales(tasklist)).containsExactly("en", "zh");
        assertThat(fallbackLocale(tasklist)).isEqualTo("en");
    }

    @Test
    void chineseForEveryBrowserByListingOnlyChinese() {
        WebappConfigScripts scripts = new WebappConfigScripts(new WebappLocaleProperties("zh", List.of("zh")), CLASSPATH);
        assertThat(availableLocales(scripts.script("cockpit").orElseThrow())).containsExactly("zh");
    }

    @Test
    void theRestOfOurConfigIsServedUnchanged() {
        String tasklist = new WebappConfigScripts(new WebappLocaleProperties("zh", List.of("zh")), CLASSPATH)
                .script("tasklist").orElseThrow();
        assertThat(tasklist).startsWith("/*").contains("export default {").contains("shortcuts: {")
                .containsOnlyOnce("availableLocales':");
    }

    @Test
    void aLanguageWithoutTranslationFilesIsRefused() {
        assertThatThrownBy(() -> new WebappConfigScripts(new WebappLocaleProperties("fr", List.of("zh")), CLASSPATH))
                .hasMessageContaining("locales/fr.json");
        assertThatThrownBy(() -> new WebappConfigScripts(new WebappLocaleProperties("zh", List.of("zh-CN")), CLASSPATH))
                .hasMessageContaining("casegrid.webapp.available-locales").hasMessageContaining("zh-CN");
        assertThatThrownBy(() -> new WebappConfigScripts(new WebappLocaleProperties("zh'); alert(1", List.of()), CLASSPATH))
                .hasMessageContaining("casegrid.webapp.locale");
    }

    @Test
    void anUnknownAppHasNoScript() {
        assertThat(new WebappConfigScripts(new WebappLocaleProperties("zh", List.of()), CLASSPATH).script("../admin")).isEmpty();
    }

    static List<String> availableLocales(String script) {
        Matcher m = Pattern.compile("availableLocales['\"]?\\s*:\\s*\\[([^\\]]*)]").matcher(script);
        assertThat(m.find()).as("availableLocales in " + script).isTrue();
        return Pattern.compile("'([^']*)'").matcher(m.group(1)).results().map(r -> r.group(1)).toList();
    }

    static String fallbackLocale(String script) {
        Matcher m = Pattern.compile("fallbackLocale['\"]?\\s*:\\s*'([^']+)'").matcher(script);
        assertThat(m.find()).as("fallbackLocale in " + script).isTrue();
        return m.group(1);
    }
}
