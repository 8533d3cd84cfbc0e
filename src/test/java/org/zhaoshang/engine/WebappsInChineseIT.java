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
        translationsOnH2Only();
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

    /**
     * The views administrators and reviewers open, under the engine's result limit (queryMaxResultsLimit 2000,
     * no list without a page size): every call the webapps make answers below 400. A view whose list call
     * failed would still render its frame, so the browser's network events are read, not the page.
     */
    @Test
    void everyViewOfTheWebappsWorksUnderTheResultLimit() throws Exception {
        String key = "it-webapp-views";
        if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
            engine.getRepositoryService().createDeployment().name(key).addModelInstance(key + ".bpmn",
                    org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(key).name("视图测试流程").camundaHistoryTimeToLive(1)
                            .startEvent().userTask("UserTask_Look").name("查看").camundaCandidateGroups(org.zhaoshang.identity.GroupIds.HUANBAO)
                            .endEvent().done()).deploy();
        }
        var instance = engine.getRuntimeService().startProcessInstanceByKey(key);
        String definition = instance.getProcessDefinitionId();
        String cockpit = "/camunda/app/cockpit/default/#";
        String admin = "/camunda/app/admin/default/#";
        java.util.List<String> views = java.util.List.of(cockpit + "/dashboard", cockpit + "/processes",
                cockpit + "/process-definition/" + definition + "/runtime", cockpit + "/process-instance/" + instance.getId() + "/runtime",
                cockpit + "/decisions", cockpit + "/tasks", cockpit + "/repository", cockpit + "/batch",
                admin + "/users", admin + "/users/caoli?tab=groups", admin + "/groups", admin + "/group/dept-huanbao?tab=users",
                admin + "/authorization?resource=0", admin + "/system?section=system-settings-general",
                "/camunda/app/tasklist/default/#/");
        WebDriver browser = Chromium.start();
        java.util.Map<String, java.util.List<String>> failed = new java.util.LinkedHashMap<>();
        try {
            Chromium.login(browser, port, "admin");
            Chromium.failedApiCalls(browser);
            for (String view : views) {
                browser.get(url(view));
                new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> body(d).contains("招商引资") || body(d).length() > 200);
                Thread.sleep(1_500); // the view's own calls (lists, counts, statistics) follow its frame
                java.util.List<String> calls = Chromium.failedApiCalls(browser);
                if (!calls.isEmpty()) {
                    failed.put(view, calls);
                }
            }
        } finally {
            browser.quit();
            engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test");
        }
        assertThat(failed).isEmpty();
    }

    @Test
    void englishStaysAvailable() {
        translationsOnH2Only();
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

    /**
     * The translations are static files the browser reads; the database plays no part. Checked in the H2 pass only (the
     * result-limit sweep, whose lists are database queries, runs in both), to keep {@code ./mvnw verify} under 20 minutes.
     */
    static void translationsOnH2Only() {
        org.junit.jupiter.api.Assumptions.assumeFalse(org.zhaoshang.support.TestDatabase.isPostgres(), "translations run in the H2 pass");
    }
}
