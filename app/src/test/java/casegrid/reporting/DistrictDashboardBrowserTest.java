package casegrid.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Scenario;
import casegrid.support.SecondStreet;
import casegrid.tasklist.TasklistFilters;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The district's dashboard in headless Chromium (docs/streets.md): district1 sees the live panel of
 * both streets with each row's street, narrows it to one street, and compares the streets in 街道对比;
 * a street's own leader sees neither the filter nor the comparison. Screenshots at desktop and phone
 * size in target/screenshots.
 */
@CasegridTest
class DistrictDashboardBrowserTest {

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    @Autowired casegrid.org.OrgImport orgImport;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @Autowired TasklistFilters filters;
    @Autowired IdentityService identity;

    @Test
    void theDistrictSeesEveryStreetFiltersByStreetAndComparesThem() {
        SecondStreet.ensure(orgImport, filters);
        // Planned by the second street's own people (its options offer no one of the demo street).
        Scenario second = new Scenario(engine, intake, jdbc).intake("c16-grid1", Scenario.neighbourDispute("C16"));
        second.complete("Task_Grade", "c16-staff", "riskLevel", "MEDIUM", "fixableNow", false, "gradeReason", "现场核实后调整");
        second.complete("Task_Plan", "c16-staff", "responsibleUnit", "community-C16", "responsibleLeader", "c16-leader",
                "investigator", "c16-grid1", "resolver", "c16-staff", "stabiliser", "c16-grid2", "dispatcher", "hx-center1",
                "measures", "组织双方调解。", "resolveBy", "");
        String hx = second.number;
        jdbc.sql("update risk_item set resolve_by = now() - interval '1 day' where number = ?").param(hx).update();
        String qf = new Scenario(engine, intake, jdbc).planned("C02", "MEDIUM").number;
        jdbc.sql("update risk_item set resolve_by = now() - interval '1 day' where number = ?").param(qf).update();

        browser.resize(HeadlessChromium.DESKTOP);
        browser.signIn("district1");
        browser.open("/dashboard");
        browser.waitUntil(d -> d.findElement(By.cssSelector("#live table.overdue")).getText().contains(hx));
        WebElement hxRow = row("overdue", hx);
        assertThat(hxRow.getText()).contains("和兴街道 · C16");
        assertThat(row("overdue", qf).getText()).contains("全福街道 · C02");
        assertThat(browser.driver().findElement(By.cssSelector("#live .label")).getText()).contains("全部街道", "全福街道", "和兴街道");
        browser.waitUntil(d -> d.findElement(By.cssSelector("#district table.streets")).getText().contains("和兴街道"));
        String comparison = browser.driver().findElement(By.cssSelector("#district table.streets")).getText();
        assertThat(comparison).contains("全福街道", "和兴街道");
        assertThat(browser.driver().findElement(By.id("district")).getText()).contains("街道对比", "年第");
        String body = browser.driver().findElement(By.tagName("body")).getText();
        assertThat(body).doesNotContain("undefined").doesNotContain("null").doesNotContain("NaN");
        browser.screenshot("dashboard-district-desktop");
        browser.scrollTo("#district");
        browser.screenshot("dashboard-district-desktop-comparison");
        browser.resize(HeadlessChromium.PHONE);
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("dashboard-district-phone");
        browser.scrollTo("#district");
        browser.screenshot("dashboard-district-phone-comparison");
        browser.resize(HeadlessChromium.DESKTOP);

        // One street only: the panel narrows to it.
        new Select(browser.driver().findElement(By.id("street"))).selectByVisibleText("和兴街道");
        browser.waitUntil(d -> !d.findElement(By.cssSelector("#live table.overdue")).getText().contains(qf));
        assertThat(browser.driver().findElement(By.cssSelector("#live table.overdue")).getText()).contains(hx);
        assertThat(browser.driver().findElement(By.cssSelector("#live .label")).getText()).contains("和兴街道").doesNotContain("全福街道");
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("dashboard-district-one-street");

        // A street's own leader: their street only, no street filter, no comparison.
        browser.driver().manage().deleteAllCookies();
        browser.resize(HeadlessChromium.DESKTOP);
        browser.signIn("hx-leader1");
        browser.open("/dashboard");
        browser.waitUntil(d -> d.findElement(By.cssSelector("#live table.overdue")).getText().contains(hx));
        assertThat(browser.driver().findElement(By.cssSelector("#live table.overdue")).getText()).doesNotContain(qf);
        assertThat(browser.driver().findElement(By.id("street-filter")).isDisplayed()).isFalse();
        assertThat(browser.driver().findElement(By.id("district")).isDisplayed()).isFalse();
        assertThat(browser.driver().findElement(By.cssSelector("#live .label")).getText()).contains("和兴街道");
    }

    private static WebElement row(String table, String number) {
        return browser.driver().findElement(By.xpath("//section[@id='live']//table[contains(@class,'" + table + "')]//tr[td/a[text()='"
                + number + "']]"));
    }

}
