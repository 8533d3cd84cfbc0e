package org.zhaoshang.handoff;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.system.ApiException;
import org.springframework.ui.Model;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectPageContributor;

/** The project page's handoff part: past handoffs with every candidate's answer, the 三七分成, and the push form. */
@Controller
class HandoffPanel implements ProjectPageContributor {

    public record FeedbackRow(String unit, String decision, String reason) {
    }

    private final HandoffRecords records;
    private final CreditShares shares;
    private final OrgDirectory directory;
    private final HandoffService service;

    HandoffPanel(HandoffRecords records, CreditShares shares, OrgDirectory directory, HandoffService service) {
        this.records = records;
        this.shares = shares;
        this.directory = directory;
        this.service = service;
    }

    @PostMapping("/projects/{code}/handoff")
    String push(@AuthenticationPrincipal StaffUser user, @PathVariable String code, @RequestParam String reasonCategory,
            @RequestParam String reasonText, RedirectAttributes redirect) {
        try {
            service.request(code, reasonCategory, reasonText, user);
            redirect.addFlashAttribute("notice", "已推送至区招商引资项目管理平台，由区合作交流办统筹承接载体");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/projects/" + code;
    }

    @Override
    public void contribute(InvestmentProject project, StaffUser viewer, Model model) {
        List<HandoffRecords.Handoff> handoffs = records.of(project.code());
        if (!handoffs.isEmpty()) {
            model.addAttribute("handoffs", handoffs);
            model.addAttribute("handoffFeedback", handoffs.stream().flatMap(h -> h.feedback().stream())
                    .map(f -> new FeedbackRow(directory.unitName(f.unit()), switch (f.decision()) {
                        case "ACCEPT" -> "接收";
                        case "DECLINE" -> "不接收";
                        default -> "逾期未反馈（视为不接收）";
                    }, f.reason())).toList());
        }
        shares.find(project.code()).ifPresent(share -> model.addAttribute("creditShareText",
                "三七分成：%s %s%%，%s %s%%（落地项目数、内资到位额、税收）".formatted(directory.unitName(share.originUnit()),
                        share.originRatio().movePointRight(2).stripTrailingZeros().toPlainString(), directory.unitName(share.landingUnit()),
                        share.landingRatio().movePointRight(2).stripTrailingZeros().toPlainString())));
        model.addAttribute("mayPushProject", viewer.isMemberOf(project.hostUnit()) && HandoffService.MOVABLE.contains(project.stage())
                && !records.hasOpen(project.code()));
        model.addAttribute("handoffReasons", HandoffReason.values());
    }

}
