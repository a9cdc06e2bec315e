package casegrid.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Scenario;
import casegrid.support.TestFiles;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Write-off evidence in headless Chromium: the resolver (c03-staff) opens 申请销号 in Tasklist and uploads
 * a photo as 佐证材料 in the 卷宗 tab with the Tasklist session; the community leader approving 销号 sees
 * its thumbnail and its download link in the same tab. Screenshots (desktop and phone) go to
 * {@code target/screenshots/}.
 */
@CasegridTest
class AttachmentBrowserTest {

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @Test
    void theResolverUploadsEvidenceInTheCaseFileTabAndTheApprovingLeaderSeesIt() {
        Scenario item = new Scenario(engine, intake, jdbc).planned("C03", "LOW");
        item.complete("Task_Feedback", "c03-staff", "feedbackNote", "已核实");
        item.complete("Task_Resolve", "c03-staff", "resolutionOutcome", "RESOLVED", "progressNote", "双方签订调解协议，已维修");
        Path photo = browser.save("维修后现场.jpg", TestFiles.jpegWithGps());

        browser.signIn("c03-staff");
        browser.openTask("申请销号 · " + item.number);
        WebElement caseFile = browser.waitFor(By.cssSelector(".cf-case-file"));
        browser.waitUntil(d -> caseFile.getText().contains("暂无附件"));
        WebElement form = browser.waitFor(By.cssSelector("form.cf-upload"));
        new Select(form.findElement(By.cssSelector("select[name='purpose']"))).selectByValue("EVIDENCE");
        form.findElement(By.cssSelector("input[type='file']")).sendKeys(photo.toAbsolutePath().toString());
        WebElement upload = form.findElement(By.cssSelector("button[type='submit']"));
        browser.centred(upload).click();
        browser.waitUntil(d -> form.findElement(By.cssSelector(".cf-upload-status")).getText().contains("已上传"));
        browser.waitFor(By.cssSelector(".cf-gallery .cf-photo-EVIDENCE img"));
        browser.waitUntil(d -> browser.imageLoaded(".cf-gallery .cf-photo-EVIDENCE img"));
        assertThat(caseFile.getText()).contains("佐证材料 1 份", "维修后现场.jpg");
        assertThat(jdbc.sql("select count(*) from risk_item_attachment where number = ? and purpose = 'EVIDENCE' and uploaded_by = 'c03-staff'")
                .param(item.number).query(Integer.class).single()).isEqualTo(1);
        browser.scrollTo(".cf-attachments");
        browser.screenshot("attachments-upload-desktop");
        browser.resize(HeadlessChromium.PHONE);
        browser.scrollTo(".cf-attachments");
        browser.screenshot("attachments-upload-phone");
        browser.resize(HeadlessChromium.DESKTOP);

        // The resolver applies for write-off; the evidence rule is met by the file.
        item.complete("Task_RequestClosure", "c03-staff", "closureOutcome", "CLAIM_RESOLVED", "closureEvidence", "见佐证材料");
        browser.driver().manage().deleteAllCookies();

        browser.signIn("c03-leader");
        browser.openTask("审批销号 · " + item.number);
        WebElement leaderView = browser.waitFor(By.cssSelector(".cf-case-file"));
        browser.waitFor(By.cssSelector(".cf-gallery .cf-photo-EVIDENCE img"));
        browser.waitUntil(d -> browser.imageLoaded(".cf-gallery .cf-photo-EVIDENCE img"));
        assertThat(leaderView.getText()).contains("佐证材料 1 份", "维修后现场.jpg");
        String download = browser.driver().findElement(By.cssSelector(".cf-files .cf-file-name a")).getAttribute("href");
        assertThat(download).contains("/api/risk-items/" + item.number + "/attachments/");
        assertThat(jdbc.sql("select count(*) from access_audit where user_id = 'c03-leader' and number = ? and action = 'VIEW_THUMBNAIL'")
                .param(item.number).query(Integer.class).single()).isPositive();
        browser.scrollTo(".cf-attachments");
        browser.screenshot("attachments-approve-closure-desktop");
        browser.resize(HeadlessChromium.PHONE);
        browser.scrollTo(".cf-attachments");
        browser.screenshot("attachments-approve-closure-phone");

        browser.open("/items/" + item.number);
        browser.waitFor(By.cssSelector(".cf-gallery .cf-photo-EVIDENCE img"));
        browser.waitUntil(d -> browser.imageLoaded(".cf-gallery .cf-photo-EVIDENCE img"));
        assertThat(browser.driver().findElements(By.cssSelector("form.cf-upload"))).as("the case page only reads").isEmpty();
        browser.scrollTo(".cf-attachments");
        browser.screenshot("attachments-case-page-phone");
        browser.resize(HeadlessChromium.DESKTOP);
        browser.scrollTo(".cf-attachments");
        browser.screenshot("attachments-case-page-desktop");
    }
}
