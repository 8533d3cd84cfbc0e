package org.zhaoshang.briefing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.OrgDirectory;

/** A briefing as Excel (one sheet per ranking) and as CSV (UTF-8 with BOM so Excel reads the Chinese). */
@Component
class BriefingExport {

    static final List<String> HEADER = List.of("排名", "单位", "得分", "新增项目", "评审通过", "签约", "落地（含三七分成）", "内资到位额（万元）",
            "外资（万美元）", "逾期任务", "督办", "否决（环保、消防）", "不予通过",
            "流失", "后评价预警");

    private final BriefingRecords records;
    private final OrgDirectory directory;

    BriefingExport(BriefingRecords records, OrgDirectory directory) {
        this.records = records;
        this.directory = directory;
    }

    byte[] xlsx(BriefingRecords.Briefing briefing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "zhaoshang-platform", "1.0");
        sheet(workbook, BriefingService.label(briefing) + "排位", records.rows(briefing.id(), BriefingService.MONTH));
        if (briefing.quarterLabel() != null) {
            sheet(workbook, briefing.quarterLabel() + "季度排位", records.rows(briefing.id(), BriefingService.QUARTER));
        }
        if (briefing.halfLabel() != null) {
            sheet(workbook, briefing.halfLabel() + "半年排位", records.rows(briefing.id(), BriefingService.HALF));
        }
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
        csv.append("范围,").append(String.join(",", HEADER)).append("\r\n");
        append(csv, BriefingService.label(briefing), records.rows(briefing.id(), BriefingService.MONTH));
        if (briefing.quarterLabel() != null) {
            append(csv, briefing.quarterLabel(), records.rows(briefing.id(), BriefingService.QUARTER));
        }
        if (briefing.halfLabel() != null) {
            append(csv, briefing.halfLabel(), records.rows(briefing.id(), BriefingService.HALF));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void append(StringBuilder csv, String scope, List<BriefingRecords.Row> rows) {
        for (BriefingRecords.Row row : rows) {
            csv.append(escape(scope));
            for (Object value : values(row)) {
                csv.append(',').append(value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : escape(String.valueOf(value)));
            }
            csv.append("\r\n");
        }
    }

    private List<Object> values(BriefingRecords.Row row) {
        return List.of(row.rank(), directory.unitName(row.unit()), row.score(), row.newProjects(), row.approved(), row.signed(), row.landed(),
                row.domesticFunds(), row.foreignCapital(), row.overdueTasks(), row.escalations(), row.vetoes(), row.rejections(), row.lost(),
                row.evaluationFlags());
    }

    static String escape(String value) {
        return org.zhaoshang.system.Downloads.csvField(value);
    }
}
