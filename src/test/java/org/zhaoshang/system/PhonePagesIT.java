package org.zhaoshang.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.Chromium;
import org.zhaoshang.support.IntegrationTest;

/**
 * Every page of the app on a phone (Chromium's device emulation, 390 × 844, touch): the page never scrolls sideways,
 * the navigation is folded into 菜单 and opens with a tap, no text is smaller than 14 px, and buttons, fields and menu
 * entries are at least 44 px tall. Screenshots in target/screenshots (docs/images/phone-*.png with
 * UPDATE_DOCS_SCREENSHOTS=true).
 */
@IntegrationTest
class PhonePagesIT {

    /** What breaks a page on a phone, measured in the browser: sideways scrolling, small text, small touch targets. */
    private static final String MEASURE = resource("/phone-measure.js");

    @LocalServerPort
    int port;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyPageWorksAtPhoneWidth() throws Exception {
        String code = projects.register(new ProjectRegistration("手机页面测试项目（新能源汽车零部件智能制造基地）", "东丽新能源科技股份有限公司",
                "民营500强", "智能制造", new BigDecimal("68000"), null, new BigDecimal("120"), "unit-street-jinzhong", null, false, null, null, null),
                new StaffUser("zhouxiaoyu", "周晓宇", List.of("unit-street-jinzhong"))).code();
        String plan = """
                {"title": "手机测试论证会", "date": "%s", "place": "区政府第一会议室", "chair": "wangfang",
                 "members": ["dept-gongxin", "dept-huanbao", "dept-xiaofang"]}""".formatted(java.time.LocalDate.now().plusDays(40));
        assertThat(Browser.basic(port, "yangmin", "demo").postJson("/api/meetings", plan).statusCode()).isEqualTo(201);
        long meeting = jdbc.sql("SELECT MAX(id) FROM review_meeting").query(Long.class).single();

        List<String> problems = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        WebDriver phone = Chromium.startPhone();
        try {
            phone.get(url("/login"));
            problems.addAll(measure(phone, "/login"));
            Chromium.screenshot(phone, "phone-login");
            Chromium.login(phone, port, "wangfang");

            pages.addAll(List.of("/", "/projects", "/projects/" + code, "/projects/" + code + "/approval-sheet",
                    "/tasks/mine", "/tasks/done", "/tasks/started", "/tasks/copies", "/meetings", "/meetings/" + meeting, "/briefings", "/briefings/targets",
                    "/dashboard", "/post-evaluations", "/profile/notifications", "/advisors", "/reports",
                    "/chains", "/chains/SMART_MANUFACTURING"));
            jdbc.sql("SELECT MAX(id) FROM briefing").query(Long.class).optional().ifPresent(id -> pages.add("/briefings/" + id));
            jdbc.sql("SELECT MAX(id) FROM unit_report").query(Long.class).optional().ifPresent(id -> pages.add("/reports/" + id));
            for (String page : pages) {
                phone.get(url(page));
                problems.addAll(measure(phone, page));
                if (page.equals("/projects")) {
                    // The ledger reads as cards: no header row, each cell labelled, each card within the screen.
                    assertThat(phone.findElement(By.cssSelector("table.grid thead")).isDisplayed()).isFalse();
                    WebElement card = phone.findElement(By.cssSelector("table.grid tbody tr"));
                    assertThat(card.getRect().getWidth()).isLessThanOrEqualTo(390);
                    assertThat(card.getText()).contains(code, "68,000.00", "金钟街道");
                    assertThat(((JavascriptExecutor) phone).executeScript("return Array.from(arguments[0].cells)"
                            + ".map(c => getComputedStyle(c, '::before').content).join(' ')", card).toString())
                            .contains("\"项目编号\"", "\"总投资（万元）\"", "\"阶段\"");
                    screenshot(phone, "phone-projects");
                } else if (page.startsWith("/projects/ZS") && !page.endsWith("sheet")) {
                    screenshot(phone, "phone-project");
                } else if (page.equals("/dashboard")) {
                    // The BPMN heat map is drawn after the page's data calls: wait for its shapes.
                    assertThat(phone.findElements(By.cssSelector(".diagram .djs-shape"))).isNotEmpty();
                    screenshot(phone, "phone-dashboard");
                }
            }

            // The menu: folded, opens with a tap, its entries are large enough to tap, and lead where they say.
            phone.get(url("/projects"));
            WebElement nav = phone.findElement(By.cssSelector(".topbar nav"));
            assertThat(nav.isDisplayed()).as("navigation folded on a phone").isFalse();
            phone.findElement(By.cssSelector(".menu-button")).click();
            assertThat(nav.isDisplayed()).isTrue();
            problems.addAll(measure(phone, "/projects with the menu open"));
            screenshot(phone, "phone-menu");
            for (WebElement link : nav.findElements(By.tagName("a"))) {
                assertThat(link.getRect().getHeight()).as("menu entry %s", link.getText()).isGreaterThanOrEqualTo(44);
            }
            nav.findElement(By.linkText("瓶颈分析")).click();
            assertThat(phone.getCurrentUrl()).endsWith("/dashboard");
        } finally {
            phone.quit();
        }

        // The narrowest and the widest phones in common use: layout only (the same pages already answered at 390 px on this
        // database), so the PostgreSQL pass leaves them to the H2 pass and keeps ./mvnw verify within its time.
        for (int width : org.zhaoshang.support.TestDatabase.isPostgres() ? List.<Integer>of() : List.of(360, 414)) {
            WebDriver other = Chromium.startPhone(width);
            try {
                Chromium.login(other, port, "wangfang");
                for (String page : pages) {
                    other.get(url(page));
                    problems.addAll(measure(other, width + " px " + page));
                }
            } finally {
                other.quit();
            }
        }

        WebDriver admin = Chromium.startPhone();
        try {
            Chromium.login(admin, port, "admin");
            for (String page : List.of("/admin/outbox", "/admin/channels", "/admin/holidays", "/admin/holidays/2026", "/admin/directory")) {
                admin.get(url(page));
                problems.addAll(measure(admin, page));
            }
        } finally {
            admin.quit();
        }
        assertThat(problems).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<String> measure(WebDriver browser, String page) {
        List<String> found = (List<String>) ((JavascriptExecutor) browser).executeScript(MEASURE);
        return found.stream().map(p -> page + ": " + p).toList();
    }

    private static String resource(String name) {
        try (var in = PhonePagesIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path shot = Chromium.screenshot(browser, name);
        if ("true".equals(System.getenv("UPDATE_DOCS_SCREENSHOTS")) && List.of("phone-menu", "phone-projects").contains(name)) {
            Files.copy(shot, Path.of("docs", "images", name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
