package casegrid.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.intake.IntakeService;
import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Scenario;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.print.PrintOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The leader's morning view in headless Chromium: leader1 signs in through Tasklist, opens the
 * dashboard and finds this week's items in the live panel, one of them overdue with the step it
 * waits on, and the pickers in Chinese, then prints the live view (打印实时概况) as PDF. Screenshots
 * at desktop and phone size and the PDF in target/screenshots.
 */
@CasegridTest
class DashboardLiveBrowserTest {

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    @Autowired ProcessEngine engine;
    @Autowired IntakeService intake;
    @Autowired JdbcClient jdbc;

    @Test
    void aLeaderSeesThisWeeksItemsAndTheOverdueOneInTheLivePanel() {
        // Filed this week and planned: one now waits in resolution past its resolve-by date, one is HIGH.
        String overdue = new Scenario(engine, intake, jdbc).planned("C07", "MEDIUM").number;
        jdbc.sql("update risk_item set resolve_by = now() - interval '1 day' where number = ?").param(overdue).update();
        String high = new Scenario(engine, intake, jdbc).planned("C08", "HIGH").number;

        browser.signIn("leader1");

        browser.open("/dashboard");
        browser.waitUntil(d -> d.findElement(By.cssSelector("#live table.overdue")).getText().contains(overdue));
        WebElement overdueRow = browser.driver().findElement(By.xpath("//section[@id='live']//table[contains(@class,'overdue')]//tr[td/a[text()='"
                + overdue + "']]"));
        assertThat(overdueRow.getText()).contains("中", "办结期限", "化解处置");
        assertThat(overdueRow.findElement(By.cssSelector("a")).getAttribute("href")).endsWith("/items/" + overdue);
        WebElement highRow = browser.driver().findElement(By.xpath("//section[@id='live']//table[contains(@class,'high')]//tr[td/a[text()='"
                + high + "']]"));
        assertThat(highRow.getText()).contains("已制定");
        browser.waitUntil(d -> d.findElement(By.cssSelector("#weekly .label")).getText().contains("年第"));
        String body = browser.driver().findElement(By.tagName("body")).getText();
        assertThat(browser.driver().findElement(By.cssSelector("#live table.forecast")).getText()).contains("年第", "年", "高风险", "中风险", "低风险");
        assertThat(body).contains("实时概况", "目标预测", "已超期事项", "两个工作日内到期", "高风险事项", "督办阶梯", "吹哨待报到")
                .doesNotContain("undefined").doesNotContain("null").doesNotContain("Week").doesNotContain("NaN");
        assertThat(new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("week"))).getOptions().get(0).getText())
                .matches("\\d{4}年第\\d{1,2}周（本期，进行中）");
        assertThat(new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("month"))).getOptions().get(0).getText())
                .matches("\\d{4}年\\d{1,2}月（本期，进行中）");
        browser.screenshot("dashboard-live-desktop");
        browser.resize(HeadlessChromium.PHONE);
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("dashboard-live-phone");
        browser.scrollTo("#live table.overdue");
        browser.screenshot("dashboard-live-phone-overdue");

        browser.resize(HeadlessChromium.DESKTOP);
        // Headless Chromium has no print dialog: the button's window.print() is stubbed, the page printed through the driver.
        browser.js("window.print = function () {}");
        browser.driver().findElement(By.id("print-live")).click();
        assertThat(browser.driver().findElement(By.tagName("body")).getAttribute("class")).contains("print-live");
        byte[] pdf = java.util.Base64.getDecoder().decode(((PrintsPage) browser.driver()).print(new PrintOptions()).getContent());
        browser.save("dashboard-live.pdf", pdf);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        String printed = pdfText(pdf);
        assertThat(printed).contains("实时概况", "目标预测", "已超期事项", overdue, high)
                .doesNotContain("周调·").doesNotContain("月统·");

        // Once the dialog closes the page prints the weekly-meeting material again, without the live panel.
        browser.js("window.dispatchEvent(new Event('afterprint'))");
        String weekly = pdfText(java.util.Base64.getDecoder().decode(((PrintsPage) browser.driver()).print(new PrintOptions()).getContent()));
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

}
