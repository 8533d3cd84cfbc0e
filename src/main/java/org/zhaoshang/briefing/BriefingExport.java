package org.zhaoshang.briefing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.stereotype.Component;
import org.zhaoshang.chain.IndustryChains;
import org.zhaoshang.identity.OrgDirectory;

/**
 * A briefing as Excel (one sheet per ranking: each scope, each group) and as CSV (UTF-8 with BOM so Excel
 * reads the Chinese); {@link #rankings} is also what the page shows.
 */
@Component
class BriefingExport {

    static final List<String> HEADER = List.of("排名", "单位", "得分", "新增项目", "评审通过", "签约", "落地（含三七分成）", "内资到位额（万元）",
            "税收（万元，含三七分成）", "外资（万美元）", "逾期任务", "督办", "否决（环保、消防）", "不予通过", "流失", "后评价预警", "信息共享加分",
            "逾期报送", "未报送");

    /** One ranking of a briefing: a scope (MONTH, QUARTER, HALF, YEAR) of one group. */
    record Ranking(String scope, BriefingGroup group, String period, String title, String sheet, List<BriefingRecords.Row> rows) {
    }

    private final BriefingRecords records;
    private final OrgDirectory directory;

    static final List<String> CHAIN_HEADER = List.of("产业链", "在库项目", "本期新增", "本期签约", "本期落地", "本期内资到位额（万元）", "本年新增",
            "本年签约", "本年落地", "本年签约→落地", "本年内资到位额（万元）");

    private final IndustryChains chains;

    BriefingExport(BriefingRecords records, OrgDirectory directory, IndustryChains chains) {
        this.records = records;
        this.directory = directory;
        this.chains = chains;
    }

    List<IndustryChains.PeriodFigures> chainFigures(BriefingRecords.Briefing briefing) {
        return chains.periodFigures(briefing.periodStart(), briefing.periodEnd());
    }

    static List<Object> chainValues(IndustryChains.PeriodFigures f) {
        Integer conversion = f.yearToDate().conversionPercent();
        return List.of(f.label() + "产业链", f.period().inPipeline(), f.period().registered(), f.period().signed(), f.period().landed(),
                f.period().domesticFunds(), f.yearToDate().registered(), f.yearToDate().signed(), f.yearToDate().landed(),
                conversion == null ? "—" : conversion + "%", f.yearToDate().domesticFunds());
    }

    /** The briefing's rankings in order: month, quarter, half-year, year; streets and parks before departments. */
    List<Ranking> rankings(BriefingRecords.Briefing b) {
        List<Ranking> rankings = new ArrayList<>();
        String[][] scopes = {{BriefingService.MONTH, BriefingService.label(b), "月度排位", "排位"},
                {BriefingService.QUARTER, b.quarterLabel(), b.quarterLabel() + " 季度排位", "季度排位"},
                {BriefingService.HALF, b.halfLabel(), b.halfLabel() + " 半年排位", "半年排位"},
                {BriefingService.YEAR, b.yearLabel(), b.yearLabel() + " 年度排位", "年度排位"}};
        for (String[] scope : scopes) {
            if (scope[1] == null) {
                continue;
            }
            for (BriefingGroup group : BriefingGroup.values()) {
                List<BriefingRecords.Row> rows = records.rows(b.id(), scope[0], group);
                if (rows.isEmpty()) {
                    continue;
                }
                boolean interviews = !scope[0].equals(BriefingService.MONTH) && rows.size() > InterviewRule.LAST;
                String title = scope[2] + " · " + group.label() + (interviews ? "（后三位约谈）" : "");
                String sheet = scope[1] + scope[3] + (group == BriefingGroup.DEPARTMENT ? "（部门）" : "");
                rankings.add(new Ranking(scope[0], group, scope[1], title, sheet, rows));
            }
        }
        return rankings;
    }

    byte[] xlsx(BriefingRecords.Briefing briefing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "zhaoshang-platform", "1.0");
        for (Ranking ranking : rankings(briefing)) {
            sheet(workbook, ranking.sheet(), ranking.rows());
        }
        Worksheet chainSheet = workbook.newWorksheet("按产业链");
        for (int c = 0; c < CHAIN_HEADER.size(); c++) {
            chainSheet.value(0, c, CHAIN_HEADER.get(c));
            chainSheet.style(0, c).bold().set();
        }
        int r = 1;
        for (IndustryChains.PeriodFigures figures : chainFigures(briefing)) {
            List<Object> values = chainValues(figures);
            for (int c = 0; c < values.size(); c++) {
                if (values.get(c) instanceof Number number) {
                    chainSheet.value(r, c, number);
                } else {
                    chainSheet.value(r, c, (String) values.get(c));
                }
            }
            r++;
        }
        chainSheet.width(0, 18);
        workbook.finish();
        return out.toByteArray();
    }

    private void sheet(Workbook workbook, String name, List<BriefingRecords.Row> rows) {
        Worksheet sheet = workbook.newWorksheet(name);
        for (int c = 0; c < HEADER.size(); c++) {
            sheet.value(0, c, HEADER.get(c));
            sheet.style(0, c).bold().set();
        }
        int r = 1;
        for (BriefingRecords.Row row : rows) {
            List<Object> values = values(row);
            for (int c = 0; c < values.size(); c++) {
                Object value = values.get(c);
                if (value instanceof Number number) {
                    sheet.value(r, c, number);
                } else {
                    sheet.value(r, c, (String) value);
                }
            }
            r++;
        }
        sheet.width(1, 22);
    }

    byte[] csv(BriefingRecords.Briefing briefing) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append("范围,组别,").append(String.join(",", HEADER)).append("\r\n");
        for (Ranking ranking : rankings(briefing)) {
            for (BriefingRecords.Row row : ranking.rows()) {
                csv.append(escape(ranking.period())).append(',').append(ranking.group().label());
                for (Object value : values(row)) {
                    csv.append(',').append(value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : escape(String.valueOf(value)));
                }
                csv.append("\r\n");
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private List<Object> values(BriefingRecords.Row row) {
        return List.of(row.rank(), directory.unitName(row.unit()), row.score(), row.newProjects(), row.approved(), row.signed(), row.landed(),
                row.domesticFunds(), row.tax(), row.foreignCapital(), row.overdueTasks(), row.escalations(), row.vetoes(), row.rejections(),
                row.lost(), row.evaluationFlags(), row.sharingBonus(),
                row.lateReports(), row.missingReports());
    }

    static String escape(String value) {
        return org.zhaoshang.system.Downloads.csvField(value);
    }
}
