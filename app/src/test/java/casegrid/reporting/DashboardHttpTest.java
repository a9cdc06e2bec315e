package casegrid.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The leaders' dashboard: behind the login, in Chinese, with ECharts served by the app itself. */
@CasegridTest
class DashboardHttpTest {

    @LocalServerPort int port;

    @Test
    void theDashboardNeedsALoginAndTheBrowserIsAskedForOne() {
        Http.Response page = new Http(port).get("/dashboard");
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(new Http(port).get("/dashboard/vendor/echarts/echarts.common.min.js").status()).isEqualTo(401);
    }

    @Test
    void aLeaderGetsTheChinesePageWithTheLocalEchartsFile() {
        Http leader = new Http(port).as("leader1");
        Http.Response page = leader.get("/dashboard");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<html lang=\"zh-CN\"").contains("风险隐患").contains("/dashboard/vendor/echarts/echarts.common.min.js")
                .doesNotContain("cdn").doesNotContain("https://");
        Http.Response echarts = leader.get("/dashboard/vendor/echarts/echarts.common.min.js");
        assertThat(echarts.status()).isEqualTo(200);
        assertThat(echarts.body()).contains("echarts").contains("markLine");
        assertThat(leader.get("/dashboard/vendor/echarts/LICENSE").body()).contains("Apache License");
        assertThat(leader.get("/dashboard/dashboard.js").status()).isEqualTo(200);
    }

    @Test
    void theDashboardRunsOnlyItsOwnScriptsAndStyles() {
        Http.Response page = new Http(port).as("leader1").get("/dashboard");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'self'").contains("script-src 'self';").contains("style-src 'self';")
                .contains("object-src 'none'").contains("frame-ancestors 'none'");
        assertThat(csp.replace("style-src-attr 'unsafe-inline'", "")).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
        // Nothing inline that the policy would block.
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("<style").doesNotContain(" style=")
                .doesNotContain("onclick=").doesNotContain("javascript:");
    }

    @Test
    void theTasklistSessionOpensTheDashboardToo() {
        Http browser = new Http(port);
        browser.get("/camunda/app/tasklist/default/");
        Http.Response login = browser.header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"))
                .postForm("/camunda/api/admin/auth/user/default/login/tasklist", Map.of("username", "leader2", "password", "leader2"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(browser.get("/dashboard").status()).isEqualTo(200);
        assertThat(browser.get("/api/reports/weekly?week=2021-W02").status()).isEqualTo(200);
    }
}
