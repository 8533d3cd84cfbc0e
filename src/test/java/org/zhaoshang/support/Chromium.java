package org.zhaoshang.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Headless Debian chromium for browser tests, through the system chromedriver (never a downloaded
 * browser). Without them the test is skipped, unless {@code REQUIRE_BROWSER=true} (CI) makes it fail.
 */
public final class Chromium {

    static final File BROWSER = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Chromium() {
    }

    /** A browser set to Chinese, as the district's staff have it. */
    public static WebDriver start() {
        return start("zh-CN,zh");
    }

    /**
     * A phone: Chinese, 390 × 844 CSS pixels at device pixel ratio 3, touch and a mobile user agent (Chromium's own
     * device emulation, as its DevTools "iPhone 12 Pro" preset).
     */
    public static WebDriver startPhone() {
        return startPhone(390);
    }

    /** A phone {@code width} CSS pixels wide (360: the narrowest in common use, 414: the widest). */
    public static WebDriver startPhone(int width) {
        return start("zh-CN,zh", java.util.Map.of(
                "deviceMetrics", java.util.Map.of("width", width, "height", 844, "pixelRatio", 3.0, "mobile", true, "touch", true),
                "userAgent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/17.0 Mobile/15E148 Safari/604.1 wxwork/4.1.22"));
    }

    /** A browser whose preferred languages are {@code languages} (Accept-Language form, e.g. "en-US,en"). */
    public static WebDriver start(String languages) {
        return start(languages, null);
    }

    private static WebDriver start(String languages, java.util.Map<String, Object> mobileEmulation) {
        boolean present = BROWSER.canExecute() && DRIVER.canExecute();
        if (!present && !"true".equalsIgnoreCase(System.getenv("REQUIRE_BROWSER"))) {
            Assumptions.abort("Browser test skipped: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        }
        if (!present) {
            throw new IllegalStateException("REQUIRE_BROWSER=true but /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--lang=" + languages.split(",")[0], "--accept-lang=" + languages);
        // Headless Chromium ignores --lang for navigator.languages; the preference sets them.
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", languages));
        // Network events, read by failedApiCalls: a webapp view that quietly fails one of its calls still renders.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("performance", "ALL"));
        if (mobileEmulation != null) {
            options.setExperimentalOption("mobileEmulation", mobileEmulation);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        return driver;
    }

    /** Logs in through the app's Chinese login page (the session then covers the webapps too). */
    public static void login(WebDriver browser, int port, String user) {
        browser.get("http://localhost:" + port + "/login");
        browser.findElement(org.openqa.selenium.By.name("username")).sendKeys(user);
        browser.findElement(org.openqa.selenium.By.name("password")).sendKeys("demo");
        browser.findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /**
     * The API calls (engine REST, webapps' API, app API) that answered 4xx or 5xx since the last call of this
     * method, as "status url". Reads the browser's network events, so nothing in the page has to show them.
     */
    public static List<String> failedApiCalls(WebDriver browser) {
        List<String> failed = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if (!"Network.responseReceived".equals(message.path("method").asText())) {
                    continue;
                }
                JsonNode response = message.path("params").path("response");
                String url = response.path("url").asText();
                int status = response.path("status").asInt();
                if (status >= 400 && (url.contains("/camunda/api/") || url.contains("/engine-rest/") || url.contains("/api/"))) {
                    failed.add(status + " " + url);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return failed;
    }

    /** Saves a screenshot under target/screenshots for debugging and the README. */
    public static Path screenshot(WebDriver driver, String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
