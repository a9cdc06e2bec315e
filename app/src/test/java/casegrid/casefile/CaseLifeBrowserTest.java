package casegrid.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.reference.ReferenceData;
import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Http;
import casegrid.support.TestFiles;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfStream;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An item's whole life in the browser (issue #11): a grid worker reports a threat of violence from a phone
 * (390×844) on /m with a photo and the phone's position; the community staff open 研判定级 in Tasklist and
 * find the description, the violence flag, the photo and the parties in the 卷宗 tab, and the case page's
 * diagram at the grading task; the street centre picks the plan's duty holders from lists; the resolver
 * works the item, is refused 销号 without evidence or a reason (the refusal beside its field, in Chinese),
 * uploads evidence in the 卷宗 tab and applies again; the leader approving 销号 sees the evidence; the
 * archive PDF embeds the photos. Screenshots of every step in {@code target/screenshots/case-life-*.png} (the
 * grid worker at phone size, the Tasklist and case-page steps at desktop and, where the case file is the point,
 * phone size too); the archive as {@code case-life-archive.pdf}.
 */
@CasegridTest
class CaseLifeBrowserTest {

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    @LocalServerPort int port;
    @Autowired TaskService taskService;
    @Autowired JdbcClient jdbc;
    @Autowired ReferenceData reference;

    @Test
    void aPhoneReportWithAPhotoIsGradedPlannedResolvedWithEvidenceAndArchived() throws IOException {
        long unique = System.nanoTime();
        // Unique words, numbers and position: the suite shares one database, and a similar item would send
        // this one to duplicate review (address and title similarity, the same party, within 50 m).
        String party = "赵" + unique % 100_000;
        double latitude = 39.90 + unique % 90_000 / 1_000_000.0;
        double longitude = 116.30 + unique / 7 % 90_000 / 1_000_000.0;
        String number = report(party, latitude, longitude);

        grade(number, party);
        plan(number);
        resolve(number);
        requestClosure(number);
        approveClosure(number);

        assertThat(jdbc.sql("select status from risk_item where number = ?").param(number).query(String.class).single())
                .isEqualTo("CLOSED");
        archiveEmbedsThePhotos(number);
    }

    /** The grid worker on a phone: /m, a photo from the camera, the browser's position. */
    private String report(String party, double latitude, double longitude) {
        browser.emulatePhone();
        browser.locateAt(latitude, longitude);
        browser.open("/m");
        browser.waitFor(By.id("username")).sendKeys("c05-grid1");
        browser.driver().findElement(By.id("password")).sendKeys("c05-grid1");
        browser.driver().findElement(By.cssSelector("#login-form button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#report"));
        long unique = System.nanoTime() % 100_000;
        field("title").sendKeys("邻里纠纷扬言报复" + unique);
        new Select(field("category")).selectByValue("DISPUTE");
        field("description").sendKeys("两户因装修噪音多次争吵，一方扬言报复。");
        new Select(field("grid")).selectByValue("C05-G1");
        field("address").sendKeys("福泰路" + unique + "号院");
        field("peopleInvolved").clear();
        field("peopleInvolved").sendKeys("2");
        field("threatOfViolence").click();
        browser.driver().findElement(By.id("party-add")).click();
        browser.driver().findElement(By.name("parties[0].name")).sendKeys(party);
        browser.driver().findElement(By.name("parties[0].phone")).sendKeys("139" + String.format("%08d", unique));
        browser.driver().findElement(By.name("parties[0].role")).sendKeys("当事人");
        Path photo = browser.save("现场照片.jpg", TestFiles.jpeg(480, 360));
        browser.driver().findElement(By.id("photos")).sendKeys(photo.toAbsolutePath().toString());
        browser.waitFor(By.cssSelector("#photo-list .m-photo img"));
        browser.driver().findElement(By.id("locate")).click();
        browser.waitUntil(d -> text("#location-text").startsWith("已定位"));
        browser.screenshot("case-life-01-report-phone");

        browser.driver().findElement(By.id("submit")).click();
        browser.waitUntil(d -> text("#draft-state").startsWith("已上报"));
        String number = text("#draft-state").substring("已上报 ".length());
        browser.waitUntil(d -> jdbc.sql("select count(*) from risk_item_attachment where number = ? and purpose = 'INTAKE'")
                .param(number).query(Integer.class).single() == 1);
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("case-life-02-reported-phone");
        assertThat(jdbc.sql("select latitude from risk_item where number = ?").param(number).query(Double.class).single())
                .isEqualTo(latitude);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey("Task_Grade").count())
                .as("waits for grading, not for duplicate review").isOne();
        browser.emulateDesktop();
        browser.driver().manage().deleteAllCookies();
        return number;
    }

    /** The community staff: the case file first, then the case page, then the grade. */
    private void grade(String number, String party) {
        browser.signIn("c05-staff");
        browser.openTask("研判定级 · " + number);
        WebElement caseFile = browser.waitFor(By.cssSelector(".cf-case-file"));
        browser.waitUntil(d -> caseFile.getText().contains("两户因装修噪音多次争吵"));
        assertThat(caseFile.getText()).contains(number, "一方扬言报复", "有暴力倾向", "社会矛盾纠纷", "福泰社区", party, "当事人",
                "处置经过", "登记");
        assertThat(browser.driver().findElement(By.cssSelector(".cf-flag-violence")).isDisplayed()).isTrue();
        browser.waitUntil(d -> browser.imageLoaded(".cf-gallery .cf-photo-INTAKE img"));
        browser.screenshot("case-life-03-grade-case-file");
        browser.screenshotBothSizes("case-life-04-grade-case-file-photo", ".cf-attachments");

        // The case page, linked from the case file: bpmn-js marks where the item stands.
        String page = browser.driver().findElement(By.cssSelector(".cf-page-link")).getAttribute("href");
        assertThat(page).endsWith("/items/" + number);
        browser.driver().get(page);
        browser.waitFor(By.cssSelector(".djs-element.cg-active[data-element-id='Task_Grade']"));
        assertThat(browser.driver().findElements(By.cssSelector(".djs-element.cg-passed"))).isNotEmpty();
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("流程图", "当前环节", "打印案卷")
                .doesNotContain("undefined").doesNotContain("null");
        browser.screenshotBothSizes("case-life-05-case-page-diagram", "#diagram");

        browser.openTask("研判定级 · " + number);
        browser.claim();
        browser.select("风险等级", "中");
        browser.type("定级理由", "已由社区民警介入，双方情绪平稳。");
        assertThat(browser.checkbox("能立即整改").isSelected()).isFalse();
        browser.screenshot("case-life-06-grade-form");
        browser.complete();
        browser.signOut();
    }

    /** The street centre picks every duty holder from the lists the app offers. */
    private void plan(String number) {
        browser.signIn("center1");
        browser.openTask("制定一事一策 · " + number);
        browser.claim();
        browser.select("责任单位", browser.offered(number, "Task_Plan", "unitOptions", "community-C05"));
        browser.select("责任领导", browser.offered(number, "Task_Plan", "leaderOptions", "c05-leader"));
        browser.select("摸排责任人", browser.offered(number, "Task_Plan", "personOptions", "c05-grid1"));
        browser.select("化解责任人", browser.offered(number, "Task_Plan", "personOptions", "c05-staff"));
        browser.select("稳控责任人", browser.offered(number, "Task_Plan", "personOptions", "c05-grid2"));
        browser.select("调度责任人", browser.offered(number, "Task_Plan", "personOptions", "center1"));
        browser.type("化解措施", "社区民警和调解员上门调解，约定施工时段。");
        browser.screenshot("case-life-07-plan-form");
        browser.complete();
        browser.signOut();
    }

    private void resolve(String number) {
        browser.signIn("c05-staff");
        browser.openTask("预警反馈(T+2) · " + number);
        browser.tab("表单");
        browser.type("反馈情况", "已上门核实，双方同意调解。");
        browser.complete();
        browser.openTask("化解处置 · " + number);
        browser.tab("表单");
        browser.radio("处置结果", "已化解，申请销号");
        browser.type("进展情况", "双方签订调解协议，约定施工时段。");
        browser.screenshot("case-life-08-resolve-form");
        browser.complete();
    }

    /** Refused without evidence and without a reason; an evidence file in the 卷宗 tab lets it through. */
    private void requestClosure(String number) {
        browser.openTask("申请销号 · " + number);
        browser.claim();
        fillClosureRequest();
        HeadlessChromium.Refusal refusal = browser.completeRefused(this::screenshotRefusalNotice);
        WebElement besideReason = browser.field("无佐证材料的原因").findElement(By.cssSelector(".cg-server-error"));
        assertThat(besideReason.getText()).isEqualTo(refusal.inForm()).contains("佐证材料", "卷宗");
        // Tasklist's own notice says the same with the field's label, not the variable (noEvidenceReason).
        assertThat(refusal.notice()).contains("无佐证材料的原因：" + refusal.inForm()).doesNotContain("noEvidenceReason");
        browser.screenshot("case-life-09-closure-refused");

        browser.tab("卷宗");
        WebElement form = browser.waitFor(By.cssSelector("form.cf-upload:not(.cf-regrade)"));
        new Select(form.findElement(By.cssSelector("select[name='purpose']"))).selectByValue("EVIDENCE");
        Path evidence = browser.save("调解后现场.jpg", TestFiles.jpeg(400, 300));
        form.findElement(By.cssSelector("input[type='file']")).sendKeys(evidence.toAbsolutePath().toString());
        browser.centred(form.findElement(By.cssSelector("button[type='submit']"))).click();
        browser.waitUntil(d -> form.findElement(By.cssSelector(".cf-upload-status")).getText().contains("已上传"));
        browser.waitUntil(d -> browser.imageLoaded(".cf-gallery .cf-photo-EVIDENCE img"));
        assertThat(jdbc.sql("select count(*) from risk_item_attachment where number = ? and purpose = 'EVIDENCE'"
                + " and uploaded_by = 'c05-staff'").param(number).query(Integer.class).single()).isOne();
        browser.screenshotBothSizes("case-life-10-evidence-uploaded", ".cf-attachments");

        browser.tab("表单");
        fillClosureRequest();
        browser.complete();
        browser.signOut();
    }

    /** The refusal beside its field and Tasklist's notice of it, at desktop and phone size. */
    private void screenshotRefusalNotice() {
        browser.screenshot("case-life-09-closure-refused-notice-desktop");
        browser.resize(HeadlessChromium.PHONE);
        browser.centred(browser.driver().findElement(By.cssSelector(".cg-server-error")));
        browser.screenshot("case-life-09-closure-refused-notice-phone");
        browser.resize(HeadlessChromium.DESKTOP);
    }

    private void fillClosureRequest() {
        browser.select("化解结果", reference.active(ReferenceData.Kind.CLOSURE_OUTCOME).get("CLAIM_RESOLVED"));
        browser.type("化解结果和佐证材料说明", "调解协议已签订，见现场照片。");
    }

    /** The leader sees the evidence in the 卷宗 tab (its thumbnail read is audited), then approves. */
    private void approveClosure(String number) {
        browser.signIn("c05-leader");
        browser.openTask("审批销号 · " + number);
        WebElement caseFile = browser.waitFor(By.cssSelector(".cf-case-file"));
        browser.waitUntil(d -> browser.imageLoaded(".cf-gallery .cf-photo-EVIDENCE img"));
        assertThat(caseFile.getText()).contains("佐证材料 1 份", "调解后现场.jpg");
        assertThat(browser.driver().findElement(By.cssSelector(".cf-file-EVIDENCE .cf-file-name a")).getAttribute("href"))
                .contains("/api/risk-items/" + number + "/attachments/");
        assertThat(jdbc.sql("select count(*) from access_audit where user_id = 'c05-leader' and number = ?"
                + " and action = 'VIEW_THUMBNAIL'").param(number).query(Integer.class).single()).isPositive();
        browser.screenshotBothSizes("case-life-11-approve-sees-evidence", ".cf-attachments");
        browser.claim();
        browser.radio("审批结论", "同意");
        browser.type("审批意见", "同意销号。");
        browser.screenshot("case-life-12-approve-form");
        browser.complete();

        // The case page only reads: the evidence is shown, nothing can be uploaded there.
        browser.open("/items/" + number);
        browser.waitUntil(d -> browser.imageLoaded(".cf-gallery .cf-photo-EVIDENCE img"));
        assertThat(browser.driver().findElements(By.cssSelector("form.cf-upload:not(.cf-regrade)"))).isEmpty();
        browser.screenshotBothSizes("case-life-13-case-page-closed", ".cf-attachments");
    }

    /** Every photo of the item (the report's and the evidence) is an image in the archive PDF. */
    private void archiveEmbedsThePhotos(String number) throws IOException {
        HttpResponse<byte[]> archive = new Http(port).as("c05-leader").download("/api/risk-items/" + number + "/archive");
        assertThat(archive.statusCode()).isEqualTo(200);
        browser.save("case-life-archive.pdf", archive.body());
        PdfReader reader = new PdfReader(archive.body());
        try {
            StringBuilder text = new StringBuilder();
            int images = 0;
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(new PdfTextExtractor(reader).getTextFromPage(page));
                PdfDictionary resources = reader.getPageN(page).getAsDict(PdfName.RESOURCES);
                PdfDictionary xobjects = resources == null ? null : resources.getAsDict(PdfName.XOBJECT);
                if (xobjects != null) {
                    for (PdfName key : xobjects.getKeys()) {
                        if (PdfReader.getPdfObject(xobjects.get(key)) instanceof PdfStream stream
                                && PdfName.IMAGE.equals(stream.getAsName(PdfName.SUBTYPE))) {
                            images++;
                        }
                    }
                }
            }
            assertThat(images).as("the report's photo and the evidence photo are embedded").isEqualTo(2);
            assertThat(text.toString().replaceAll("\\s+", "")).contains(number, "现场照片.jpg", "调解后现场.jpg");
        } finally {
            reader.close();
        }
    }

    private static WebElement field(String name) {
        return browser.driver().findElement(By.cssSelector("#report [name='" + name + "']"));
    }

    private static String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText().trim();
    }
}
