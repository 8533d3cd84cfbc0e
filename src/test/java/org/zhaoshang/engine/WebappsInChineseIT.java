package org.zhaoshang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zhaoshang.support.Chromium;
import org.zhaoshang.support.IntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Cockpit and Admin in Chinese for a Chinese browser, with the product's name and no migration banner;
 * Tasklist in English for a browser that prefers English.
 */
@IntegrationTest
class WebappsInChineseIT {

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    @Test
    void cockpitAndAdminSpeakChineseUnderTheProductsName() throws Exception {
        WebDriver browser = Chromium.start();
        try {
            Chromium.login(browser, port, "admin");
            browser.get(url("/camunda/app/cockpit/"));
            waitForText(browser, label("cockpit", "COCKPIT_PROCESSES"));
            assertThat(browser.getTitle()).startsWith("招商引资项目协同平台 流程监控");
            assertThat(body(browser)).contains(label("cockpit", "COCKPIT_DEPLOYMENTS")).doesNotContain("migrate to Camunda 8");
            assertThat(browser.findElement(By.id("footer-timezone")).getText()).contains("Asia/Shanghai");
            Chromium.screenshot(browser, "cockpit-zh");
            // Dates in Shanghai time in a browser running in UTC: the models' deployment as the repository lists it.
            java.util.Date deployed = engine.getRepositoryService().createDeploymentQuery().deploymentName("zhaoshang-models")
                    .orderByDeploymentTime().desc().list().get(0).getDeploymentTime();
            browser.get(url("/camunda/app/cockpit/default/#/repository"));
            waitForText(browser, java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")
                    .format(deployed.toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai"))));

            browser.get(url("/camunda/app/admin/"));
            waitForText(browser, label("admin", "USERS_USERS"));
            assertThat(browser.getTitle()).startsWith("招商引资项目协同平台 系统管理");
            assertThat(body(browser)).contains(label("admin", "GROUPS_GROUPS"));
            Chromium.screenshot(browser, "admin-zh");
        } catch (RuntimeException | AssertionError e) {
            Chromium.screenshot(browser, "webapps-failed");
            throw e;
        } finally {
            browser.quit();
        }
    }

    @Test
    void englishStaysAvailable() {
        WebDriver browser = Chromium.start("en-US,en");
        try {
            Chromium.login(browser, port, "caoli");
            browser.get(url("/camunda/app/tasklist/"));
            visible(browser, By.xpath("//*[normalize-space()='Create task']"));
            // The saved filters keep their Chinese names: they are the district's data, not the UI's.
            waitForText(browser, "本部门待办");
        } finally {
            browser.quit();
        }
    }

    static String label(String app, String key) throws Exception {
        JsonNode zh = new ObjectMapper().readTree(WebappTranslationsTest.text(app, "locales/zh.json"));
        return zh.get("labels").get(key).asText().trim();
    }

    static WebElement visible(WebDriver browser, By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    static void waitForText(WebDriver browser, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> body(d).contains(text));
    }

    static String body(WebDriver browser) {
        return browser.findElement(By.tagName("body")).getText();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }
}
