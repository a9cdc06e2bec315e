package casegrid.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for the browser tests, in Chinese and in the office's time zone, with a
 * fresh profile. Missing Chromium skips a browser test on a developer's machine and fails it under CI,
 * which installs it (.ci/run). Selenium Manager never looks for, or downloads, a browser or driver.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriverService service;
    private final WebDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriverService service, WebDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** {@code what} names the test in the skip message; {@code driverLog} may be null. */
    public static HeadlessChromium start(String what, int width, int height, Path driverLog) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run the browser test: .ci/run installs chromium and chromium-driver");
        }
        assumeTrue(installed, what + " skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing "
                + "(apt-get install chromium chromium-driver fonts-wqy-microhei)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("casegrid-chromium-");
        ChromeDriverService.Builder builder = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                // Tasklist shows times in the browser's zone; the caseworkers' browsers are in China.
                .withEnvironment(Map.of("TZ", "Asia/Shanghai"));
        if (driverLog != null) {
            builder.withLogFile(driverLog.toFile());
        }
        ChromeDriverService service = builder.build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--user-data-dir=" + profile,
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--lang=zh-CN");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        return new HeadlessChromium(service, new ChromeDriver(service, options), profile);
    }

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        service.stop();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
