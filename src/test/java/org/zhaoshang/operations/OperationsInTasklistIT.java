package org.zhaoshang.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.review.ReviewProcess;
import org.zhaoshang.review.ReviewService;
import org.zhaoshang.support.Chromium;
import org.zhaoshang.support.EscalationProbe;
import org.zhaoshang.support.IntegrationTest;

/**
 * The operations from inside Tasklist, in Debian's Chromium: 合作交流办's 黄涛 opens a precheck, sees the
 * operation buttons, transfers it to 林雪 in the plugin's dialog, and the task's 办理记录 tab shows it.
 */
@IntegrationTest
class OperationsInTasklistIT {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ReviewService reviews;

    @Test
    void aTransferClickedInTasklist() throws Exception {
        ReviewService.Started started = reviews.registerAndStart(new ProjectRegistration("插件转办测试项目", "测试投资方", "其他", "现代服务",
                new BigDecimal("800"), null, BigDecimal.ZERO, "unit-street-jinzhong", null, false, null, null, null),
                new StaffUser("zhouxiaoyu", "周晓宇", List.of("unit-street-jinzhong")));
        Task precheck = engine.getTaskService().createTaskQuery().processInstanceId(started.processInstanceId())
                .taskDefinitionKey(ReviewProcess.TASK_PRECHECK).singleResult();
        engine.getTaskService().setDueDate(precheck.getId(), EscalationProbe.at("2025-01-03T18:00"));
        engine.getTaskService().claim(precheck.getId(), "huangtao");

        WebDriver browser = Chromium.start();
        try {
            Chromium.login(browser, port, "huangtao");
            browser.get(url("/camunda/app/tasklist/default/#/?task=" + precheck.getId()));

            WebElement transfer = visible(browser, By.cssSelector(".zs-task-operations .zs-op-transfer"));
            assertThat(browser.findElement(By.cssSelector(".zs-task-operations")).getText()).contains("退回", "转办", "委派", "加签", "抄送", "催办");
            assertThat(browser.findElement(By.cssSelector(".zs-work-lists")).getText()).contains("已办", "我发起的", "抄送我的");
            transfer.click();
            WebElement dialog = visible(browser, By.cssSelector(".zs-op-dialog"));
            new WebDriverWait(browser, PATIENCE).until(d -> dialog.findElements(By.cssSelector("select option")).size() > 1);
            new Select(dialog.findElement(By.cssSelector("select"))).selectByValue("linxue");
            dialog.findElement(By.cssSelector("textarea")).sendKeys("请林雪预审");
            Chromium.screenshot(browser, "operations-1-transfer");
            dialog.findElement(By.cssSelector(".zs-op-confirm")).click();
            new WebDriverWait(browser, PATIENCE).until(d ->
                    "linxue".equals(engine.getTaskService().createTaskQuery().taskId(precheck.getId()).singleResult().getAssignee()));

            // After the reload the task's record shows the transfer.
            new WebDriverWait(browser, PATIENCE).until(d -> d.findElements(By.cssSelector(".zs-op-overlay")).isEmpty());
            visible(browser, By.xpath("//a[normalize-space()='办理记录']")).click();
            WebElement record = visible(browser, By.cssSelector(".zs-task-record .zs-record-TRANSFER"));
            assertThat(record.getText()).contains("转办", "黄涛", "林雪", "请林雪预审");
            Chromium.screenshot(browser, "operations-2-record");
        } catch (RuntimeException | AssertionError e) {
            Chromium.screenshot(browser, "operations-failed");
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "screenshots", "operations-failed.html"), browser.getPageSource());
            throw e;
        } finally {
            browser.quit();
        }
        assertThat(Map.of("assignee", engine.getTaskService().createTaskQuery().taskId(precheck.getId()).singleResult().getAssignee()))
                .containsEntry("assignee", "linxue");
    }

    static WebElement visible(WebDriver browser, By by) {
        return new WebDriverWait(browser, PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }
}
