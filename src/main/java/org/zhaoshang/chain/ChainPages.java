package org.zhaoshang.chain;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

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
import org.zhaoshang.project.Industry;
import org.zhaoshang.system.ApiException;

/** 产业链 (navigation): the chains with their 五个一 and the year's figures; one chain's page with its 招商图谱 and 项目储备库. */
@Controller
class ChainPages {

    /** A line of the chains' list: the chain and its figures of the year. */
    record Row(IndustryChains.Chain chain, IndustryChains.Figures figures) {
    }

    private final IndustryChains chains;
    private final ChainReviews reviews;
    private final org.zhaoshang.advisor.Introducers introducers;
    private final OrgDirectory directory;
    private final org.camunda.bpm.engine.IdentityService identityService;
    private final Clock clock;

    ChainPages(IndustryChains chains, ChainReviews reviews, org.zhaoshang.advisor.Introducers introducers, OrgDirectory directory,
            org.camunda.bpm.engine.IdentityService identityService, Clock clock) {
        this.chains = chains;
        this.introducers = introducers;
        this.reviews = reviews;
        this.directory = directory;
        this.identityService = identityService;
        this.clock = clock;
    }

    @GetMapping("/chains")
    String list(@RequestParam(required = false) Integer year, Model model) {
        int y = year(year);
        model.addAttribute("year", y);
        model.addAttribute("rows", chains.list().stream().map(c -> new Row(c, chains.figures(c.industry(), y))).toList());
        return "chains/list";
    }

    @GetMapping("/chains/{chain}")
    String page(@AuthenticationPrincipal StaffUser user, @PathVariable String chain, @RequestParam(required = false) Integer year, Model model) {
        Industry industry = IndustryChains.chain(chain);
        int y = year(year);
        model.addAttribute("chain", chains.get(industry));
        model.addAttribute("figures", chains.figures(industry, y));
        model.addAttribute("projects", chains.projects(industry, 100));
        model.addAttribute("year", y);
        model.addAttribute("reviews", reviews.list(industry, 12));
        // 顾问招商 (policy 003 第十七条): the chain's projects of the year by who introduced them, as they stand now.
        model.addAttribute("introducerFigures", introducers.figures(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31), industry).stream()
                .filter(f -> f.registered() > 0).toList());
        model.addAttribute("mayLead", IndustryChains.mayLead(user));
        model.addAttribute("mayKeep", chains.mayKeepTargets(industry, user));
        model.addAttribute("statuses", ChainTargetStatus.values());
        if (IndustryChains.mayLead(user)) {
            model.addAttribute("leaders", identityService.createUserQuery().memberOfGroup(GroupIds.LEADER).orderByUserId().asc().list());
            model.addAttribute("departments", directory.units().stream()
                    .filter(u -> u.kind() == org.zhaoshang.identity.OrgUnitKind.DEPARTMENT).toList());
        }
        return "chains/detail";
    }

    @PostMapping("/chains/{chain}/lead")
    String lead(@AuthenticationPrincipal StaffUser user, @PathVariable String chain, @RequestParam(required = false) String leader,
            @RequestParam(required = false) String leadDepartment, @RequestParam(required = false) String team,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        Industry industry = IndustryChains.chain(chain);
        try {
            List<String> members = team == null ? List.of() : java.util.Arrays.stream(team.split("[,，、\\s]+")).filter(s -> !s.isBlank()).toList();
            chains.lead(industry, leader, leadDepartment, members, note, user);
            redirect.addFlashAttribute("notice", "已保存" + industry.label() + "产业链的五个一");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/chains/" + industry.name();
    }

    @PostMapping("/chains/{chain}/targets")
    String addTarget(@AuthenticationPrincipal StaffUser user, @PathVariable String chain, @RequestParam(required = false) String name,
            @RequestParam(required = false) String ranking, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        Industry industry = IndustryChains.chain(chain);
        try {
            IndustryChains.Target added = chains.addTarget(industry, name, ranking, note, user);
            redirect.addFlashAttribute("notice", "已将" + added.name() + "列入招商图谱");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/chains/" + industry.name();
    }

    @PostMapping("/chains/targets/{id}/status")
    String move(@AuthenticationPrincipal StaffUser user, @PathVariable long id, @RequestParam(required = false) String status,
            @RequestParam(required = false) String projectCode, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        IndustryChains.Target target = chains.target(id).orElseThrow(() -> ApiException.notFound("招商图谱中没有这家企业：" + id));
        try {
            IndustryChains.Target moved = chains.move(id, status, projectCode, note, user);
            redirect.addFlashAttribute("notice", moved.name() + "：" + moved.status().label());
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/chains/" + target.industry().name();
    }

    private int year(Integer year) {
        int thisYear = LocalDate.now(clock).getYear();
        return year == null || year < 2000 || year > thisYear + 1 ? thisYear : year;
    }
}
