package org.zhaoshang.agreement;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Downloads;

/**
 * /post-evaluations: the yearly cross-project 后评价 report for the district's leaders and 合作交流办 (policy 001:
 * "定期出具分析报告，科学反馈招商成效") — per project and in total, plan vs actual of 固投、就业、产值、税收 with
 * shortfalls flagged — as a page, Excel and CSV. District-wide readers only (leaders, departments).
 */
@Controller
class PostEvaluationPages {

    static final String TITLE = "项目后评价年度报告";

    private final PostEvaluationQuery query;
    private final Clock clock;

    PostEvaluationPages(PostEvaluationQuery query, Clock clock) {
        this.query = query;
        this.clock = clock;
    }

    @GetMapping("/post-evaluations")
    String latest(@AuthenticationPrincipal StaffUser user) {
        allowed(user);
        return "redirect:/post-evaluations/" + LocalDate.now(clock).getYear();
    }

    @GetMapping("/post-evaluations/{year}")
    String year(@AuthenticationPrincipal StaffUser user, @PathVariable String year, Model model) {
        allowed(user);
        model.addAttribute("report", query.yearReport(year(year)));
        model.addAttribute("indicators", PostEvaluationQuery.INDICATORS);
        return "agreements/post-evaluations";
    }

    @GetMapping("/post-evaluations/{year}.xlsx")
    ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal StaffUser user, @PathVariable String year) throws IOException {
        allowed(user);
        PostEvaluationQuery.YearReport report = query.yearReport(year(year));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "zhaoshang-platform", "1.0");
        Worksheet sheet = workbook.newWorksheet(report.year() + "年后评价");
        List<List<Object>> rows = table(report);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                Object value = rows.get(r).get(c);
                if (value instanceof Number number) {
                    sheet.value(r, c, number);
                } else if (value != null) {
                    sheet.value(r, c, value.toString());
                }
                if (r == 0) {
                    sheet.style(r, c).bold().set();
                }
            }
        }
        sheet.width(1, 24);
        workbook.finish();
        return Downloads.attachment(out.toByteArray(), TITLE + "-" + report.year() + ".xlsx", Downloads.XLSX);
    }

    @GetMapping("/post-evaluations/{year}.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal StaffUser user, @PathVariable String year) {
        allowed(user);
        PostEvaluationQuery.YearReport report = query.yearReport(year(year));
        StringBuilder csv = new StringBuilder("\uFEFF");
        for (List<Object> row : table(report)) {
            List<String> fields = new ArrayList<>();
            for (Object value : row) {
                fields.add(value == null ? "" : value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
                        : Downloads.csvField(value.toString()));
            }
            csv.append(String.join(",", fields)).append("\r\n");
        }
        return Downloads.attachment(csv.toString().getBytes(StandardCharsets.UTF_8), TITLE + "-" + report.year() + ".csv", Downloads.CSV);
    }

    /** Header, one row per project report, the total row: plan, actual, shortfall % and flag for each indicator. */
    static List<List<Object>> table(PostEvaluationQuery.YearReport report) {
        List<List<Object>> rows = new ArrayList<>();
        List<Object> header = new ArrayList<>(List.of("项目编号", "项目名称", "承载单位", "产业", "报送部门", "落地日期", "评价年度", "统计期间"));
        for (int i = 0; i < PostEvaluationQuery.INDICATORS.size(); i++) {
            String name = PostEvaluationQuery.INDICATORS.get(i);
            String unit = PostEvaluationQuery.UNITS.get(i);
            header.addAll(List.of(name + "目标（" + unit + "）", name + "实际（" + unit + "）", name + "差距（%）", name + "预警"));
        }
        header.add("未达标预警");
        rows.add(header);
        for (PostEvaluationQuery.ProjectRow p : report.rows()) {
            List<Object> row = new ArrayList<>(List.of(p.projectCode(), p.projectName(), p.hostUnit(), p.industry(), p.department(),
                    p.landedOn(), "第" + p.yearNo() + "年", p.period()));
            indicators(row, p.indicators());
            row.add(p.flagged() ? "是" : "");
            rows.add(row);
        }
        List<Object> total = new ArrayList<>(List.of("合计", report.rows().size() + " 个项目", "", "", "", "", "", ""));
        indicators(total, report.totals());
        total.add(report.flaggedProjects() + " 个项目预警");
        rows.add(total);
        return rows;
    }

    private static void indicators(List<Object> row, List<PostEvaluationQuery.Indicator> indicators) {
        for (PostEvaluationQuery.Indicator i : indicators) {
            row.add(i.target());
            row.add(i.actual());
            row.add(i.shortfallPercent());
            row.add(i.flagged() ? "预警" : "");
        }
    }

    private static int year(String text) {
        try {
            int year = Integer.parseInt(text);
            if (year >= 2000 && year <= 2100) {
                return year;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.notFound("年份不正确：" + text);
    }

    private static void allowed(StaffUser user) {
        if (!user.seesWholeDistrict()) {
            throw ApiException.forbidden("项目后评价年度报告供区领导、区合作交流办和区级部门查阅");
        }
    }
}
