package org.zhaoshang.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhaoshang.support.EscalationProbe.at;
import static org.zhaoshang.support.EscalationProbe.clockAt;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.zhaoshang.handoff.CreditShares;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.support.AgreementFixtures;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;

/**
 * 税收 per project and period, split 三七 in the ranking. Policy 001: "推送项目的原街道园区与最终落地项目的街道园区在项目落地指标、
 * 内资到位额、税收上实行三七比例分成". 合作交流办 records a landed project's tax while its year has no report; the agreement's
 * 年度税收 milestone replaces the entries of its year; each figure counts once (2021, which no other test ranks).
 */
@IntegrationTest
class ProjectTaxIT {

    static final String JINZHONG = "unit-street-jinzhong";
    static final String JUNLIANGCHENG = "unit-street-junliangcheng";
    static final String ENTRY = "{\"period\": \"%s\", \"amount\": %s, \"basis\": \"%s\"}";

    @LocalServerPort
    int port;
    @Autowired
    ProjectService projects;
    @Autowired
    CreditShares shares;
    @Autowired
    BriefingService briefings;
    @Autowired
    BriefingRecords records;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    @DisplayName("001 \"在项目落地指标、内资到位额、税收上实行三七比例分成\": tax recorded per project and period, audited, split in the ranking")
    void taxIsRecordedPerPeriodAndSplitInTheRanking() throws Exception {
        clockAt("2021-03-01T10:00");
        StaffUser officer = new StaffUser("zhouxiaoyu", "周晓宇", List.of(JINZHONG));
        String code = register("税收分成测试项目", officer);
        String notLanded = register("尚未落地测试项目", officer);
        projects.changeStage(code, ProjectStage.UNDER_REVIEW, "huangtao", "提交评审", null, null);
        projects.changeStage(code, ProjectStage.APPROVED, "huangtao", "论证会通过", null, null);
        projects.changeHost(code, JUNLIANGCHENG, "huangtao", "金钟街道无可用工业用地", null, null);
        shares.record(code, JINZHONG, JUNLIANGCHENG, new BigDecimal("0.30"));
        projects.changeStage(code, ProjectStage.SIGNED, "huangtao", "签约", null, null);
        projects.changeStage(code, ProjectStage.REGISTERED, "huangtao", "注册落地", null, null);

        clockAt("2021-05-10T10:00");
        Browser cooperation = Browser.basic(port, "huangtao", "demo");
        String path = "/api/projects/" + code + "/tax";
        // Only 合作交流办 records; bad input is refused field by field and changes nothing.
        assertThat(Browser.basic(port, "guoqiang", "demo").postJson(path, ENTRY.formatted("2021-Q1", "200", "区税务局入库数据")).body())
                .contains("只有区合作交流办可以录入项目税收");
        HttpResponse<String> bad = cooperation.postJson(path, ENTRY.formatted("2021-13", "-1", " "));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("fieldErrors")).extracting(e -> e.get("field").asText()).containsExactly("period", "amount", "basis");
        assertThat(cooperation.postJson(path, ENTRY.formatted("2021-07", "10", "预估")).body()).contains("期间2021年7月尚未开始");
        assertThat(cooperation.postJson(path, ENTRY.formatted("2021-Q1", "1.234", "区税务局入库数据")).body()).contains("最多保留两位小数");
        HttpResponse<String> early = cooperation.postJson("/api/projects/" + notLanded + "/tax", ENTRY.formatted("2021-Q1", "5", "区税务局入库数据"));
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.body()).contains("项目尚未落地");
        assertThat(entries(code)).isZero();

        HttpResponse<String> first = cooperation.postJson(path, ENTRY.formatted("2021-Q1", "200", "区税务局入库数据"));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(json.readTree(first.body()).get("counted").decimalValue()).isEqualByComparingTo("200");
        // Periods of one project do not overlap; a correction is an entry of the same period and counts its difference.
        HttpResponse<String> overlapping = cooperation.postJson(path, ENTRY.formatted("2021-03", "80", "区税务局入库数据"));
        assertThat(overlapping.statusCode()).isEqualTo(409);
        assertThat(overlapping.body()).contains("与已录入的2021年第一季度税收期间重叠");
        HttpResponse<String> corrected = cooperation.postJson(path, ENTRY.formatted("2021-Q1", "250", "区税务局更正数据"));
        assertThat(json.readTree(corrected.body()).get("counted").decimalValue()).isEqualByComparingTo("50");
        assertThat(entries(code)).as("entries are kept, never overwritten").isEqualTo(2);
        assertThat(jdbc.sql("""
                SELECT h.reason FROM project_history h JOIN investment_project p ON p.id = h.project_id
                WHERE p.code = :code AND h.event_type = 'TAX_RECORDED' AND h.actor = 'huangtao' ORDER BY h.id""").param("code", code)
                .query(String.class).list()).containsExactly("录入2021年第一季度税收 200万元（数据来源：区税务局入库数据）",
                "更正2021年第一季度税收 250万元（数据来源：区税务局更正数据）");

        // The agreement's 年度税收 milestone, verified 达成 in June: the year's report replaces the entries (600 − 250 counts).
        clockAt("2021-06-15T10:00");
        AgreementFixtures.withVerifiedMilestone(jdbc, code, "IT-TAX-2021-01", "2021-03-01", "ANNUAL_TAX", "2021年度税收", "500", "2021-12-31",
                JUNLIANGCHENG, "600", at("2021-06-15T10:00"));
        HttpResponse<String> afterReport = cooperation.postJson(path, ENTRY.formatted("2021-Q2", "100", "区税务局入库数据"));
        assertThat(afterReport.statusCode()).isEqualTo(409);
        assertThat(afterReport.body()).contains("该项目2021年税收已有协议年度税收节点（600万元），以报告为准");
        JsonNode figures = json.readTree(cooperation.get(path).body()).get("figures");
        assertThat(figures).extracting(f -> f.get("source").asText()).containsExactly("MANUAL", "MANUAL", "MILESTONE");
        assertThat(figures).extracting(f -> f.get("counted").decimalValue().stripTrailingZeros().toPlainString()).containsExactly("200", "50", "350");

        // The rankings: each figure in the month it was recorded, 30% to 金钟 (origin), 70% to 军粮城 (landing).
        long may = briefings.assemble(LocalDate.parse("2021-06-07"), null);
        assertThat(tax(may, BriefingService.MONTH, JINZHONG)).isEqualByComparingTo("75.00");
        assertThat(tax(may, BriefingService.MONTH, JUNLIANGCHENG)).isEqualByComparingTo("175.00");
        long june = briefings.assemble(LocalDate.parse("2021-07-05"), null);
        assertThat(tax(june, BriefingService.MONTH, JINZHONG)).isEqualByComparingTo("105.00");
        assertThat(tax(june, BriefingService.MONTH, JUNLIANGCHENG)).isEqualByComparingTo("245.00");
        assertThat(tax(june, BriefingService.HALF, JINZHONG)).as("the year's 600 once").isEqualByComparingTo("180.00");
        assertThat(tax(june, BriefingService.HALF, JUNLIANGCHENG)).isEqualByComparingTo("420.00");

        Browser manager = new Browser(port);
        manager.login("yangmin", "demo");
        String csv = new String(manager.getBytes("/briefings/" + june + ".csv").body(), StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow()).contains("内资到位额（万元）,税收（万元，含三七分成）,外资（万美元）");
        assertThat(manager.get("/briefings/" + june).body()).contains("<th class=\"num\">税收（万元）</th>", "420");

        // The project page: the figures with what each counted, and 合作交流办's form, which refuses in Chinese.
        Browser page = new Browser(port);
        page.login("huangtao", "demo");
        assertThat(page.get("/projects/" + code).body()).contains("税收", "区合作交流办录入", "协议年度税收节点", "录入税收");
        page.postForm("/projects/" + code + "/tax", Map.of("_csrf", page.csrfToken(), "period", "2021-Q2", "amount", "很多", "basis", "估算"));
        assertThat(page.get("/projects/" + code).body()).contains("税收金额须为数字（万元）：很多");
        assertThat(entries(code)).isEqualTo(2);
    }

    String register(String name, StaffUser user) {
        return projects.register(new ProjectRegistration(name, "测试投资方", "其他", "智能制造", new BigDecimal("3000"), null, BigDecimal.ZERO, JINZHONG,
                null, false, null, null, null), user).code();
    }

    long entries(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM project_tax_record WHERE project_code = :c").param("c", code).query(Long.class).single();
    }

    BigDecimal tax(long briefing, String scope, String unit) {
        return records.rows(briefing, scope).stream().filter(r -> r.unit().equals(unit)).findFirst().orElseThrow().tax();
    }
}
