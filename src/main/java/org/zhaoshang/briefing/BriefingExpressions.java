package org.zhaoshang.briefing;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.OrgDirectory;

/** {@code ${briefingsView…}}: what the briefing's forms show and whether anyone is to be interviewed. */
@Component("briefingsView")
public class BriefingExpressions {

    private final BriefingRecords records;
    private final OrgDirectory directory;

    BriefingExpressions(BriefingRecords records, OrgDirectory directory) {
        this.records = records;
        this.directory = directory;
    }

    /** Whether the briefing names units for a 约谈 (gateway 是否有单位需约谈？). */
    public boolean interviewsDue(DelegateExecution execution) {
        return !records.reasons(briefing(execution).id()).isEmpty();
    }

    /** The gateway of model version 1.0 (instances started before 1.1 was deployed still ask it). */
    public boolean quarterEnd(DelegateExecution execution) {
        return briefing(execution).quarterLabel() != null;
    }

    public String summary(DelegateExecution execution) {
        BriefingRecords.Briefing b = briefing(execution);
        StringBuilder text = new StringBuilder("**%s 招商引资工作通报（草稿）** [查看与下载](/briefings/%d)".formatted(BriefingService.label(b), b.id()));
        for (BriefingGroup group : BriefingGroup.values()) {
            List<BriefingRecords.Row> rows = records.rows(b.id(), BriefingService.MONTH, group);
            if (!rows.isEmpty()) {
                text.append("  \n**").append(group.label()).append("**  \n").append(rows.stream()
                        .map(r -> "%d. %s（%s 分）".formatted(r.rank(), directory.unitName(r.unit()), r.score().stripTrailingZeros().toPlainString()))
                        .collect(Collectors.joining("  \n")));
            }
        }
        Map<String, List<BriefingRecords.InterviewReason>> reasons = records.reasons(b.id());
        if (!reasons.isEmpty()) {
            text.append("  \n**发布后由区领导约谈：**");
            reasons.forEach((unit, list) -> text.append("  \n- ").append(directory.unitName(unit)).append("：")
                    .append(list.stream().map(BriefingRecords.InterviewReason::detail).collect(Collectors.joining("；"))));
        }
        return text.toString();
    }

    public String interviewSummary(DelegateExecution execution) {
        BriefingRecords.Briefing b = briefing(execution);
        String unit = (String) execution.getVariable(BriefingProcess.INTERVIEW_UNIT);
        List<BriefingRecords.InterviewReason> reasons = records.reasons(b.id()).getOrDefault(unit, List.of());
        String why = reasons.isEmpty() ? b.quarterLabel() + " 季度排名后三位"
                : reasons.stream().map(BriefingRecords.InterviewReason::detail).collect(Collectors.joining("；"));
        String measures = records.interviews(b.id()).stream().filter(i -> i.unit().equals(unit)).findFirst()
                .map(i -> "  \n约谈：" + i.interviewDate() + "，整改措施：" + i.measures()).orElse("");
        return "**%s** 约谈事由：%s。 [查看通报](/briefings/%d)%s".formatted(directory.unitName(unit), why, b.id(), measures);
    }

    private BriefingRecords.Briefing briefing(DelegateExecution execution) {
        return records.find(((Number) execution.getVariable(BriefingProcess.BRIEFING_ID)).longValue()).orElseThrow();
    }
}
