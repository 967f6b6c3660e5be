package dev.ticketspace.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven through Debian's chromedriver, both at their fixed paths: Selenium
 * Manager, which would download a driver or a browser, is never asked (that is checked, not hoped).
 */
public final class Browser implements AutoCloseable {
    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Logger SELENIUM_MANAGER = Logger.getLogger("org.openqa.selenium.manager.SeleniumManager");

    private final ChromeDriver driver;
    private final Path profile;

    public Browser() throws Exception {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: apt-get install chromium chromium-driver (.ci/run does)");
            }
        }
        List<LogRecord> managerLog = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                managerLog.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        SELENIUM_MANAGER.setLevel(Level.ALL);
        SELENIUM_MANAGER.addHandler(recorder);
        profile = Files.createTempDirectory("ts-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1100,760", "--user-data-dir=" + profile);
        try {
            driver = new ChromeDriver(service, options);
        } finally {
            SELENIUM_MANAGER.removeHandler(recorder);
        }
        if (!managerLog.isEmpty()) {
            driver.quit();
            throw new IllegalStateException("Selenium Manager was invoked: " + managerLog.get(0).getMessage());
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Polls until the condition holds (elements replaced or not there yet count as "not yet"); fails with
     * the description after the timeout.
     */
    public void await(Duration timeout, String description, Supplier<Boolean> condition) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(25))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .ignoring(JavascriptException.class)
                .withMessage(description)
                .until(d -> condition.get());
    }

    @Override
    public void close() throws Exception {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }
}
