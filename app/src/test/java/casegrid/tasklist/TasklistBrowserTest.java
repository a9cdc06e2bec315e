package casegrid.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.support.HeadlessChromium;
import casegrid.support.CasegridTest;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import casegrid.reference.ReferenceData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist as a caseworker uses it, in Debian's headless Chromium with a Chinese browser language:
 * an item reported through the API is graded, planned, resolved, requested for write-off and
 * approved in Tasklist, by the people the process names, until the item is CLOSED. One browser for
 * the class; each user logs in and out through the UI. Every step leaves a screenshot in
 * {@code target/browser-artifacts/} and checks the Chinese the user sees.
 *
 * <p>Selectors come from the 7.24 webjar's templates (login form, {@code .task-filters},
 * {@code .tasks-list}, {@code button.claim}, the complete button) and form-js's classes
 * ({@code .fjs-form-field}, {@code .fjs-form-field-label}, {@code .fjs-dropdownlist-item}); form
 * fields are found by their Chinese label, option labels are read from our own .form files.
 */
@CasegridTest
class TasklistBrowserTest {

    private static final Path ARTIFACTS = Path.of("target", "browser-artifacts");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HeadlessChromium chromium;
    private static WebDriver driver;
    private static final AtomicInteger shot = new AtomicInteger();

    @LocalServerPort int port;
    @Autowired TaskService taskService;
    @Autowired ReferenceData reference;

    @BeforeAll
    static void startChromium() throws IOException {
        Files.createDirectories(ARTIFACTS);
        chromium = HeadlessChromium.start("Tasklist browser test", 1600, 1000, ARTIFACTS.resolve("chromedriver.log"));
        driver = chromium.driver();
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anItemGoesFromIntakeToClosedInTasklist() {
        String number = intake();

        step("c03-staff grades it", () -> {
            login("c03-staff");
            assertVisible("任务", "本组待办", "我的待办");
            openFilter("本组待办");
            // The item columns, before grading with the suggested level.
            List<String> columns = List.of("编号", number, "风险等级", "中风险（系统建议）", "社区", "福寿社区", "事项");
            cardShows("研判定级 · " + number, columns);
            openTask("研判定级 · " + number);
            screenshot("grade-task");
            assertVisible("研判定级 · " + number, "认领", "事项信息", "风险等级");
            claim();
            select("风险等级", option("grade", "riskLevel", "MEDIUM"));
            // Not fixable on the spot: the item goes to planning (the box stays unticked, as a user leaves it).
            assertThat(checkbox("能立即整改").isSelected()).isFalse();
            screenshot("grade-filled");
            completeAndWaitUntilDone(number, "Task_Grade");
            logout();
        });

        step("center1 plans it", () -> {
            login("center1");
            openFilter("本组待办");
            openTask("制定一事一策 · " + number);
            claim();
            // Units and people are picked from the lists the app set on the task, labelled by name.
            select("责任单位", offered(number, "Task_Plan", "unitOptions", "community-C03"));
            select("责任领导", offered(number, "Task_Plan", "leaderOptions", "c03-leader"));
            select("摸排责任人", offered(number, "Task_Plan", "personOptions", "c03-grid1"));
            select("化解责任人", offered(number, "Task_Plan", "personOptions", "c03-staff"));
            select("稳控责任人", offered(number, "Task_Plan", "personOptions", "c03-grid2"));
            centred(field("调度责任人").findElement(By.cssSelector(".fjs-input-group"))).click();
            screenshot("plan-people-offered");
            select("调度责任人", offered(number, "Task_Plan", "personOptions", "center1"));
            type("化解措施", "组织双方调解，物业配合维修漏水管道。");
            screenshot("plan-filled");
            // The same form on a phone: the selects stack and stay usable.
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            centred(field("责任领导").findElement(By.cssSelector(".fjs-input-group")));
            screenshot("plan-filled-phone");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1600, 1000));
            assertVisible("制定一事一策 · " + number, "责任单位", "化解措施");
            completeAndWaitUntilDone(number, "Task_Plan");
            logout();
        });

        step("c03-staff sees the item's columns and resolves it", () -> {
            login("c03-staff");
            openFilter("我的待办");
            List<String> columns = List.of("编号", number, "风险等级", "中风险", "社区", "福寿社区", "办结期限", "到期");
            cardShows("化解处置 · " + number, columns);
            screenshot("my-tasks-columns");
            sortingIsTheEnginesSorting("我的待办", "dueDate", "asc");
            sortingIsTheEnginesSorting("我的待办", "priority", "desc");
            openFilter("我的待办");
            openTask("化解处置 · " + number);
            radio("处置结果", option("resolve", "resolutionOutcome", "RESOLVED"));
            type("进展情况", "双方签订调解协议，漏水已修复。");
            screenshot("resolve-filled");
            completeAndWaitUntilDone(number, "Task_Resolve");
        });

        step("c03-staff requests the write-off", () -> {
            openFilter("本组待办");
            openTask("申请销号 · " + number);
            claim();
            select("化解结果", option("request-closure", "closureOutcome", "CLAIM_RESOLVED"));
            type("化解结果和佐证材料说明", "调解协议及维修照片已存档。");
            type("无佐证材料的原因", "纸质调解协议在社区存档。");
            screenshot("request-closure-filled");
            completeAndWaitUntilDone(number, "Task_RequestClosure");
            logout();
        });

        step("c03-leader approves the write-off", () -> {
            login("c03-leader");
            openFilter("本组待办");
            openTask("审批销号 · " + number);
            claim();
            radio("审批结论", option("approve-closure", "approved", "true"));
            type("审批意见", "同意销号。");
            screenshot("approve-closure-filled");
            completeAndWaitUntilDone(number, "Task_ApproveClosure");
            logout();
        });

        JsonNode item = new Http(port).as("c03-staff").get("/api/risk-items/" + number).json();
        assertThat(item.path("status").asText()).isEqualTo("CLOSED");
        assertThat(item.path("riskLevel").asText()).isEqualTo("MEDIUM");
    }

    // --- the journey's steps ---

    /** A MEDIUM-worthy report (a dispute with 12 people) from a grid worker, through the API. */
    private String intake() {
        Map<String, Object> body = new HashMap<>();
        long unique = System.nanoTime();
        body.put("title", "楼上漏水纠纷");
        body.put("description", "楼上住户卫生间漏水，楼下多户受影响，双方多次争吵。");
        body.put("category", "DISPUTE");
        body.put("source", "GRID_SURVEY");
        body.put("community", "C03");
        body.put("grid", "C03-G1");
        body.put("address", "C03 浏览器路" + unique + "号");
        body.put("occurredAt", "2026-11-20T09:30:00+08:00");
        body.put("peopleInvolved", 12);
        // Unique party and address: the suite shares one database, and a match would send the item to duplicate review.
        body.put("parties", List.of(Map.of("name", "王" + unique, "phone", String.format("139%08d", unique % 100_000_000L),
                "role", "住户")));
        body.put("threatOfViolence", false);
        body.put("involvesMinors", false);
        body.put("crossJurisdiction", false);
        Http.Response response = new Http(port).as("c03-grid1").postJson("/api/risk-items", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("number").asText();
    }

    private void login(String user) {
        driver.get("http://localhost:" + port + "/camunda/app/tasklist/");
        WebElement username = waitFor(By.cssSelector("input[ng-model='username']"));
        screenshot("login-" + user);
        assertVisible("登录");
        assertNoCommunityEditionBanner();
        username.sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(user);
        driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        waitFor(By.cssSelector(".task-filters .item"));
        assertNoCommunityEditionBanner();
    }

    private void logout() {
        click(By.cssSelector("li.account .dropdown-toggle"));
        click(By.cssSelector("li.logout a"));
        waitFor(By.cssSelector("input[ng-model='username']"));
    }

    private void openFilter(String name) {
        // The link also holds the (hidden) task counter: match its own text only.
        String link = "//h4[contains(@class,'name')]/a[normalize-space(text())='" + name + "']";
        click(By.xpath("//*[contains(@class,'task-filters')]//div[contains(@class,'task-filter')]" + link));
        waitFor(By.xpath("//*[contains(@class,'task-filters')]//div[contains(@class,'task-filter') and contains(@class,'active')]" + link));
    }

    private WebElement taskCard(String namePrefix) {
        return waitFor(By.xpath(taskCardXpath(namePrefix)));
    }

    /** A card shows the first two columns; the others once it is expanded (its ⌄ toggle). */
    private void cardShows(String namePrefix, List<String> texts) {
        taskCard(namePrefix);
        String details = taskCardXpath(namePrefix) + "//div[contains(@class,'task-card-details')]";
        if (!driver.findElement(By.xpath(details)).getAttribute("class").contains("expanded")) {
            click(By.xpath(details + "/div[contains(@class,'shutter')]/a"));
        }
        waitUntil(d -> texts.stream().allMatch(taskCard(namePrefix).getText()::contains));
        screenshot("card-" + namePrefix.replaceAll("[^A-Za-z0-9-]", ""));
    }

    private static String taskCardXpath(String namePrefix) {
        return "//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
                + "[.//h4[contains(@class,'task')]/a[starts-with(normalize-space(),'" + namePrefix + "')]]";
    }

    /**
     * Opens the task the way its link does (Tasklist's own address: the filter and {@code &task=id}). The
     * list itself is checked where it matters (cardShows): in the shared test database a group's list holds
     * other test classes' tasks too, and which page this one lands on is not what this test is about.
     */
    private void openTask(String namePrefix) {
        String number = namePrefix.substring(namePrefix.indexOf(" · ") + 3);
        String id = taskService.createTaskQuery().processInstanceBusinessKey(number).list().stream()
                .filter(t -> t.getName().startsWith(namePrefix)).findFirst().orElseThrow().getId();
        waitUntil(d -> d.getCurrentUrl().contains("filter="));
        driver.get(driver.getCurrentUrl().replaceAll("&task=[^&]*", "") + "&task=" + id);
        waitUntil(d -> d.findElements(By.xpath("//*[contains(@class,'task-card')]//h2[contains(@class,'task')]"
                + "[starts-with(normalize-space(),'" + namePrefix + "')]")).size() > 0);
        // The case file (卷宗) is the first tab; the form is one click away.
        click(By.xpath("//ul[contains(@class,'nav-tabs')]/li/a[normalize-space()='表单']"));
        // The Camunda Form is rendered once its variables are loaded.
        waitFor(By.cssSelector("[cam-tasklist-form-camunda] .fjs-form"));
        screenshot("task-" + namePrefix.replaceAll("[^A-Za-z0-9-]", ""));
        assertVisible(namePrefix, "完成");
    }

    private void claim() {
        click(By.cssSelector("button.claim"));
        waitUntil(d -> d.findElements(By.cssSelector("button.claim")).isEmpty());
    }

    /** Completes in the UI, then waits until the engine no longer has that task of the item. */
    private void completeAndWaitUntilDone(String number, String taskKey) {
        screenshot("before-complete-" + taskKey);
        By complete = By.xpath("//div[contains(@class,'form-actions')]/button[contains(@class,'btn-primary')]");
        assertThat(waitFor(complete).getText()).isEqualTo("完成");
        click(complete);
        waitUntil(d -> openTasks(number, taskKey).isEmpty());
        screenshot("after-complete-" + taskKey);
    }

    private List<Task> openTasks(String number, String taskKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey(taskKey).list();
    }

    /**
     * Tasklist keeps the chosen sorting in the URL (as its sorting menu writes it); the list it shows must be
     * the engine's list for that filter and sorting, and the engine's list must really be in that order.
     */
    private void sortingIsTheEnginesSorting(String filterName, String sortBy, String sortOrder) {
        Http http = new Http(port).as("c03-staff");
        String filterId = null;
        for (JsonNode f : http.get("/engine-rest/filter?resourceType=Task&maxResults=100").json()) {
            if (f.path("name").asText().equals(filterName)) {
                filterId = f.path("id").asText();
            }
        }
        String sorting = "[{\"sortBy\":\"" + sortBy + "\",\"sortOrder\":\"" + sortOrder + "\"}]";
        driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?filter=" + filterId
                + "&sorting=" + URLEncoder.encode(sorting, StandardCharsets.UTF_8));
        waitFor(By.cssSelector(".tasks-list li.task"));
        String label = "dueDate".equals(sortBy) ? "到期日" : "优先级";
        waitUntil(d -> d.findElement(By.cssSelector(".sort-by")).getText().contains(label));

        Http.Response expected = http.postJson("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15",
                Map.of("sorting", List.of(Map.of("sortBy", sortBy, "sortOrder", sortOrder))));
        List<String> engineIds = new ArrayList<>();
        List<String> values = new ArrayList<>();
        expected.json().forEach(t -> {
            engineIds.add(t.path("id").asText());
            values.add(t.path("dueDate".equals(sortBy) ? "due" : "priority").asText());
        });
        waitUntil(d -> shownTaskIds().equals(engineIds));
        screenshot("sorted-" + sortBy + "-" + sortOrder);
        List<String> present = values.stream().filter(v -> !v.isEmpty() && !"null".equals(v)).toList();
        if ("dueDate".equals(sortBy)) {
            // ISO timestamps with the same offset sort as strings; tasks without a due date come last.
            assertThat(present).isSorted();
            assertThat(values.subList(0, present.size())).isEqualTo(present);
        } else {
            List<Integer> priorities = present.stream().map(Integer::valueOf).toList();
            assertThat(priorities).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }
    }

    private List<String> shownTaskIds() {
        List<String> ids = new ArrayList<>();
        for (WebElement link : driver.findElements(By.cssSelector(".tasks-list li.task h4.task a"))) {
            String href = link.getAttribute("href");
            int at = href == null ? -1 : href.indexOf("task=");
            if (at >= 0) {
                ids.add(href.substring(at + 5).replaceAll("[&].*$", ""));
            }
        }
        return ids;
    }

    // --- form-js fields, found by their Chinese label ---

    private WebElement field(String label) {
        By by = By.xpath("//*[contains(@class,'fjs-form-field-label')][normalize-space(text())='" + label + "']"
                + "/ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' fjs-form-field ')][1]");
        waitFor(by);
        List<WebElement> editable = driver.findElements(by).stream()
                .filter(f -> !f.findElements(By.cssSelector("input:not([disabled]), textarea:not([disabled])")).isEmpty())
                .toList();
        assertThat(editable).as("an editable form field labelled %s", label).isNotEmpty();
        return editable.get(editable.size() - 1);
    }

    private void type(String label, String text) {
        WebElement input = field(label).findElement(By.cssSelector("input:not([disabled]), textarea:not([disabled])"));
        centred(input).clear();
        input.sendKeys(text);
    }

    private void select(String label, String optionLabel) {
        WebElement field = field(label);
        centred(field.findElement(By.cssSelector(".fjs-input-group"))).click();
        // A searchable select's list may be long (everyone who may hold a duty): narrow it as a user would.
        field.findElements(By.cssSelector("input.fjs-input")).stream().findFirst().ifPresent(search -> {
            search.clear();
            search.sendKeys(optionLabel);
        });
        WebElement item = new WebDriverWait(driver, TIMEOUT).until(d -> field.findElements(By.cssSelector(".fjs-dropdownlist-item"))
                .stream().filter(e -> e.getText().trim().equals(optionLabel)).findFirst().orElse(null));
        centred(item).click();
        // A plain select shows the choice in .fjs-select-display, a searchable one in its search input.
        waitUntil(d -> field.findElements(By.cssSelector(".fjs-select-display")).stream()
                        .anyMatch(e -> e.getText().trim().equals(optionLabel))
                || field.findElements(By.cssSelector("input.fjs-input")).stream()
                        .anyMatch(e -> optionLabel.equals(e.getDomProperty("value"))));
    }

    private void radio(String label, String optionLabel) {
        WebElement field = field(label);
        WebElement option = field.findElements(By.cssSelector("label")).stream()
                .filter(l -> l.getText().trim().equals(optionLabel)).findFirst()
                .orElseThrow(() -> new AssertionError("no option " + optionLabel + " in " + field.getText()));
        centred(option).click();
        waitUntil(d -> field.findElements(By.cssSelector("input[type='radio']")).stream().anyMatch(WebElement::isSelected));
    }

    /** Tasklist's fixed footer covers the bottom of the form column: bring the element to the middle first. */
    private static WebElement centred(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        return element;
    }

    private WebElement checkbox(String label) {
        return field(label).findElement(By.cssSelector("input[type='checkbox']"));
    }

    /**
     * The Chinese label of an option value, from our own form file, so the test follows the forms; for a
     * list the form only names (valuesKey: reference data such as closure outcomes), from the reference table.
     */
    private String option(String form, String key, String value) {
        try (InputStream in = TasklistBrowserTest.class.getClassLoader().getResourceAsStream("forms/" + form + ".form")) {
            JsonNode found = find(JSON.readTree(in), key);
            assertThat(found).as("field %s in %s.form", key, form).isNotNull();
            if (found.has("valuesKey")) {
                for (ReferenceData.Kind kind : ReferenceData.Kind.values()) {
                    String name = reference.active(kind).get(value);
                    if (name != null) {
                        return name;
                    }
                }
            }
            for (JsonNode option : found.path("values")) {
                if (option.path("value").asText().equals(value)) {
                    return option.path("label").asText();
                }
            }
            throw new AssertionError("no option " + value + " for " + key + " in " + form + ".form");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The label the app offers for a value in a task's option list (OrgOptions), read from the task itself. */
    private String offered(String number, String taskKey, String list, String value) {
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey(number).taskDefinitionKey(taskKey)
                .singleResult().getId();
        try {
            for (JsonNode option : JSON.readTree(String.valueOf(taskService.getVariableLocal(taskId, list)))) {
                if (option.path("value").asText().equals(value)) {
                    return option.path("label").asText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError(value + " is not offered in " + list + " of " + taskKey);
    }

    private static JsonNode find(JsonNode node, String key) {
        if (key.equals(node.path("key").asText()) && !node.path("disabled").asBoolean()) {
            return node;
        }
        for (JsonNode child : node.path("components")) {
            JsonNode found = find(child, key);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    // --- waits, checks and artifacts ---

    private static WebElement waitFor(By by) {
        return new WebDriverWait(driver, TIMEOUT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Finds and clicks in one attempt, again when Angular re-rendered the element in between. */
    private static void click(By by) {
        new WebDriverWait(driver, TIMEOUT)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(ElementClickInterceptedException.class)
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
                    if (element == null) {
                        return false;
                    }
                    // Tasklist's fixed footer covers the bottom of a long form's column.
                    ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
                    element.click();
                    return true;
                });
    }

    private static void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, TIMEOUT).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private static void assertVisible(String... texts) {
        for (String text : texts) {
            waitUntil(d -> d.findElement(By.tagName("body")).getText().contains(text));
        }
    }

    private static void assertNoCommunityEditionBanner() {
        assertThat(driver.findElements(By.cssSelector(".ce-eol-banner")).stream().noneMatch(WebElement::isDisplayed))
                .as("the 'migrate to Camunda 8' banner is hidden").isTrue();
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("Camunda 8");
    }

    private static void screenshot(String name) {
        try {
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(ARTIFACTS.resolve(String.format("%02d-%s.png", shot.incrementAndGet(), name)), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a step; when it fails, keeps a screenshot and the page's HTML next to the others. */
    private static void step(String name, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | AssertionError e) {
            String slug = "FAILED-" + name.replaceAll("[^A-Za-z0-9]+", "-");
            screenshot(slug);
            try {
                Files.writeString(ARTIFACTS.resolve(slug + ".html"), driver.getPageSource());
            } catch (IOException io) {
                e.addSuppressed(io);
            }
            throw e;
        }
    }
}
