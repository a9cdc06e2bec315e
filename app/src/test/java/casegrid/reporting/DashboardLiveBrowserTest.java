package casegrid.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.HeadlessChromium;
import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.Scenario;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The leader's morning view in headless Chromium: leader1 signs in through Tasklist, opens the
 * dashboard and finds this week's items in the live panel, one of them overdue with the step it
 * waits on, and the pickers in Chinese, then prints the live view (打印实时概况) as PDF. Screenshots
 * at desktop and phone size and the PDF in target/screenshots.
 */
@CasegridTest
class DashboardLiveBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Dimension DESKTOP = new Dimension(1366, 900);
    private static final Dimension PHONE = new Dimension(390, 844);

    private static HeadlessChromium chromium;
    private static WebDriver driver;

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void startChromium() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        chromium = HeadlessChromium.start("dashboard browser test", 1366, 900, null);
        driver = chromium.driver();
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aLeaderSeesThisWeeksItemsAndTheOverdueOneInTheLivePanel() {
        // Filed this week and planned: one now waits in resolution past its resolve-by date, one is HIGH.
        String overdue = new Scenario(engine, intake, jdbc).planned("C07", "MEDIUM").number;
        jdbc.sql("update risk_item set resolve_by = now() - interval '1 day' where number = ?").param(overdue).update();
        String high = new Scenario(engine, intake, jdbc).planned("C08", "HIGH").number;

        driver.manage().window().setSize(DESKTOP);
        driver.get(base() + "/camunda/app/tasklist/");
        waitFor(By.cssSelector("input[ng-model='username']")).sendKeys("leader1");
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("leader1");
        driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        // Signed in once the form is gone: the session cookie is what the dashboard needs.
        waitUntil(d -> d.findElements(By.cssSelector("form[name='signinForm']")).isEmpty());

        driver.get(base() + "/dashboard");
        waitUntil(d -> d.findElement(By.cssSelector("#live table.overdue")).getText().contains(overdue));
        WebElement overdueRow = driver.findElement(By.xpath("//section[@id='live']//table[contains(@class,'overdue')]//tr[td/a[text()='"
                + overdue + "']]"));
        assertThat(overdueRow.getText()).contains("中", "办结期限", "化解处置");
        assertThat(overdueRow.findElement(By.cssSelector("a")).getAttribute("href")).endsWith("/items/" + overdue);
        WebElement highRow = driver.findElement(By.xpath("//section[@id='live']//table[contains(@class,'high')]//tr[td/a[text()='"
                + high + "']]"));
        assertThat(highRow.getText()).contains("已制定");
        waitUntil(d -> d.findElement(By.cssSelector("#weekly .label")).getText().contains("年第"));
        String body = driver.findElement(By.tagName("body")).getText();
        assertThat(driver.findElement(By.cssSelector("#live table.forecast")).getText()).contains("年第", "年", "高风险", "中风险", "低风险");
        assertThat(body).contains("实时概况", "目标预测", "已超期事项", "两个工作日内到期", "高风险事项", "督办阶梯", "吹哨待报到")
                .doesNotContain("undefined").doesNotContain("null").doesNotContain("Week").doesNotContain("NaN");
        assertThat(new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("week"))).getOptions().get(0).getText())
                .matches("\\d{4}年第\\d{1,2}周（本期，进行中）");
        assertThat(new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("month"))).getOptions().get(0).getText())
                .matches("\\d{4}年\\d{1,2}月（本期，进行中）");
        screenshot("dashboard-live-desktop");
        driver.manage().window().setSize(PHONE);
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        screenshot("dashboard-live-phone");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})",
                driver.findElement(By.cssSelector("#live table.overdue")));
        screenshot("dashboard-live-phone-overdue");

        driver.manage().window().setSize(DESKTOP);
        // Headless Chromium has no print dialog: the button's window.print() is stubbed, the page printed through the driver.
        ((JavascriptExecutor) driver).executeScript("window.print = function () {}");
        driver.findElement(By.id("print-live")).click();
        assertThat(driver.findElement(By.tagName("body")).getAttribute("class")).contains("print-live");
        byte[] pdf = java.util.Base64.getDecoder().decode(((PrintsPage) driver).print(new PrintOptions()).getContent());
        save("dashboard-live.pdf", pdf);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        String printed = pdfText(pdf);
        assertThat(printed).contains("实时概况", "目标预测", "已超期事项", overdue, high)
                .doesNotContain("周调·").doesNotContain("月统·");

        // Once the dialog closes the page prints the weekly-meeting material again, without the live panel.
        ((JavascriptExecutor) driver).executeScript("window.dispatchEvent(new Event('afterprint'))");
        String weekly = pdfText(java.util.Base64.getDecoder().decode(((PrintsPage) driver).print(new PrintOptions()).getContent()));
        assertThat(weekly).contains("周调·", "月统·").doesNotContain("实时概况").doesNotContain("目标预测");
    }

    /** The PDF's text, all pages, with white space removed (table cells wrap anywhere). */
    private static String pdfText(byte[] pdf) {
        try {
            PdfReader reader = new PdfReader(pdf);
            try {
                StringBuilder text = new StringBuilder();
                PdfTextExtractor extractor = new PdfTextExtractor(reader);
                for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                    text.append(extractor.getTextFromPage(page));
                }
                return text.toString().replaceAll("\\s+", "");
            } finally {
                reader.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        save(name + ".png", ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private static void save(String file, byte[] content) {
        try {
            Files.write(SCREENSHOTS.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
