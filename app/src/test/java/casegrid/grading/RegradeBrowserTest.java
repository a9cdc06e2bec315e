package casegrid.grading;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Scenario;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 调整风险等级 in the Tasklist 卷宗 tab, in headless Chromium: the resolver (community staff) raises a
 * medium item to HIGH with the Tasklist session (CSRF token included), then asks to lower it again, which
 * waits for the street leaders (the tab then shows the request and offers no second one). Screenshots at
 * desktop (1366×900) and phone (390×844) size go to {@code target/screenshots/}.
 */
@CasegridTest
class RegradeBrowserTest {

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @Test
    void theResolverRaisesTheLevelFromTheCaseFileTabAndAsksToLowerItAgain() {
        Scenario item = new Scenario(engine, intake, jdbc).planned("C05", "MEDIUM");

        browser.signIn("c05-staff");
        browser.openTask("化解处置 · " + item.number);
        WebElement form = browser.waitFor(By.cssSelector(".cf-regrade"));
        assertThat(form.getText()).contains("调整风险等级", "调整为", "理由");
        browser.screenshotBothSizes("regrade-tasklist", ".cf-regrade");
        new Select(form.findElement(By.cssSelector("select[name='riskLevel']"))).selectByVisibleText("高风险");
        form.findElement(By.cssSelector("textarea[name='reason']")).sendKeys("当事人扬言报复");
        browser.centred(form.findElement(By.cssSelector("button[type='submit']"))).click();

        // The tab reads the item again: HIGH, and the form now offers only the lower levels.
        browser.waitUntil(d -> d.findElement(By.cssSelector(".cf-header .cf-level")).getText().contains("高"));
        assertThat(item.item().get("risk_level")).isEqualTo("HIGH");
        assertThat(jdbc.sql("select actor from risk_item_event where number = ? and kind = 'REGRADED'").param(item.number)
                .query(String.class).single()).isEqualTo("c05-staff");
        WebElement again = browser.waitFor(By.cssSelector(".cf-regrade"));
        assertThat(again.findElements(By.cssSelector("select[name='riskLevel'] option")))
                .extracting(WebElement::getText).containsExactly("中风险", "低风险");

        new Select(again.findElement(By.cssSelector("select[name='riskLevel']"))).selectByVisibleText("中风险");
        again.findElement(By.cssSelector("textarea[name='reason']")).sendKeys("经核实系气话，双方已和解");
        browser.centred(again.findElement(By.cssSelector("button[type='submit']"))).click();
        WebElement pending = browser.waitFor(By.cssSelector(".cf-regrade-pending"));
        assertThat(pending.getText()).contains("待街道领导审批", "c05-staff", "中风险", "双方已和解");
        assertThat(item.item().get("risk_level")).isEqualTo("HIGH");
        assertThat(browser.driver().findElements(By.cssSelector(".cf-regrade"))).as("no second request while one waits").isEmpty();
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).doesNotContain("undefined");
        browser.screenshotBothSizes("regrade-tasklist-pending", ".cf-regrade-pending");
    }
}
