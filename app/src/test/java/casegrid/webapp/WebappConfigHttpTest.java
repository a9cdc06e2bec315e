package casegrid.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each app loads config.js before anyone logs in: served from casegrid.webapp.*, without a session, as JavaScript. */
@CasegridTest
class WebappConfigHttpTest {

    @LocalServerPort int port;

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void configJsIsServedWithTheConfiguredLanguagesWithoutLogin(String app) {
        // The apps import it as an ES module with a cache-busting query, exactly like this.
        Http.Response response = new Http(port).anonymous().get("/camunda/app/" + app + "/scripts/config.js?bust=1764300000000");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/javascript");
        assertThat(WebappConfigScriptsTest.availableLocales(response.body())).containsExactly("zh", "en", "de");
        assertThat(WebappConfigScriptsTest.fallbackLocale(response.body())).isEqualTo("zh");
        assertThat(response.body()).contains("export default {");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit"})
    void theChineseTranslationIsServedToo(String app) {
        Http.Response response = new Http(port).anonymous().get("/camunda/app/" + app + "/locales/zh.json?bust=7.24.0");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"dateLocales\"");
    }

    @org.junit.jupiter.api.Test
    void anUnknownAppGets404() {
        assertThat(new Http(port).anonymous().get("/camunda/app/nothing/scripts/config.js").status()).isEqualTo(404);
    }
}
