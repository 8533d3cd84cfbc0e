package org.zhaoshang.chain;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.Industry;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectPageContributor;
import org.zhaoshang.system.ApiException;

/** 所属产业链 on the project's page, and its change by 合作交流办 or the host unit (with a reason, into the history). */
@Controller
class ProjectChainPanel implements ProjectPageContributor {

    private final IndustryChains chains;

    ProjectChainPanel(IndustryChains chains) {
        this.chains = chains;
    }

    @Override
    public void contribute(InvestmentProject project, StaffUser viewer, Model model) {
        model.addAttribute("chain", chains.chainOf(project));
        boolean mayChange = IndustryChains.mayChangeChain(project, viewer);
        model.addAttribute("mayChangeChain", mayChange);
        if (mayChange) {
            model.addAttribute("chainChoices", IndustryChains.CHAINS);
        }
    }

    @PostMapping("/projects/{code}/chain")
    String change(@AuthenticationPrincipal StaffUser user, @PathVariable String code, @RequestParam(required = false) String chain,
            @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            Industry saved = chains.changeChain(code, chain, reason, user);
            redirect.addFlashAttribute("notice", "所属产业链已调整为：" + saved.label());
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/projects/" + code;
    }
}
