package org.zhaoshang.briefing;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.OrgDirectory;

/** {@code ${briefingsView…}}: what the briefing's forms show and whether the month ends a quarter. */
@Component("briefingsView")
public class BriefingExpressions {

    private final BriefingRecords records;
    private final OrgDirectory directory;

    BriefingExpressions(BriefingRecords records, OrgDirectory directory) {
        this.records = records;
        this.directory = directory;
    }

    public boolean quarterEnd(DelegateExecution execution) {
        return briefing(execution).quarterLabel() != null;
    }

    public String summary(DelegateExecution execution) {
        BriefingRecords.Briefing b = briefing(execution);
        StringBuilder text = new StringBuilder("**%s 招商引资工作通报（草稿）** [查看与下载](/briefings/%d)  \n".formatted(BriefingService.label(b), b.id()));
        text.append(records.rows(b.id(), BriefingService.MONTH).stream()
                .map(r -> "%d. %s（%s 分）".formatted(r.rank(), directory.unitName(r.unit()), r.score().stripTrailingZeros().toPlainString()))
                .collect(Collectors.joining("  \n")));
        List<BriefingRecords.Row> basis = records.rows(b.id(), b.interviewScope());
        if (!basis.isEmpty()) {
            text.append("  \n**").append(b.interviewPeriod()).append("排名后三位将被约谈：**")
                    .append(basis.subList(Math.max(0, basis.size() - 3), basis.size()).stream().map(r -> directory.unitName(r.unit()))
                            .collect(Collectors.joining("、")));
        }
        return text.toString();
    }

    public String interviewSummary(DelegateExecution execution) {
        BriefingRecords.Briefing b = briefing(execution);
        String unit = (String) execution.getVariable(BriefingProcess.INTERVIEW_UNIT);
        BriefingRecords.Row row = records.rows(b.id(), b.interviewScope()).stream().filter(r -> r.unit().equals(unit)).findFirst().orElse(null);
        String measures = records.interviews(b.id()).stream().filter(i -> i.unit().equals(unit)).findFirst()
                .map(i -> "  \n约谈：" + i.interviewDate() + "，整改措施：" + i.measures()).orElse("");
        return "**%s** %s排名第 %s 名（%s 分）。 [查看通报](/briefings/%d)%s".formatted(directory.unitName(unit), b.interviewPeriod(),
                row == null ? "?" : row.rank(), row == null ? "?" : row.score().stripTrailingZeros().toPlainString(), b.id(), measures);
    }

    private BriefingRecords.Briefing briefing(DelegateExecution execution) {
        return records.find(((Number) execution.getVariable(BriefingProcess.BRIEFING_ID)).longValue()).orElseThrow();
    }
}
