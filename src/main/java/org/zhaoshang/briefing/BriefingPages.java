package org.zhaoshang.briefing;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiException;

/**
 * /briefings: published briefings for everyone (they are circulated to all units), drafts for the
 * district's managers; Excel and CSV downloads; the units' yearly targets, edited by 合作交流办.
 */
@Controller
class BriefingPages {

    private final BriefingRecords records;
    private final BriefingExport export;
    private final OrgDirectory directory;
    private final Clock clock;
    private final org.zhaoshang.advisor.Introducers introducers;

    BriefingPages(BriefingRecords records, BriefingExport export, OrgDirectory directory, Clock clock,
            org.zhaoshang.advisor.Introducers introducers) {
        this.records = records;
        this.export = export;
        this.directory = directory;
        this.clock = clock;
        this.introducers = introducers;
    }

    @GetMapping("/briefings")
    String list(@AuthenticationPrincipal StaffUser user, Model model) {
        model.addAttribute("briefings", records.list(!user.seesWholeDistrict()));
        model.addAttribute("mayEditTargets", user.isMemberOf(GroupIds.HEZUO));
        return "briefings/list";
    }

    @GetMapping("/briefings/{id}")
    String detail(@AuthenticationPrincipal StaffUser user, @PathVariable long id, Model model) {
        BriefingRecords.Briefing briefing = visible(id, user);
        model.addAttribute("briefing", briefing);
        model.addAttribute("label", BriefingService.label(briefing));
        model.addAttribute("rankings", export.rankings(briefing));
        model.addAttribute("interviews", interviewRows(id));
        model.addAttribute("names", directory.unitNames());
        if (user.seesWholeDistrict()) {
            // 顾问招商 (policy 003 第十七条): the year's projects up to this briefing, by who introduced them, as they stand now.
            model.addAttribute("introducerFigures", introducers.figures(briefing.periodStart().withDayOfYear(1), briefing.periodEnd())
                    .stream().filter(f -> f.registered() > 0).toList());
        }
        // 产业链 (policy 000, issue 25): the period's and the year's figures of each chain, as the ledger has them now.
        model.addAttribute("chainFigures", export.chainFigures(briefing));
        return "briefings/detail";
    }

    @GetMapping("/briefings/{id}.xlsx")
    ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal StaffUser user, @PathVariable long id) throws IOException {
        BriefingRecords.Briefing briefing = visible(id, user);
        return download(export.xlsx(briefing), "招商引资通报-" + briefing.periodLabel() + ".xlsx",
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    }

    @GetMapping("/briefings/{id}.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal StaffUser user, @PathVariable long id) {
        BriefingRecords.Briefing briefing = visible(id, user);
        return download(export.csv(briefing), "招商引资通报-" + briefing.periodLabel() + ".csv", new MediaType("text", "csv", StandardCharsets.UTF_8));
    }

    @GetMapping("/briefings/targets")
    String targets(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) Integer year, Model model) {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        model.addAttribute("year", y);
        model.addAttribute("units", directory.hostUnits());
        model.addAttribute("departments", directory.investmentDepartments());
        model.addAttribute("metrics", BriefingMetric.values());
        model.addAttribute("targets", records.targets(y));
        model.addAttribute("mayEdit", user.isMemberOf(GroupIds.HEZUO));
        return "briefings/targets";
    }

    @PostMapping("/briefings/targets")
    String saveTargets(@AuthenticationPrincipal StaffUser user, @RequestParam int year, @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        if (!user.isMemberOf(GroupIds.HEZUO)) {
            throw ApiException.forbidden("只有区合作交流办可以修改目标");
        }
        if (year < 2000 || year > 2100) {
            throw ApiException.badField("year", "年份不正确");
        }
        List<String> errors = new java.util.ArrayList<>();
        for (var unit : directory.projectUnits()) {
            for (BriefingMetric metric : BriefingMetric.values()) {
                String value = form.get(unit.code() + "." + metric.name());
                if (value == null || value.isBlank()) {
                    continue;
                }
                try {
                    BigDecimal target = new BigDecimal(value.trim());
                    if (target.signum() < 0 || target.compareTo(new BigDecimal("99999999")) > 0) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    errors.add(unit.name() + "·" + metric.label() + "：" + value);
                }
            }
        }
        if (!errors.isEmpty()) {
            redirect.addFlashAttribute("error", "目标须为不小于0的数字，未保存：" + String.join("；", errors));
            return "redirect:/briefings/targets?year=" + year;
        }
        for (var unit : directory.projectUnits()) {
            for (BriefingMetric metric : BriefingMetric.values()) {
                String value = form.get(unit.code() + "." + metric.name());
                if (value != null && !value.isBlank()) {
                    records.setTarget(unit.code(), year, metric, new BigDecimal(value.trim()), user.id());
                }
            }
        }
        redirect.addFlashAttribute("notice", year + "年目标已保存");
        return "redirect:/briefings/targets?year=" + year;
    }

    /** A unit to be interviewed: why, and the 约谈 once recorded (null until then). */
    public record InterviewRow(String unit, List<BriefingRecords.InterviewReason> reasons, BriefingRecords.Interview interview) {
    }

    /** Every unit named for a 约谈 (or, for briefings before reasons were kept, every unit interviewed). */
    private List<InterviewRow> interviewRows(long id) {
        Map<String, BriefingRecords.Interview> done = new java.util.HashMap<>();
        records.interviews(id).forEach(i -> done.put(i.unit(), i));
        Map<String, List<BriefingRecords.InterviewReason>> reasons = new java.util.LinkedHashMap<>(records.reasons(id));
        done.keySet().stream().sorted().forEach(unit -> reasons.putIfAbsent(unit, List.of()));
        return reasons.entrySet().stream().map(e -> new InterviewRow(e.getKey(), e.getValue(), done.get(e.getKey()))).toList();
    }

    private BriefingRecords.Briefing visible(long id, StaffUser user) {
        return records.find(id).filter(b -> b.published() || user.seesWholeDistrict())
                .orElseThrow(() -> ApiException.notFound("通报不存在或尚未发布"));
    }

    private static ResponseEntity<byte[]> download(byte[] body, String name, MediaType type) {
        return org.zhaoshang.system.Downloads.attachment(body, name, type);
    }

}
