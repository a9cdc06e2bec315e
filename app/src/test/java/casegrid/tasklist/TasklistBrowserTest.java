package casegrid.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.reference.ReferenceData;
import casegrid.support.CasegridTest;
import casegrid.support.HeadlessChromium;
import casegrid.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist as a caseworker uses it, in Debian's headless Chromium with a Chinese browser language:
 * an item reported through the API is graded, planned, resolved, requested for write-off and
 * approved in Tasklist, by the people the process names, until the item is CLOSED. One browser for
 * the class; each user logs in and out through the UI. Every step leaves a screenshot
 * ({@code target/screenshots/tasklist-NN-*.png}) and checks the Chinese the user sees.
 *
 * <p>Selectors come from the 7.24 webjar's templates (login form, {@code .task-filters},
 * {@code .tasks-list}, {@code button.claim}, the complete button) and form-js's classes
 * ({@code .fjs-form-field}, {@code .fjs-form-field-label}, {@code .fjs-dropdownlist-item}); form
 * fields are found by their Chinese label, option labels are read from our own .form files.
 */
@CasegridTest
class TasklistBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger shot = new AtomicInteger();

    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    @LocalServerPort int port;
    @Autowired TaskService taskService;
    @Autowired ReferenceData reference;

    @Test
    void anItemGoesFromIntakeToClosedInTasklist() {
        String number = intake();

        step("c03-staff grades it", () -> {
            login("c03-staff");
            browser.assertVisible("任务", "本组待办", "我的待办");
            openFilter("本组待办");
            // The item columns, before grading with the suggested level.
            List<String> columns = List.of("编号", number, "风险等级", "中风险（系统建议）", "社区", "福寿社区", "事项");
            cardShows("研判定级 · " + number, columns);
            openTask("研判定级 · " + number);
            screenshot("grade-task");
            browser.assertVisible("研判定级 · " + number, "认领", "事项信息", "风险等级");
            browser.claim();
            browser.select("风险等级", option("grade", "riskLevel", "MEDIUM"));
            // Not fixable on the spot: the item goes to planning (the box stays unticked, as a user leaves it).
            assertThat(browser.checkbox("能立即整改").isSelected()).isFalse();
            screenshot("grade-filled");
            completeAndWaitUntilDone(number, "Task_Grade");
            browser.signOut();
        });

        step("center1 plans it", () -> {
            login("center1");
            openFilter("本组待办");
            openTask("制定一事一策 · " + number);
            browser.claim();
            // Units and people are picked from the lists the app set on the task, labelled by name.
            browser.select("责任单位", browser.offered(number, "Task_Plan", "unitOptions", "community-C03"));
            browser.select("责任领导", browser.offered(number, "Task_Plan", "leaderOptions", "c03-leader"));
            browser.select("摸排责任人", browser.offered(number, "Task_Plan", "personOptions", "c03-grid1"));
            browser.select("化解责任人", browser.offered(number, "Task_Plan", "personOptions", "c03-staff"));
            browser.select("稳控责任人", browser.offered(number, "Task_Plan", "personOptions", "c03-grid2"));
            browser.centred(browser.field("调度责任人").findElement(By.cssSelector(".fjs-input-group"))).click();
            screenshot("plan-people-offered");
            browser.select("调度责任人", browser.offered(number, "Task_Plan", "personOptions", "center1"));
            browser.type("化解措施", "组织双方调解，物业配合维修漏水管道。");
            screenshot("plan-filled");
            // The same form on a phone: the selects stack and stay usable.
            browser.resize(HeadlessChromium.PHONE);
            browser.centred(browser.field("责任领导").findElement(By.cssSelector(".fjs-input-group")));
            screenshot("plan-filled-phone");
            browser.resize(HeadlessChromium.DESKTOP);
            browser.assertVisible("制定一事一策 · " + number, "责任单位", "化解措施");
            completeAndWaitUntilDone(number, "Task_Plan");
            browser.signOut();
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
            browser.radio("处置结果", option("resolve", "resolutionOutcome", "RESOLVED"));
            browser.type("进展情况", "双方签订调解协议，漏水已修复。");
            screenshot("resolve-filled");
            completeAndWaitUntilDone(number, "Task_Resolve");
        });

        step("c03-staff requests the write-off", () -> {
            openFilter("本组待办");
            openTask("申请销号 · " + number);
            browser.claim();
            browser.select("化解结果", option("request-closure", "closureOutcome", "CLAIM_RESOLVED"));
            browser.type("化解结果和佐证材料说明", "调解协议及维修照片已存档。");
            browser.type("无佐证材料的原因", "纸质调解协议在社区存档。");
            screenshot("request-closure-filled");
            completeAndWaitUntilDone(number, "Task_RequestClosure");
            browser.signOut();
        });

        step("c03-leader approves the write-off", () -> {
            login("c03-leader");
            openFilter("本组待办");
            openTask("审批销号 · " + number);
            browser.claim();
            browser.radio("审批结论", option("approve-closure", "approved", "true"));
            browser.type("审批意见", "同意销号。");
            screenshot("approve-closure-filled");
            completeAndWaitUntilDone(number, "Task_ApproveClosure");
            browser.signOut();
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
        browser.open("/camunda/app/tasklist/");
        browser.waitFor(By.cssSelector("input[ng-model='username']"));
        screenshot("login-" + user);
        browser.assertVisible("登录");
        assertNoCommunityEditionBanner();
        browser.signIn(user);
        browser.waitFor(By.cssSelector(".task-filters .item"));
        assertNoCommunityEditionBanner();
    }

    private void openFilter(String name) {
        // The link also holds the (hidden) task counter: match its own text only.
        String link = "//h4[contains(@class,'name')]/a[normalize-space(text())='" + name + "']";
        browser.click(By.xpath("//*[contains(@class,'task-filters')]//div[contains(@class,'task-filter')]" + link));
        browser.waitFor(By.xpath("//*[contains(@class,'task-filters')]//div[contains(@class,'task-filter') and contains(@class,'active')]" + link));
    }

    private WebElement taskCard(String namePrefix) {
        return browser.waitFor(By.xpath(taskCardXpath(namePrefix)));
    }

    /** A card shows the first two columns; the others once it is expanded (its ⌄ toggle). */
    private void cardShows(String namePrefix, List<String> texts) {
        taskCard(namePrefix);
        String details = taskCardXpath(namePrefix) + "//div[contains(@class,'task-card-details')]";
        if (!browser.driver().findElement(By.xpath(details)).getAttribute("class").contains("expanded")) {
            browser.click(By.xpath(details + "/div[contains(@class,'shutter')]/a"));
        }
        browser.waitUntil(d -> texts.stream().allMatch(taskCard(namePrefix).getText()::contains));
        screenshot("card-" + namePrefix.replaceAll("[^A-Za-z0-9-]", ""));
    }

    private static String taskCardXpath(String namePrefix) {
        return "//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
                + "[.//h4[contains(@class,'task')]/a[starts-with(normalize-space(),'" + namePrefix + "')]]";
    }

    /** Opens the task by its Tasklist address (see {@link HeadlessChromium#openTask}), then its form. */
    private void openTask(String namePrefix) {
        browser.waitUntil(d -> d.getCurrentUrl().contains("filter="));
        browser.openTask(namePrefix);
        // The case file (卷宗) is the first tab; the form is one click away.
        browser.tab("表单");
        screenshot("task-" + namePrefix.replaceAll("[^A-Za-z0-9-]", ""));
        browser.assertVisible(namePrefix, "完成");
    }

    /** Completes in the UI, then waits until the engine no longer has that task of the item. */
    private void completeAndWaitUntilDone(String number, String taskKey) {
        screenshot("before-complete-" + taskKey);
        browser.complete();
        browser.waitUntil(d -> openTasks(number, taskKey).isEmpty());
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
        browser.driver().get(browser.url("/camunda/app/tasklist/default/#/?filter=" + filterId
                + "&sorting=" + URLEncoder.encode(sorting, StandardCharsets.UTF_8)));
        browser.waitFor(By.cssSelector(".tasks-list li.task"));
        String label = "dueDate".equals(sortBy) ? "到期日" : "优先级";
        browser.waitUntil(d -> d.findElement(By.cssSelector(".sort-by")).getText().contains(label));

        Http.Response expected = http.postJson("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15",
                Map.of("sorting", List.of(Map.of("sortBy", sortBy, "sortOrder", sortOrder))));
        List<String> engineIds = new ArrayList<>();
        List<String> values = new ArrayList<>();
        expected.json().forEach(t -> {
            engineIds.add(t.path("id").asText());
            values.add(t.path("dueDate".equals(sortBy) ? "due" : "priority").asText());
        });
        browser.waitUntil(d -> shownTaskIds().equals(engineIds));
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
        for (WebElement link : browser.driver().findElements(By.cssSelector(".tasks-list li.task h4.task a"))) {
            String href = link.getAttribute("href");
            int at = href == null ? -1 : href.indexOf("task=");
            if (at >= 0) {
                ids.add(href.substring(at + 5).replaceAll("[&].*$", ""));
            }
        }
        return ids;
    }

    // --- option labels, from the forms ---

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

    // --- checks and screenshots ---

    private static void assertNoCommunityEditionBanner() {
        assertThat(browser.driver().findElements(By.cssSelector(".ce-eol-banner")).stream().noneMatch(WebElement::isDisplayed))
                .as("the 'migrate to Camunda 8' banner is hidden").isTrue();
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).doesNotContain("Camunda 8");
    }

    /** Numbered, so the screenshots read as the journey and a second login does not overwrite the first. */
    private static void screenshot(String name) {
        browser.screenshot(String.format("tasklist-%02d-%s", shot.incrementAndGet(), name));
    }

    /** Runs a step; a failure names it (the harness keeps the screenshot and the page). */
    private static void step(String name, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | AssertionError e) {
            e.addSuppressed(new AssertionError("in step: " + name));
            throw e;
        }
    }
}
