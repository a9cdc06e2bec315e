package casegrid.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import casegrid.tasklist.TasklistFilters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The browser tests' one harness: Debian's headless Chromium in Chinese and in the office's time zone, with a
 * fresh profile, started once per test class against the running app, and the few moves every browser test
 * makes (sign in through Tasklist, open a task by its Tasklist address, fill form-js fields by their Chinese
 * label, wait, screenshot). A failing test leaves {@code FAILED-<test>.png} and {@code .html} beside the
 * screenshots in {@code target/screenshots/}.
 *
 * <pre>{@code
 * @CasegridTest
 * class SomeBrowserTest {
 *     @RegisterExtension
 *     static final HeadlessChromium browser = new HeadlessChromium();
 * }</pre>
 *
 * Missing Chromium skips a browser test on a developer's machine and fails it under CI, which installs it
 * (.ci/run). Selenium Manager never looks for, or downloads, a browser or driver.
 */
public final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {

    public static final Dimension DESKTOP = new Dimension(1366, 900);
    public static final Dimension PHONE = new Dimension(390, 844);
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    // Generous: a wait only lasts this long when the test fails anyway.
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChromeDriverService service;
    private WebDriver driver;
    private Path profile;
    private String base;
    private TaskService taskService;
    private FilterService filterService;
    private String user;
    private String openTaskId;
    private String openTaskName;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run the browser test: .ci/run installs chromium and chromium-driver");
        }
        assumeTrue(installed, context.getRequiredTestClass().getSimpleName() + " skipped: /usr/bin/chromium or "
                + "/usr/bin/chromedriver is missing (apt-get install chromium chromium-driver fonts-wqy-microhei)");
        ApplicationContext app = SpringExtension.getApplicationContext(context);
        base = "http://localhost:" + app.getEnvironment().getRequiredProperty("local.server.port");
        taskService = app.getBean(TaskService.class);
        filterService = app.getBean(FilterService.class);
        Files.createDirectories(SCREENSHOTS);

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("casegrid-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                // Tasklist shows times in the browser's zone; the caseworkers' browsers are in China.
                .withEnvironment(Map.of("TZ", "Asia/Shanghai"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--user-data-dir=" + profile,
                "--disable-dev-shm-usage", "--window-size=" + DESKTOP.width + "," + DESKTOP.height, "--lang=zh-CN");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        driver = new ChromeDriver(service, options);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Keeps what the browser showed when the test failed: a screenshot and the page's HTML. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String name = "FAILED-" + context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        try {
            screenshot(name);
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
        } catch (RuntimeException | IOException e) {
            failure.addSuppressed(e);
        }
        throw failure;
    }

    public WebDriver driver() {
        return driver;
    }

    /** The app's address for a path such as {@code /items/QF-…}. */
    public String url(String path) {
        return base + path;
    }

    public void open(String path) {
        driver.get(url(path));
    }

    /** The browser window's size (desktop 1366×900, phone 390×844). */
    public void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** A DevTools protocol command (device emulation, geolocation, network conditions). */
    public void cdp(String command, Map<String, Object> parameters) {
        ((HasCdp) driver).executeCdpCommand(command, parameters);
    }

    /** A phone as the page sees it: 390×844 at double density, touch, a mobile user agent. */
    public void emulatePhone() {
        cdp("Emulation.setDeviceMetricsOverride", Map.of("width", PHONE.width, "height", PHONE.height,
                "deviceScaleFactor", 2, "mobile", true));
        cdp("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        cdp("Emulation.setUserAgentOverride", Map.of("userAgent",
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36",
                "acceptLanguage", "zh-CN,zh"));
    }

    /** Back to the desktop window after {@link #emulatePhone()}. */
    public void emulateDesktop() {
        cdp("Emulation.clearDeviceMetricsOverride", Map.of());
        cdp("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
        resize(DESKTOP);
    }

    /** The browser's own position (navigator.geolocation), allowed for the app without a prompt. */
    public void locateAt(double latitude, double longitude) {
        cdp("Browser.grantPermissions", Map.of("origin", base, "permissions", List.of("geolocation")));
        cdp("Emulation.setGeolocationOverride", Map.of("latitude", latitude, "longitude", longitude, "accuracy", 8));
    }

    public Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    // --- waits and clicks ---

    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, TIMEOUT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void waitUntil(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, TIMEOUT).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** Finds and clicks in one attempt, again when Angular re-rendered the element in between. */
    public void click(By by) {
        new WebDriverWait(driver, TIMEOUT)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(ElementClickInterceptedException.class)
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
                    if (element == null) {
                        return false;
                    }
                    centred(element).click();
                    return true;
                });
    }

    /** Tasklist's fixed footer covers the bottom of the form column: bring the element to the middle first. */
    public WebElement centred(WebElement element) {
        js("arguments[0].scrollIntoView({block: 'center'})", element);
        return element;
    }

    /** Scrolls the element matching {@code css} to the top of the window (for a screenshot of it). */
    public void scrollTo(String css) {
        js("arguments[0].scrollIntoView({block: 'start'})", driver.findElement(By.cssSelector(css)));
    }

    public void assertVisible(String... texts) {
        for (String text : texts) {
            waitUntil(d -> d.findElement(By.tagName("body")).getText().contains(text));
        }
    }

    /** The image matching {@code css} was fetched and decoded (a refused one leaves naturalWidth at 0). */
    public boolean imageLoaded(String css) {
        Object width = js("const img = document.querySelector(arguments[0]);"
                + " return img && img.complete ? img.naturalWidth : 0;", css);
        return width instanceof Number n && n.intValue() > 0;
    }

    /** {@code target/screenshots/<name>.png} */
    public void screenshot(String name) {
        save(name + ".png", ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** {@code <name>-desktop.png} and {@code <name>-phone.png}, each scrolled to {@code css}; back at desktop size. */
    public void screenshotBothSizes(String name, String css) {
        screenshotBothSizes(name, () -> scrollTo(css));
    }

    /** {@code <name>-desktop.png} and {@code <name>-phone.png}, each after {@code bringIntoView}; back at desktop size. */
    public void screenshotBothSizes(String name, Runnable bringIntoView) {
        bringIntoView.run();
        screenshot(name + "-desktop");
        resize(PHONE);
        bringIntoView.run();
        screenshot(name + "-phone");
        resize(DESKTOP);
    }

    /** A file beside the screenshots (a printed PDF, a photo to upload). */
    public Path save(String file, byte[] content) {
        try {
            return Files.write(SCREENSHOTS.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- Tasklist ---

    /** Signs in on Tasklist's login page; the session is what every page of the app reads too. */
    public void signIn(String user) {
        this.user = user;
        open("/camunda/app/tasklist/");
        waitFor(By.cssSelector("input[ng-model='username']"));
        // Right after signing out, the login view may render again while it is typed into: typed until both hold.
        waitUntil(d -> {
            WebElement name = d.findElement(By.cssSelector("input[ng-model='username']"));
            WebElement password = d.findElement(By.cssSelector("input[ng-model='password']"));
            name.clear();
            name.sendKeys(user);
            password.clear();
            password.sendKeys(user);
            return user.equals(name.getDomProperty("value")) && user.equals(password.getDomProperty("value"));
        });
        driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        waitUntil(d -> d.findElements(By.cssSelector("form[name='signinForm']")).isEmpty()
                && !d.findElements(By.cssSelector(".task-filters")).isEmpty());
    }

    /** Signs out through Tasklist's account menu. */
    public void signOut() {
        click(By.cssSelector("li.account .dropdown-toggle"));
        click(By.cssSelector("li.logout a"));
        waitFor(By.cssSelector("input[ng-model='username']"));
        user = null;
    }

    /** One browser for several users: signs in as {@code user} unless that user is signed in already. */
    public void signInAs(String user) {
        if (user.equals(this.user)) {
            return;
        }
        if (this.user != null) {
            open("/camunda/app/tasklist/");
            signOut();
        }
        signIn(user);
    }

    /**
     * Opens the item's task whose name starts with {@code namePrefix} ("研判定级 · QF-…") the way a link to it
     * does: Tasklist's own address, {@code #/?filter=<id>&task=<id>}, in the filter shown now or else 本组待办.
     * Not by clicking it in the list: in the shared test database a group's list holds other test classes'
     * tasks, and which page this one lands on is not what a test is about. Its first tab is the case file (卷宗).
     */
    public void openTask(String namePrefix) {
        String number = namePrefix.substring(namePrefix.indexOf(" · ") + 3);
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey(number).list().stream()
                .filter(t -> t.getName().startsWith(namePrefix)).map(Task::getId).findFirst()
                .orElseThrow(() -> new AssertionError("no open task " + namePrefix));
        String current = driver.getCurrentUrl();
        String filter = current.contains("filter=") ? current.replaceAll(".*[?&]filter=([^&]*).*", "$1")
                : filterService.createFilterQuery().filterName(TasklistFilters.GROUP_TASKS).list().stream()
                        .filter(f -> f.getOwner() == null).findFirst().orElseThrow().getId();
        openTaskId = taskId;
        openTaskName = namePrefix;
        show(filter);
    }

    private void show(String filter) {
        open("/camunda/app/tasklist/default/#/?filter=" + filter + "&task=" + openTaskId);
        waitUntil(d -> !d.findElements(By.xpath("//*[contains(@class,'task-card')]//h2[contains(@class,'task')]"
                + "[starts-with(normalize-space(),'" + openTaskName + "')]")).isEmpty());
        assertThat(waitFor(By.cssSelector(".tabbed-content ul.nav-tabs li.active a")).getText().trim())
                .as("the task's first tab").isEqualTo("卷宗");
    }

    /** Shows one of the open task's tabs: 卷宗 (the case file) or 表单 (the form, once it is rendered). */
    public void tab(String name) {
        click(By.xpath("//ul[contains(@class,'nav-tabs')]/li/a[normalize-space()='" + name + "']"));
        if ("表单".equals(name)) {
            waitFor(By.cssSelector("[cam-tasklist-form-camunda] .fjs-form"));
        }
    }

    /**
     * Claims the open task and shows its form again. Claimed, the task leaves 本组待办 (unassigned tasks), and
     * Tasklist, refreshing that list, may close it under the user's hands: it is opened in their 我的待办.
     */
    public void claim() {
        click(By.cssSelector("button.claim"));
        waitUntil(d -> user.equals(taskService.createTaskQuery().taskId(openTaskId).singleResult().getAssignee()));
        show(filterService.createFilterQuery().filterName(TasklistFilters.MY_TASKS).filterOwner(user).singleResult().getId());
        tab("表单");
    }

    /** Clicks 完成 on the open task's form and waits until the engine has completed the task. */
    public void complete() {
        String refusal = clickComplete();
        assertThat(refusal).as("the server refused to complete %s", openTaskId).isNull();
    }

    /** A refused completion: the message chinese-forms.js placed by the field(s), and Tasklist's own red notice. */
    public record Refusal(String inForm, String notice) {}

    /**
     * Clicks 完成 on the open task's form, expecting the server to refuse it. Tasklist's notice must speak the
     * form's labels: no variable name before a full-width colon ("noEvidenceReason：…"), as chinese-forms.js makes it.
     * {@code whileNoticeShown} runs before the notice is closed (to screenshot it).
     */
    public Refusal completeRefused(Runnable whileNoticeShown) {
        String inForm = clickComplete();
        assertThat(inForm).as("a refusal shown in the form").isNotNull();
        assertThat(taskService.createTaskQuery().taskId(openTaskId).count()).as("the task is still open").isOne();
        By notices = By.cssSelector(".page-notifications .alert");
        String[] notice = new String[1];
        waitUntil(d -> {
            notice[0] = d.findElements(notices).stream().map(WebElement::getText).filter(text -> !text.isBlank())
                    .findFirst().orElse(null);
            return notice[0] != null;
        });
        assertThat(notice[0]).as("Tasklist's notice of the refusal").doesNotContainPattern("[A-Za-z][\\w.\\[\\]]*：");
        whileNoticeShown.run();
        // The notice stays at the bottom, over the 完成 button: closed as a user does.
        driver.findElements(By.cssSelector(".page-notifications .alert button.close:not(.ng-hide)")).forEach(WebElement::click);
        waitUntil(d -> d.findElements(notices).isEmpty());
        return new Refusal(inForm, notice[0]);
    }

    /** null once the task is completed, or the refusal that chinese-forms.js placed in the form. */
    private String clickComplete() {
        By button = By.xpath("//div[contains(@class,'form-actions')]/button[contains(@class,'btn-primary')]");
        assertThat(waitFor(button).getText()).isEqualTo("完成");
        click(button);
        String[] refusal = new String[1];
        waitUntil(d -> {
            refusal[0] = d.findElements(By.cssSelector(".cg-server-error")).stream().map(WebElement::getText)
                    .filter(text -> !text.isBlank()).findFirst().orElse(null);
            return refusal[0] != null || taskService.createTaskQuery().taskId(openTaskId).count() == 0;
        });
        return refusal[0];
    }

    /** The label the app offers for a value in the open task's option list (OrgOptions), read from the task. */
    public String offered(String number, String taskKey, String list, String value) {
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

    // --- form-js fields, found by their Chinese label ---

    /** The editable form-js field labelled {@code label}. */
    public WebElement field(String label) {
        By by = By.xpath("//*[contains(@class,'fjs-form-field-label')][normalize-space(text())='" + label + "']"
                + "/ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' fjs-form-field ')][1]");
        waitFor(by);
        List<WebElement> editable = driver.findElements(by).stream()
                .filter(f -> !f.findElements(By.cssSelector("input:not([disabled]), textarea:not([disabled])")).isEmpty())
                .toList();
        assertThat(editable).as("an editable form field labelled %s", label).isNotEmpty();
        return editable.get(editable.size() - 1);
    }

    public void type(String label, String text) {
        WebElement input = field(label).findElement(By.cssSelector("input:not([disabled]), textarea:not([disabled])"));
        centred(input).clear();
        input.sendKeys(text);
    }

    public void select(String label, String optionLabel) {
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

    /** Picks one option of a form-js tag list, searching for it as a user types part of a name ("姓名（单位）"). */
    public void pick(String label, String optionLabel) {
        WebElement field = field(label);
        WebElement search = centred(field.findElement(By.cssSelector("input")));
        search.click();
        search.sendKeys(optionLabel.substring(0, optionLabel.indexOf('（')));
        WebElement option = new WebDriverWait(driver, TIMEOUT).until(d -> field.findElements(By.cssSelector(".fjs-dropdownlist-item"))
                .stream().filter(e -> e.getText().trim().equals(optionLabel)).findFirst().orElse(null));
        centred(option).click();
        waitUntil(d -> field.findElements(By.cssSelector(".fjs-taglist-tag")).stream()
                .anyMatch(e -> e.getText().contains(optionLabel)));
    }

    public void radio(String label, String optionLabel) {
        WebElement field = field(label);
        WebElement option = field.findElements(By.cssSelector("label")).stream()
                .filter(l -> l.getText().trim().equals(optionLabel)).findFirst()
                .orElseThrow(() -> new AssertionError("no option " + optionLabel + " in " + field.getText()));
        centred(option).click();
        waitUntil(d -> field.findElements(By.cssSelector("input[type='radio']")).stream().anyMatch(WebElement::isSelected));
    }

    public WebElement checkbox(String label) {
        return field(label).findElement(By.cssSelector("input[type='checkbox']"));
    }
}
