package casegrid.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Scenario;
import casegrid.support.TestFiles;
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
 * Write-off evidence in headless Chromium: the resolver (c03-staff) opens 申请销号 in Tasklist and uploads
 * a photo as 佐证材料 in the 卷宗 tab with the Tasklist session; the community leader approving 销号 sees
 * its thumbnail and its download link in the same tab. Screenshots (desktop and phone) go to
 * {@code target/screenshots/}.
 */
@CasegridTest
class AttachmentBrowserTest {

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
        chromium = HeadlessChromium.start("attachment browser test", 1366, 900, null);
        driver = chromium.driver();
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theResolverUploadsEvidenceInTheCaseFileTabAndTheApprovingLeaderSeesIt() throws IOException {
        Scenario item = new Scenario(engine, intake, jdbc).planned("C03", "LOW");
        item.complete("Task_Feedback", "c03-staff", "feedbackNote", "已核实");
        item.complete("Task_Resolve", "c03-staff", "resolutionOutcome", "RESOLVED", "progressNote", "双方签订调解协议，已维修");
        Path photo = Files.write(SCREENSHOTS.resolve("维修后现场.jpg"), TestFiles.jpegWithGps());

        driver.manage().window().setSize(DESKTOP);
        login("c03-staff");
        openTask("申请销号 · " + item.number);
        WebElement caseFile = waitFor(By.cssSelector(".cf-case-file"));
        waitUntil(d -> caseFile.getText().contains("暂无附件"));
        WebElement form = waitFor(By.cssSelector("form.cf-upload"));
        new Select(form.findElement(By.cssSelector("select[name='purpose']"))).selectByValue("EVIDENCE");
        form.findElement(By.cssSelector("input[type='file']")).sendKeys(photo.toAbsolutePath().toString());
        WebElement upload = form.findElement(By.cssSelector("button[type='submit']"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", upload);
        upload.click();
        waitUntil(d -> form.findElement(By.cssSelector(".cf-upload-status")).getText().contains("已上传"));
        waitFor(By.cssSelector(".cf-gallery .cf-photo-EVIDENCE img"));
        waitUntil(d -> loaded(".cf-gallery .cf-photo-EVIDENCE img"));
        assertThat(caseFile.getText()).contains("佐证材料 1 份", "维修后现场.jpg");
        assertThat(jdbc.sql("select count(*) from risk_item_attachment where number = ? and purpose = 'EVIDENCE' and uploaded_by = 'c03-staff'")
                .param(item.number).query(Integer.class).single()).isEqualTo(1);
        scrollTo(".cf-attachments");
        screenshot("attachments-upload-desktop");
        driver.manage().window().setSize(PHONE);
        scrollTo(".cf-attachments");
        screenshot("attachments-upload-phone");
        driver.manage().window().setSize(DESKTOP);

        // The resolver applies for write-off; the evidence rule is met by the file.
        item.complete("Task_RequestClosure", "c03-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "见佐证材料");
        driver.manage().deleteAllCookies();

        login("c03-leader");
        openTask("审批销号 · " + item.number);
        WebElement leaderView = waitFor(By.cssSelector(".cf-case-file"));
        waitFor(By.cssSelector(".cf-gallery .cf-photo-EVIDENCE img"));
        waitUntil(d -> loaded(".cf-gallery .cf-photo-EVIDENCE img"));
        assertThat(leaderView.getText()).contains("佐证材料 1 份", "维修后现场.jpg");
        String download = driver.findElement(By.cssSelector(".cf-files .cf-file-name a")).getAttribute("href");
        assertThat(download).contains("/api/risk-items/" + item.number + "/attachments/");
        assertThat(jdbc.sql("select count(*) from access_audit where user_id = 'c03-leader' and number = ? and action = 'VIEW_THUMBNAIL'")
                .param(item.number).query(Integer.class).single()).isPositive();
        scrollTo(".cf-attachments");
        screenshot("attachments-approve-closure-desktop");
        driver.manage().window().setSize(PHONE);
        scrollTo(".cf-attachments");
        screenshot("attachments-approve-closure-phone");

        driver.get(base() + "/items/" + item.number);
        waitFor(By.cssSelector(".cf-gallery .cf-photo-EVIDENCE img"));
        waitUntil(d -> loaded(".cf-gallery .cf-photo-EVIDENCE img"));
        assertThat(driver.findElements(By.cssSelector("form.cf-upload"))).as("the case page only reads").isEmpty();
        scrollTo(".cf-attachments");
        screenshot("attachments-case-page-phone");
        driver.manage().window().setSize(DESKTOP);
        scrollTo(".cf-attachments");
        screenshot("attachments-case-page-desktop");
    }

    private void login(String user) {
        driver.get(base() + "/camunda/app/tasklist/");
        waitFor(By.cssSelector("input[ng-model='username']")).sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(user);
        driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        waitFor(By.cssSelector(".task-filters .item"));
    }

    private void openTask(String namePrefix) {
        click(By.xpath("//*[contains(@class,'task-filters')]//h4[contains(@class,'name')]/a[normalize-space(text())='本组待办']"));
        click(By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]/a[starts-with(normalize-space(),'" + namePrefix + "')]"));
        WebElement activeTab = waitFor(By.cssSelector(".tabbed-content ul.nav-tabs li.active a"));
        assertThat(activeTab.getText().trim()).isEqualTo("卷宗");
    }

    /** The image was fetched and decoded (a refused thumbnail would leave naturalWidth at 0). */
    private static boolean loaded(String css) {
        Object width = ((JavascriptExecutor) driver).executeScript(
                "const img = document.querySelector(arguments[0]); return img && img.complete ? img.naturalWidth : 0;", css);
        return width instanceof Number n && n.intValue() > 0;
    }

    private static void scrollTo(String css) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})",
                driver.findElement(By.cssSelector(css)));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void click(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
                    if (element == null) {
                        return false;
                    }
                    element.click();
                    return true;
                });
    }

    private static void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private static void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
