package casegrid.mobile;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.TestFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A grid worker reports from a phone (390×844, mobile emulation through the DevTools protocol): signs in
 * on /m with the Tasklist account, fills the form, takes a photo, sets the location and sends. The
 * location comes from Chrome's own geolocation, overridden through DevTools
 * ({@code Emulation.setGeolocationOverride}, permission granted with {@code Browser.grantPermissions}),
 * so the page's real navigator.geolocation call is exercised. Then the network goes off
 * ({@code Network.emulateNetworkConditions}): the second report stays a draft on the phone and is sent,
 * once, when the network is back. Screenshots at phone and desktop size go to {@code target/screenshots/}.
 */
@CasegridTest
class MobileIntakeBrowserTest {

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    private static final double LATITUDE = 39.915123;
    private static final double LONGITUDE = 116.403456;

    @Autowired JdbcClient jdbc;

    @Test
    void aGridWorkerReportsWithAPhotoAndALocationAndADraftSurvivesADroppedConnection() {
        long unique = System.nanoTime();
        browser.emulatePhone();
        browser.locateAt(LATITUDE, LONGITUDE);

        browser.open("/m");
        browser.waitFor(By.id("username")).sendKeys("c05-grid1");
        browser.driver().findElement(By.id("password")).sendKeys("c05-grid1");
        browser.screenshot("mobile-login-phone");
        browser.driver().findElement(By.cssSelector("#login-form button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#report"));
        // The grid worker's own community is chosen for them; its grids are the choices.
        assertThat(new Select(field("community")).getFirstSelectedOption().getText()).isEqualTo("福泰社区");
        assertThat(text("#draft-state")).isEqualTo("草稿");

        String title = "消防通道堵塞" + unique;
        fill(title, "PUBLIC_SAFETY", "C05-G2", "福泰小区" + unique % 1000 + "号楼东侧消防通道");
        field("occurredAt").sendKeys("2026-01-05 09:30");
        field("threatOfViolence").click();
        browser.driver().findElement(By.id("party-add")).click();
        browser.driver().findElement(By.name("parties[0].name")).sendKeys("孙某" + unique % 100);
        browser.driver().findElement(By.name("parties[0].phone")).sendKeys("13912345678");
        browser.driver().findElement(By.name("parties[0].role")).sendKeys("占道商户");
        browser.driver().findElement(By.id("photos")).sendKeys(photo().toAbsolutePath().toString());
        browser.waitFor(By.cssSelector("#photo-list .m-photo img"));
        browser.driver().findElement(By.id("locate")).click();
        browser.waitUntil(d -> text("#location-text").startsWith("已定位"));
        assertThat(text("#location-text")).contains("39.915123", "116.403456");
        browser.screenshot("mobile-form-phone");

        String uploadRuns = uploadRuns();
        browser.driver().findElement(By.id("submit")).click();
        browser.waitUntil(d -> text("#draft-state").startsWith("已上报"));
        String first = text("#draft-state").substring("已上报 ".length());
        assertThat(jdbc.sql("select occurred_at from risk_item where number = ?").param(first)
                .query(java.sql.Timestamp.class).single().toInstant()).hasToString("2026-01-05T01:30:00Z");
        Map<String, Object> item = jdbc.sql("select title, latitude, longitude, threat_of_violence, reported_by, source"
                + " from risk_item where number = ?").param(first).query().singleRow();
        assertThat(item).containsEntry("title", title).containsEntry("latitude", LATITUDE)
                .containsEntry("longitude", LONGITUDE).containsEntry("threat_of_violence", true)
                .containsEntry("reported_by", "c05-grid1").containsEntry("source", "GRID_SURVEY");
        assertThat(jdbc.sql("select name from risk_item_party where number = ?").param(first).query(String.class).list())
                .containsExactly("孙某" + unique % 100);
        // The photo goes up after the item exists (POST …/attachments, purpose INTAKE) and leaves the phone.
        browser.waitUntil(d -> !uploadRuns().equals(uploadRuns));
        assertThat(photosOnPhone()).isZero();
        assertThat(browser.driver().findElement(By.id("uploads")).isDisplayed()).isFalse();
        assertThat(jdbc.sql("select count(*) from risk_item_attachment where number = ? and purpose = 'INTAKE'"
                + " and content_type = 'image/jpeg'").param(first).query(Integer.class).single()).isOne();
        assertThat(text("#notice")).contains("已上报，事项编号 " + first);
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("mobile-reported-phone");

        // A new draft with a new key; the network drops before it is sent.
        String secondTitle = "楼道堆放杂物" + unique;
        fill(secondTitle, "PUBLIC_SAFETY", "C05-G1", "福泰小区" + unique % 1000 + "号楼2单元楼道");
        assertThat(field("address").getAttribute("value")).endsWith("2单元楼道").doesNotContain("东侧");
        String key = (String) browser.js("return JSON.parse(localStorage.getItem('casegrid.m.draft.c05-grid1')).key");
        assertThat(key).startsWith("m-").isNotEqualTo(jdbc.sql("select idempotency_key from intake_request where number = ?")
                .param(first).query(String.class).single());
        browser.cdp("Network.enable", Map.of());
        network(true);
        browser.waitUntil(d -> browser.driver().findElement(By.id("offline")).isDisplayed());
        browser.driver().findElement(By.id("submit")).click();
        browser.waitUntil(d -> text("#draft-state").equals("待发送（离线）"));
        assertThat(text("#notice")).contains("草稿已保存在本机", "联网后自动发送");
        assertThat(browser.js("return JSON.parse(localStorage.getItem('casegrid.m.draft.c05-grid1')).state")).isEqualTo("queued");
        assertThat(countTitled(secondTitle)).isZero();
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("mobile-offline-phone");

        // The page is reloaded while the network is off? Not possible without a service worker; the
        // draft survives a reload once it is back, and is sent once with the key it was created with.
        network(false);
        browser.waitUntil(d -> text("#draft-state").startsWith("已上报"));
        String second = text("#draft-state").substring("已上报 ".length());
        assertThat(second).isNotEqualTo(first);
        assertThat(countTitled(secondTitle)).isEqualTo(1);
        assertThat(jdbc.sql("select number from intake_request where user_id = 'c05-grid1' and idempotency_key = ?")
                .param(key).query(String.class).single()).isEqualTo(second);
        // Reloading after the send starts a new draft: nothing is sent a second time.
        browser.driver().navigate().refresh();
        browser.waitFor(By.cssSelector("#report"));
        assertThat(text("#draft-state")).isEqualTo("草稿");
        assertThat(countTitled(secondTitle)).isEqualTo(1);

        // A half-filled draft survives a reload.
        field("title").sendKeys("未写完的草稿");
        browser.driver().navigate().refresh();
        browser.waitFor(By.cssSelector("#report"));
        browser.waitUntil(d -> "未写完的草稿".equals(field("title").getAttribute("value")));

        browser.driver().findElement(By.cssSelector(".m-tabs button[data-tab=mine]")).click();
        browser.waitUntil(d -> text("#mine-list").contains(second));
        // Not graded yet: no level and no deadline so far (the deadlines start with grading).
        assertThat(text("#mine-list")).contains(first, title, secondTitle, "已登记", "未定级", "无待办期限", "上报于")
                .doesNotContain("undefined").doesNotContain("null");
        browser.screenshot("mobile-my-reports-phone");

        // The case page shows where the phone was, beside the address.
        browser.open("/items/" + first);
        browser.waitUntil(d -> d.findElement(By.tagName("body")).getText().contains("上报位置"));
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("北纬 39.915123°，东经 116.403456°");
        browser.screenshot("mobile-case-page-phone");

        browser.emulateDesktop();
        browser.open("/m");
        browser.waitFor(By.cssSelector("#report"));
        browser.screenshot("mobile-form-desktop");
        browser.driver().findElement(By.cssSelector(".m-tabs button[data-tab=mine]")).click();
        browser.waitUntil(d -> text("#mine-list").contains(second));
        browser.screenshot("mobile-my-reports-desktop");
    }

    private void fill(String title, String category, String grid, String address) {
        WebElement titleField = field("title");
        titleField.clear();
        titleField.sendKeys(title);
        new Select(field("category")).selectByValue(category);
        field("description").sendKeys("纸箱和电动车堵住消防通道，住户反映多次。");
        new Select(field("grid")).selectByValue(grid);
        field("address").sendKeys(address);
        WebElement people = field("peopleInvolved");
        people.clear();
        people.sendKeys("0");
    }

    private static WebElement field(String name) {
        return browser.driver().findElement(By.cssSelector("#report [name='" + name + "']"));
    }

    /** How many upload rounds the page has finished (it counts them on the body). */
    private static String uploadRuns() {
        return String.valueOf(browser.js("return document.body.dataset.uploadRuns || '0'"));
    }

    private long countTitled(String title) {
        return jdbc.sql("select count(*) from risk_item where title = ?").param(title).query(Long.class).single();
    }

    private static long photosOnPhone() {
        Object count = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const open = indexedDB.open('casegrid-m', 1);
                open.onsuccess = () => {
                  const request = open.result.transaction('photos').objectStore('photos').count();
                  request.onsuccess = () => done(request.result);
                  request.onerror = () => done(-1);
                };
                open.onerror = () => done(-1);""");
        return ((Number) count).longValue();
    }

    /** A small camera-like picture. */
    private static Path photo() {
        return browser.save("fire-exit.jpg", TestFiles.jpeg(320, 240));
    }

    private static void network(boolean offline) {
        browser.cdp("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private static String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText().trim();
    }

}
