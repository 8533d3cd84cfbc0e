package org.zhaoshang.advisor;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectPageContributor;
import org.zhaoshang.system.ApiException;

/** 引荐来源 on the project's page, and its correction by 合作交流办 or the origin unit (with a reason, into the history). */
@Controller
class IntroducerPanel implements ProjectPageContributor {

    private final Introducers introducers;
    private final Advisors advisors;

    IntroducerPanel(Introducers introducers, Advisors advisors) {
        this.introducers = introducers;
        this.advisors = advisors;
    }

    @Override
    public void contribute(InvestmentProject project, StaffUser viewer, Model model) {
        model.addAttribute("introducer", introducers.of(project));
        boolean mayChange = Introducers.mayChange(project, viewer);
        model.addAttribute("mayChangeIntroducer", mayChange);
        if (mayChange) {
            model.addAttribute("introducerKinds", IntroducerKind.values());
            model.addAttribute("activeAdvisors", advisors.list().stream().filter(Advisors.Advisor::active).toList());
        }
    }

    @PostMapping("/projects/{code}/introducer")
    String change(@AuthenticationPrincipal StaffUser user, @PathVariable String code, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String advisorId, @RequestParam(required = false) String name,
            @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            Long advisor;
            try {
                advisor = advisorId == null || advisorId.isBlank() ? null : Long.valueOf(advisorId.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badField("advisorId", "请从名单中选择招商顾问");
            }
            IntroducerRecords.Introducer saved = introducers.change(code, kind, advisor, name, reason, user);
            redirect.addFlashAttribute("notice", "引荐来源已更改为：" + saved.label());
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/projects/" + code;
    }
}
