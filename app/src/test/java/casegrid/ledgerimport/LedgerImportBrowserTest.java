package casegrid.ledgerimport;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The  * the upload carries the webapp's CSRF token): a ledger with a broken row is checked and the problem shown
 * by row and column, the fixed ledger checked and confirmed. Screenshots at desktop (1366×900) and phone
 * (390×844) size go to {@code target/screenshots/}.
 */
@CasegridTest
class LedgerImportBrowserTest {

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theAdministratorChecksALedgerSeesItsProblemsByRowAndImportsTheFixedOne() {
        // Signed in on the real clock (the webapp's own session checks read the engine clock too); then the
        // engine clock moves to the ledger's time, after the dates of the other test classes.
        browser.signIn("admin");
        Scenario.clockAt("2027-03-01T10:00:00+08:00");
        int base = jdbc.sql("select coalesce(max(last_value), 0) from item_number_counter where year = 2027")
                .query(Integer.class).single() + 3000;
        List<Map<LedgerColumn, Object>> rows = new ArrayList<>();
        String[][] ledger = {
                {"楼道堆物引发邻里争执", "矛盾纠纷", "福林社区", "第一网格", "", "待研判", ""},
                {"欠薪群体讨薪", "群体性诉求", "C15", "C15-G2", "高", "化解中", "福林社区"},
                {"电动车楼道充电隐患", "公共安全", "C15", "C15-G3", "低", "立即整改中", ""},
                {"网购退款被骗", "网络违法犯罪", "C15", "C15-G4", "中", "待销号审核", "C15"},
                {"噪音纠纷已调解", "DISPUTE", "C15", "C15-G1", "低", "已销号", "C15"}};
        for (int i = 0; i < ledger.length; i++) {
            String[] r = ledger[i];
            Map<LedgerColumn, Object> row = new LinkedHashMap<>();
            row.put(LedgerColumn.NUMBER, "QF-2027-%06d".formatted(base + i));
            row.put(LedgerColumn.TITLE, r[0]);
            row.put(LedgerColumn.CATEGORY, r[1]);
            row.put(LedgerColumn.COMMUNITY, r[2]);
            row.put(LedgerColumn.GRID, r[3]);
            row.put(LedgerColumn.ADDRESS, "福林路" + (i + 1) + "号");
            if (!r[4].isEmpty()) row.put(LedgerColumn.LEVEL, r[4]);
            row.put(LedgerColumn.STATUS, r[5]);
            if (!r[6].isEmpty()) row.put(LedgerColumn.UNIT, r[6]);
            row.put(LedgerColumn.REPORTED_AT, "2027-02-0" + (i + 1) + " 09:00");
            row.put(LedgerColumn.RESOLVE_BY, i == 1 ? "2027-04-30" : null);
            row.put(LedgerColumn.PARTIES, "王" + i + "/1390000000" + i + "/当事人");
            row.put(LedgerColumn.NOTES, "2027-02-1" + i + " 走访核实");
            if (i == 4) {
                row.put(LedgerColumn.CLOSURE_OUTCOME, "合理诉求已解决");
                row.put(LedgerColumn.CLOSED_AT, "2027-02-20");
            }
            rows.add(row);
        }
        List<Map<LedgerColumn, Object>> broken = new ArrayList<>(rows.stream().map(r -> (Map<LedgerColumn, Object>) new LinkedHashMap<>(r)).toList());
        broken.get(1).remove(LedgerColumn.UNIT);
        broken.get(2).put(LedgerColumn.GRID, "C01-G1");
        Path brokenFile = browser.save("台账-有问题.xlsx", LedgerImportHttpTest.xlsx(broken));
        Path fixedFile = browser.save("台账-已改正.xlsx", LedgerImportHttpTest.xlsx(rows));

        browser.open("/admin/import");
        // The file input itself is hidden behind its Chinese label: present is enough.
        waitUntil(d -> !d.findElements(By.id("file")).isEmpty());
        browser.driver().findElement(By.id("file")).sendKeys(brokenFile.toAbsolutePath().toString());
        browser.driver().findElement(By.id("check")).click();
        waitUntil(d -> d.findElement(By.id("message")).getText().contains("有问题"));
        String table = browser.driver().findElement(By.id("lines")).getText();
        assertThat(table).contains("责任单位", "必须填写责任单位", "网格", "不属于", "将新建", "研判定级");
        assertThat(browser.driver().findElement(By.id("confirm")).isEnabled()).isFalse();
        browser.screenshot("ledger-import-problems-desktop");
        browser.resize(HeadlessChromium.PHONE);
        browser.screenshot("ledger-import-problems-phone");
        browser.scrollTo("#result");
        browser.screenshot("ledger-import-problems-phone-table");
        browser.js("window.scrollTo(0, 0)");
        browser.resize(HeadlessChromium.DESKTOP);

        browser.driver().findElement(By.id("file")).sendKeys(fixedFile.toAbsolutePath().toString());
        browser.driver().findElement(By.id("check")).click();
        waitUntil(d -> d.findElement(By.id("message")).getText().contains("检查通过"));
        waitUntil(d -> d.findElement(By.id("confirm")).isEnabled());
        browser.screenshot("ledger-import-checked-desktop");
        browser.driver().findElement(By.id("confirm")).click();
        browser.driver().switchTo().alert().accept();
        waitUntil(d -> d.findElement(By.id("message")).getText().contains("导入完成"));
        assertThat(browser.driver().findElement(By.id("message")).getText()).contains("新建 5 项");
        assertThat(browser.driver().findElement(By.id("resultTitle")).getText()).isEqualTo("导入结果");
        assertThat(browser.driver().findElement(By.id("bySteps")).getText()).contains("化解处置 1 项", "申请销号 1 项");
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).doesNotContain("undefined").doesNotContain("null");
        browser.screenshot("ledger-import-done-desktop");
        browser.resize(HeadlessChromium.PHONE);
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("ledger-import-done-phone");
        browser.scrollTo("#result");
        browser.screenshot("ledger-import-done-phone-table");
        assertThat(jdbc.sql("select status from risk_item where number = ?").param("QF-2027-%06d".formatted(base + 1))
                .query(String.class).single()).isEqualTo("RESOLVING");
    }

    /** A wait that, when it times out, says what the page's message said. */
    private static void waitUntil(Function<WebDriver, Boolean> condition) {
        try {
            browser.waitUntil(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("page said: " + browser.driver().findElement(By.id("message")).getText(), e);
        }
    }
}
