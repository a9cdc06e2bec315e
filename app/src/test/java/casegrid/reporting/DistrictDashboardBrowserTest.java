package casegrid.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Scenario;
import casegrid.support.SecondStreet;
import casegrid.tasklist.TasklistFilters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The district's dashboard in headless Chromium (docs/streets.md): district1 sees the live panel of
 * both streets with each row's street, narrows it to one street, and compares the streets in 街道对比;
 * a street's own leader sees neither the filter nor the comparison. Screenshots at desktop and phone
 * size in target/screenshots.
 */
@CasegridTest
class DistrictDashboardBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Dimension DESKTOP = new Dimension(1366, 900);
    private static final Dimension PHONE = new Dimension(390, 844);

    private static HeadlessChromium chromium;
    private static WebDriver driver;

    @LocalServerPort int port;
    @Autowired casegrid.org.OrgImport orgImport;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;
    @Autowired TasklistFilters filters;
    @Autowired IdentityService identity;

    @BeforeAll
    static void startChromium() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        chromium = HeadlessChromium.start("district dashboard browser test", 1366, 900, null);
        driver = chromium.driver();
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

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

        signIn("district1");
        driver.get(base() + "/dashboard");
        waitUntil(d -> d.findElement(By.cssSelector("#live table.overdue")).getText().contains(hx));
        WebElement hxRow = row("overdue", hx);
        assertThat(hxRow.getText()).contains("和兴街道 · C16");
        assertThat(row("overdue", qf).getText()).contains("全福街道 · C02");
        assertThat(driver.findElement(By.cssSelector("#live .label")).getText()).contains("全部街道", "全福街道", "和兴街道");
        waitUntil(d -> d.findElement(By.cssSelector("#district table.streets")).getText().contains("和兴街道"));
        String comparison = driver.findElement(By.cssSelector("#district table.streets")).getText();
        assertThat(comparison).contains("全福街道", "和兴街道");
        assertThat(driver.findElement(By.id("district")).getText()).contains("街道对比", "年第");
        String body = driver.findElement(By.tagName("body")).getText();
        assertThat(body).doesNotContain("undefined").doesNotContain("null").doesNotContain("NaN");
        screenshot("dashboard-district-desktop");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})",
                driver.findElement(By.id("district")));
        screenshot("dashboard-district-desktop-comparison");
        driver.manage().window().setSize(PHONE);
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        screenshot("dashboard-district-phone");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})",
                driver.findElement(By.id("district")));
        screenshot("dashboard-district-phone-comparison");
        driver.manage().window().setSize(DESKTOP);

        // One street only: the panel narrows to it.
        new Select(driver.findElement(By.id("street"))).selectByVisibleText("和兴街道");
        waitUntil(d -> !d.findElement(By.cssSelector("#live table.overdue")).getText().contains(qf));
        assertThat(driver.findElement(By.cssSelector("#live table.overdue")).getText()).contains(hx);
        assertThat(driver.findElement(By.cssSelector("#live .label")).getText()).contains("和兴街道").doesNotContain("全福街道");
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        screenshot("dashboard-district-one-street");

        // A street's own leader: their street only, no street filter, no comparison.
        driver.manage().deleteAllCookies();
        signIn("hx-leader1");
        driver.get(base() + "/dashboard");
        waitUntil(d -> d.findElement(By.cssSelector("#live table.overdue")).getText().contains(hx));
        assertThat(driver.findElement(By.cssSelector("#live table.overdue")).getText()).doesNotContain(qf);
        assertThat(driver.findElement(By.id("street-filter")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("district")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.cssSelector("#live .label")).getText()).contains("和兴街道");
    }

    private void signIn(String user) {
        driver.manage().window().setSize(DESKTOP);
        driver.get(base() + "/camunda/app/tasklist/");
        waitFor(By.cssSelector("input[ng-model='username']")).sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(user);
        driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        waitUntil(d -> d.findElements(By.cssSelector("form[name='signinForm']")).isEmpty());
    }

    private static WebElement row(String table, String number) {
        return driver.findElement(By.xpath("//section[@id='live']//table[contains(@class,'" + table + "')]//tr[td/a[text()='"
                + number + "']]"));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private static void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
