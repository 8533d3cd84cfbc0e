package org.zhaoshang.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.support.Chromium;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.Tasks;

/**
 * The review as its people live it, in Debian's Chromium (a browser in UTC, set to Chinese): the 环保
 * reviewer finds the project in the Chinese Tasklist under 本部门待办, claims it, sees the Camunda Form in
 * Chinese, is refused a veto without a reason (in Chinese) and vetoes with one; the registering officer
 * sees the project 已否决 with the reason; a manager opens the dashboard. Screenshots of every step go to
 * target/screenshots; the form's is also the README's picture (docs/images/tasklist-zh.png, rewritten when the
 * environment has UPDATE_DOCS_SCREENSHOTS=true).
 */
@IntegrationTest
class ReviewInTasklistIT {

    static final StaffUser OFFICER = new StaffUser("zhouxiaoyu", "周晓宇", List.of("unit-street-jinzhong"));
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ReviewService reviews;
    @Autowired
    ProjectService projects;
    @Autowired
    org.zhaoshang.escalation.EscalationService escalations;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aVetoFromTasklistToTheLedgerAndTheDashboard() throws IOException {
        ReviewService.Started started = reviews.registerAndStart(new ProjectRegistration("浏览器否决测试项目", "天津某化工有限公司", "其他", "新能源新材料",
                new BigDecimal("3000"), null, new BigDecimal("20"), "unit-street-jinzhong", null, false, null, null, "浏览器测试"), OFFICER);
        String code = started.projectCode();
        Tasks.completeAs(engine, started.processInstanceId(), ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        Task environment = engine.getTaskService().createTaskQuery().processInstanceId(started.processInstanceId())
                .taskDefinitionKey(ReviewProcess.TASK_ENVIRONMENT).singleResult();
        // First on the department's list (by due date), whatever other tests left open there.
        engine.getTaskService().setDueDate(environment.getId(), org.zhaoshang.support.EscalationProbe.at("2025-01-06T18:00"));

        WebDriver browser = Chromium.start();
        try {
            Chromium.login(browser, port, "caoli");
            browser.get(url("/camunda/app/tasklist/"));
            until(browser, By.xpath("//*[contains(@class,'task-filters')]//h4/a[contains(normalize-space(),'本部门待办')]"));
            assertThat(browser.getTitle()).isEqualTo("招商引资项目协同平台 任务中心");
            assertThat(browser.findElements(By.cssSelector(".ce-eol-banner")).stream().noneMatch(WebElement::isDisplayed))
                    .as("no migration banner for reviewers").isTrue();
            // The card names the project (code and name) and the step, in Chinese.
            By cardOfProject = By.xpath("//li[contains(@class,'task')][.//*[contains(normalize-space(),'" + code + "')]]");
            WebElement card = openFilter(browser, "本部门待办", cardOfProject);
            assertThat(card.getText()).contains("审查环保条件", "浏览器否决测试项目", "项目");
            Chromium.screenshot(browser, "review-1-tasklist");
            card.findElement(By.xpath(".//a[contains(normalize-space(),'审查环保条件')]")).click();

            until(browser, By.xpath("//button[normalize-space()='认领']")).click();
            until(browser, By.xpath("//*[contains(@class,'fjs-form-field')]//label[starts-with(normalize-space(),'审查结论')]"));
            assertThat(pageText(browser)).contains("环保审查", code, "一票否决", "条件、否决理由或需补充的材料", "退回补充材料");
            // The header, the card and the assignee in Chinese order (Camunda writes "given family": "丽 曹").
            new WebDriverWait(browser, PATIENCE).until(d -> pageText(d).contains("曹丽"));
            assertThat(pageText(browser)).doesNotContain("丽 曹");
            // Shanghai time whatever the browser's zone: the task is due at 18:00 (the end of a working day).
            assertThat(dueDatesShown(browser, until(browser, cardOfProject))).containsExactly("2025年1月6日星期一 18:00", "2025年1月6日星期一 18:00");
            assertThat(browser.findElement(By.id("footer-timezone")).getText()).contains("Asia/Shanghai");
            Path form = Chromium.screenshot(browser, "review-2-form");
            if ("true".equals(System.getenv("UPDATE_DOCS_SCREENSHOTS"))) {
                Files.createDirectories(Path.of("docs", "images"));
                Files.copy(form, Path.of("docs", "images", "tasklist-zh.png"), StandardCopyOption.REPLACE_EXISTING);
            }

            label(browser, "否决").click();
            complete(browser);
            WebElement refusal = until(browser, By.xpath("//*[contains(@class,'notifications')]//*[contains(normalize-space(),'否决必须写明理由')]"));
            assertThat(refusal.getText()).contains("否决必须写明理由");
            Chromium.screenshot(browser, "review-3-refused");
            assertThat(projects.find(code).orElseThrow().stage().name()).isEqualTo("UNDER_REVIEW");

            browser.findElement(By.cssSelector(".fjs-form-field textarea")).sendKeys("项目选址位于饮用水水源保护区内");
            complete(browser);
            new WebDriverWait(browser, PATIENCE).until(d -> engine.getTaskService().createTaskQuery().taskId(environment.getId()).count() == 0);
            new WebDriverWait(browser, PATIENCE).until(d -> !pageText(d).contains(code));
            Chromium.screenshot(browser, "review-4-done");
        } catch (RuntimeException | AssertionError e) {
            Chromium.screenshot(browser, "review-failed");
            Files.writeString(Path.of("target", "screenshots", "review-failed.html"), browser.getPageSource());
            throw e;
        } finally {
            browser.quit();
        }
        assertThat(projects.find(code).orElseThrow().stage().name()).isEqualTo("VETOED");

        WebDriver officer = Chromium.start();
        try {
            Chromium.login(officer, port, "zhouxiaoyu");
            officer.get(url("/projects?q=" + code));
            until(officer, By.xpath("//td[contains(normalize-space(),'已否决')]"));
            officer.get(url("/projects/" + code));
            assertThat(pageText(officer)).contains("已否决", "区生态环境局一票否决：项目选址位于饮用水水源保护区内");
            Chromium.screenshot(officer, "review-5-ledger");
        } finally {
            officer.quit();
        }

        WebDriver manager = Chromium.start();
        try {
            Chromium.login(manager, port, "yangmin");
            manager.get(url("/dashboard?process=project-review"));
            until(manager, By.cssSelector(".heat-badge"));
            assertThat(manager.findElement(By.cssSelector("#figures tbody")).getText()).contains("审查环保条件");
            Chromium.screenshot(manager, "review-6-dashboard");
        } finally {
            manager.quit();
        }
    }

    /** Clicks the filter (again, while Tasklist is still rendering its list) until {@code expected} shows. */
    /**
     * A department head's morning on the phone (390 px, touch): the overdue notice's link opens the task in Tasklist
     * after login; he reads the project on the Camunda Form, claims and decides it, and finds it gone from 本部门待办.
     * The page never scrolls sideways; buttons and form options are large enough to tap. Screenshots phone-tasklist-*.png.
     */
    @Test
    void aDepartmentHeadDecidesFromTheOverdueNoticeOnHisPhone() throws IOException {
        phoneChecksOnH2Only();
        ReviewService.Started started = startedReview("手机审批测试项目", "天津某新材料有限公司", "2000");
        String code = started.projectCode();
        Task environment = environmentTask(started);
        engine.getTaskService().setDueDate(environment.getId(), org.zhaoshang.support.EscalationProbe.at("2025-01-05T18:00"));
        // Overdue: level 1 goes to the head of 生态环境局, 冯刚, who may decide the review himself.
        assertThat(escalations.escalate(environment.getId(), 1)).isTrue();
        String link = jdbc.sql("SELECT link FROM mail_outbox WHERE task_id = :t AND channel = 'EMAIL' AND recipient_user_id = 'fenggang'")
                .param("t", environment.getId()).query(String.class).single();
        assertThat(link).endsWith("/camunda/app/tasklist/default/#/?task=" + environment.getId());

        WebDriver phone = Chromium.startPhone();
        try {
            phone.get(url(link.substring(link.indexOf("/camunda/"))));
            new WebDriverWait(phone, PATIENCE).until(d -> d.getCurrentUrl().contains("/login"));
            phone.findElement(By.name("username")).sendKeys("fenggang");
            phone.findElement(By.name("password")).sendKeys("demo");
            phone.findElement(By.cssSelector("button[type=submit]")).click();
            // Straight to the task in Tasklist, not to the list: its form names the project.
            until(phone, By.xpath("//button[normalize-space()='认领']"));
            assertThat(phone.getCurrentUrl()).contains("task=" + environment.getId());
            assertThat(pageText(phone)).contains("环保审查", code, "手机审批测试项目", "一票否决");
            assertThat(sidewaysScroll(phone)).as("the task and its form fit the phone").isZero();

            // 我的待办 shows it as a card with its project, overdue; 办理 opens the app's task page.
            phone.get(url("/tasks/mine"));
            WebElement taskCard = until(phone, By.xpath("//article[contains(@class,'task-card')][.//*[contains(normalize-space(),'" + code + "')]]"));
            assertThat(taskCard.getText()).contains("审查环保条件", "已逾期", "项目评审", "天津某新材料有限公司", "2,000.00 万元", "评审中");
            assertThat(phone.findElement(By.cssSelector(".tabs a.active")).getText()).startsWith("本部门待办");
            assertThat(sidewaysScroll(phone)).isZero();
            Path mine = Chromium.screenshot(phone, "phone-tasklist-0-mine");
            if ("true".equals(System.getenv("UPDATE_DOCS_SCREENSHOTS"))) {
                Files.copy(mine, Path.of("docs", "images", "phone-mine.png"), StandardCopyOption.REPLACE_EXISTING);
            }
            taskCard.findElement(By.linkText("办理")).click();

            // The task page: the deployed form rendered by form-js in the app, read-only until he claims it.
            until(phone, By.id("claim")).click();
            until(phone, By.id("complete"));
            // The form is rendered again once the claim is through: read the page when it shows the project.
            new WebDriverWait(phone, PATIENCE).until(d -> pageText(d).contains(code));
            WebElement option = until(phone, By.xpath("//*[contains(@class,'fjs-form-field')]//label[normalize-space()='否决']"));
            assertThat(pageText(phone)).contains("环保审查", code, "一票否决", "办理人：冯刚");
            assertThat(option.getRect().getHeight()).as("a form option is large enough to tap").isGreaterThanOrEqualTo(44);
            assertThat(sidewaysScroll(phone)).as("the task page and its form fit the phone").isZero();
            // The engine's rules, as in Tasklist: a veto needs its reason.
            option.click();
            phone.findElement(By.id("complete")).click();
            WebElement refusal = until(phone, By.id("task-error"));
            assertThat(refusal.getText()).contains("否决必须写明理由");
            assertThat(engine.getTaskService().createTaskQuery().taskId(environment.getId()).count()).isOne();

            label(phone, "有条件同意").click();
            phone.findElement(By.cssSelector(".fjs-form-field textarea")).sendKeys("施工期扬尘、噪声须按环评批复落实防治措施");
            Path phoneForm = Chromium.screenshot(phone, "phone-tasklist-2-form");
            if ("true".equals(System.getenv("UPDATE_DOCS_SCREENSHOTS"))) {
                Files.copy(phoneForm, Path.of("docs", "images", "phone-task.png"), StandardCopyOption.REPLACE_EXISTING);
            }
            WebElement complete = phone.findElement(By.id("complete"));
            assertThat(complete.getRect().getHeight()).as("完成 is large enough to tap").isGreaterThanOrEqualTo(44);
            complete.click();
            new WebDriverWait(phone, PATIENCE).until(d -> d.getCurrentUrl().contains("/tasks/mine"));
            assertThat(engine.getTaskService().createTaskQuery().taskId(environment.getId()).count()).isZero();
            assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(started.processInstanceId())
                    .variableName("environmentComment").singleResult().getValue()).isEqualTo("施工期扬尘、噪声须按环评批复落实防治措施");
            assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(environment.getId()).singleResult().getAssignee())
                    .isEqualTo("fenggang");

            // Gone: 我的待办 says what was done and no longer lists it.
            assertThat(pageText(phone)).contains("已完成：审查环保条件").doesNotContain(code);
            Chromium.screenshot(phone, "phone-tasklist-3-done");
        } catch (RuntimeException | AssertionError e) {
            Chromium.screenshot(phone, "phone-tasklist-failed");
            throw e;
        } finally {
            phone.quit();
        }
    }

    /**
     * Tasklist on a phone (390 px, touch): the reviewer finds the task in 本部门待办, opens it, claims it, fills the
     * Camunda Form and completes it, and the page never scrolls sideways. Screenshots phone-tasklist-*.png.
     */
    @Test
    void aReviewerDecidesInTasklistItselfAtPhoneWidth() throws IOException {
        phoneChecksOnH2Only();
        ReviewService.Started started = startedReview("手机任务中心测试项目", "天津某新材料有限公司", "2000");
        String code = started.projectCode();
        Task environment = environmentTask(started);
        engine.getTaskService().setDueDate(environment.getId(), org.zhaoshang.support.EscalationProbe.at("2025-01-05T18:00"));

        WebDriver phone = Chromium.startPhone();
        try {
            Chromium.login(phone, port, "caoli");
            phone.get(url("/camunda/app/tasklist/"));
            By cardOfProject = By.xpath("//li[contains(@class,'task')][.//*[contains(normalize-space(),'" + code + "')]]");
            WebElement card = openFilter(phone, "本部门待办", cardOfProject);
            assertThat(sidewaysScroll(phone)).as("the task list fits the phone").isZero();
            Chromium.screenshot(phone, "phone-tasklist-itself-1-list");
            card.findElement(By.xpath(".//a[contains(normalize-space(),'审查环保条件')]")).click();

            until(phone, By.xpath("//button[normalize-space()='认领']")).click();
            until(phone, By.xpath("//*[contains(@class,'fjs-form-field')]//label[starts-with(normalize-space(),'审查结论')]"));
            // The assignee in Chinese order (Camunda writes "given family": "丽 曹").
            new WebDriverWait(phone, PATIENCE).until(d -> pageText(d).contains("曹丽"));
            assertThat(pageText(phone)).doesNotContain("丽 曹");
            assertThat(sidewaysScroll(phone)).as("the task and its form fit the phone").isZero();
            WebElement option = label(phone, "有条件同意");
            assertThat(option.getRect().getHeight()).as("a form option is large enough to tap").isGreaterThanOrEqualTo(44);
            option.click();
            phone.findElement(By.cssSelector(".fjs-form-field textarea")).sendKeys("施工期扬尘、噪声须按环评批复落实防治措施");
            Path phoneForm = Chromium.screenshot(phone, "phone-tasklist-itself-2-form");
            if ("true".equals(System.getenv("UPDATE_DOCS_SCREENSHOTS"))) {
                Files.copy(phoneForm, Path.of("docs", "images", "phone-tasklist-form.png"), StandardCopyOption.REPLACE_EXISTING);
            }
            WebElement complete = phone.findElement(By.xpath("//button[normalize-space()='完成']"));
            assertThat(complete.getRect().getHeight()).as("完成 is large enough to tap").isGreaterThanOrEqualTo(44);
            complete(phone);
            new WebDriverWait(phone, PATIENCE).until(d -> engine.getTaskService().createTaskQuery().taskId(environment.getId()).count() == 0);
            assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(started.processInstanceId())
                    .variableName("environmentComment").singleResult().getValue()).isEqualTo("施工期扬尘、噪声须按环评批复落实防治措施");
            new WebDriverWait(phone, PATIENCE).until(d -> !pageText(d).contains(code));
            Chromium.screenshot(phone, "phone-tasklist-itself-3-done");
        } catch (RuntimeException | AssertionError e) {
            Chromium.screenshot(phone, "phone-tasklist-itself-failed");
            throw e;
        } finally {
            phone.quit();
        }
    }

    /** 转办 from the app's task page on a phone: to a colleague of the same department, through the same operation as Tasklist's. */
    @Test
    void aReviewerPassesATaskToAColleagueFromHerPhone() throws IOException {
        phoneChecksOnH2Only();
        ReviewService.Started started = startedReview("手机转办测试项目", "天津某材料有限公司", "1500");
        Task environment = environmentTask(started);
        engine.getTaskService().setAssignee(environment.getId(), "caoli");
        // Someone outside the task's department does not even see it.
        org.zhaoshang.support.Browser officer = new org.zhaoshang.support.Browser(port);
        officer.login("zhouxiaoyu", "demo");
        java.net.http.HttpResponse<String> hidden = officer.get("/tasks/" + environment.getId());
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).contains("任务不存在、已办结或无权查看").doesNotContain("手机转办测试项目");

        WebDriver phone = Chromium.startPhone();
        try {
            Chromium.login(phone, port, "caoli");
            phone.get(url("/tasks/" + environment.getId()));
            until(phone, By.xpath("//*[contains(@class,'fjs-form-field')]//label[starts-with(normalize-space(),'审查结论')]"));
            phone.findElement(By.xpath("//details[summary[normalize-space()='转办']]/summary")).click();
            WebElement target = until(phone, By.cssSelector("#transfer select[name=target]"));
            new WebDriverWait(phone, PATIENCE).until(d -> target.findElements(By.cssSelector("option[value=fenggang]")).size() == 1);
            new org.openqa.selenium.support.ui.Select(target).selectByValue("fenggang");
            phone.findElement(By.cssSelector("#transfer textarea[name=note]")).sendKeys("请冯局审定");
            phone.findElement(By.xpath("//form[@id='transfer']//button")).click();
            new WebDriverWait(phone, PATIENCE).until(d -> d.getCurrentUrl().contains("/tasks/mine"));
            assertThat(pageText(phone)).contains("已转办：审查环保条件");
            assertThat(engine.getTaskService().createTaskQuery().taskId(environment.getId()).singleResult().getAssignee()).isEqualTo("fenggang");
            assertThat(sidewaysScroll(phone)).isZero();
        } catch (RuntimeException | AssertionError e) {
            Chromium.screenshot(phone, "phone-transfer-failed");
            throw e;
        } finally {
            phone.quit();
        }
    }

    /** A review of a small project without land (no government meeting), past its pre-check. */
    ReviewService.Started startedReview(String name, String investor, String investment) {
        ReviewService.Started started = reviews.registerAndStart(new ProjectRegistration(name, investor, "其他", "新能源新材料",
                new BigDecimal(investment), null, BigDecimal.ZERO, "unit-street-jinzhong", null, false, null, null, "手机测试"), OFFICER);
        Tasks.completeAs(engine, started.processInstanceId(), ReviewProcess.TASK_PRECHECK, "huangtao", Map.of("precheckDecision", "PASS"));
        return started;
    }

    /** The review's 环保 task, open for 生态环境局. */
    Task environmentTask(ReviewService.Started started) {
        return engine.getTaskService().createTaskQuery().processInstanceId(started.processInstanceId())
                .taskDefinitionKey(ReviewProcess.TASK_ENVIRONMENT).singleResult();
    }

    /** How far the page scrolls sideways, in CSS pixels (0 when it fits). */
    static long sidewaysScroll(WebDriver browser) {
        return (Long) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return Math.max(0, document.scrollingElement.scrollWidth - window.innerWidth)");
    }

    static WebElement openFilter(WebDriver browser, String filter, By expected) {
        return new WebDriverWait(browser, PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(By.xpath("//*[contains(@class,'task-filters')]//h4/a[contains(normalize-space(),'" + filter + "')]")).click();
            try {
                return new WebDriverWait(d, Duration.ofSeconds(3)).until(x -> x.findElements(expected).stream().filter(WebElement::isDisplayed)
                        .findFirst().orElse(null));
            } catch (org.openqa.selenium.TimeoutException notYet) {
                return null;
            }
        });
    }

    void complete(WebDriver browser) {
        // A notification still shown (a refusal) lies over the button: close it first, as a person would.
        browser.findElements(By.cssSelector(".page-notifications .close")).stream().filter(WebElement::isDisplayed).forEach(WebElement::click);
        new WebDriverWait(browser, PATIENCE).until(d -> d.findElements(By.cssSelector(".page-notifications .alert")).stream()
                .noneMatch(WebElement::isDisplayed));
        WebElement complete = browser.findElement(By.xpath("//button[normalize-space()='完成']"));
        // Below a long form the button lies under the webapp's footer until the form is scrolled, as a person scrolls it.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", complete);
        complete.click();
    }

    static WebElement label(WebDriver browser, String text) {
        return browser.findElement(By.xpath("//*[contains(@class,'fjs-form-field')]//label[normalize-space()='" + text + "']"));
    }

    /** The due date as Tasklist shows it on the card and on the open task (their tooltips). */
    static List<String> dueDatesShown(WebDriver browser, WebElement card) {
        return java.util.stream.Stream.concat(card.findElements(By.cssSelector(".due-date [uib-tooltip]")).stream(),
                browser.findElements(By.cssSelector("[cam-tasklist-task-meta] .due-date [uib-tooltip]")).stream())
                .map(e -> e.getAttribute("uib-tooltip")).filter(t -> t.contains(":")).toList();
    }

    static String pageText(WebDriver browser) {
        return browser.findElement(By.tagName("body")).getText();
    }

    static WebElement until(WebDriver browser, By by) {
        return new WebDriverWait(browser, PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /**
     * The phone flows check what the browser shows (widths, touch targets, the notice's link through the login); the
     * database plays no part the desktop flow does not already prove on PostgreSQL. Run once, in the H2 pass, to keep
     * {@code ./mvnw verify} under 20 minutes (the PostgreSQL pass of this class took 92 s).
     */
    static void phoneChecksOnH2Only() {
        org.junit.jupiter.api.Assumptions.assumeFalse(org.zhaoshang.support.TestDatabase.isPostgres(), "phone flows run in the H2 pass");
    }
}
