package org.zhaoshang.project;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.Labelled;

/** The ledger pages (项目台账): a filtered, paged list and a project's detail with its timeline. */
@Controller
@RequestMapping("/projects")
class LedgerPageController {

    private final ProjectService projects;
    private final OrgDirectory directory;
    private final java.util.List<ProjectPageContributor> contributors;

    LedgerPageController(ProjectService projects, OrgDirectory directory, java.util.List<ProjectPageContributor> contributors) {
        this.projects = projects;
        this.directory = directory;
        this.contributors = contributors;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffUser user,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String stage,
            @RequestParam(required = false) String industry,
            @RequestParam(required = false) String chain,
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) Boolean keyProject,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        // Unknown filter values are ignored on the page (a hand-edited link shows everything, not an error).
        ProjectSearch search = new ProjectSearch(q,
                Labelled.parse(ProjectStage.class, stage).orElse(null),
                Labelled.parse(Industry.class, industry).orElse(null),
                Labelled.parse(Industry.class, chain).orElse(null),
                unit, keyProject, overdue, null, page, 20);
        var names = directory.unitNames();
        model.addAttribute("result", projects.search(search, user).map(p -> ProjectView.of(p, names, null)));
        model.addAttribute("search", search);
        model.addAttribute("stages", ProjectStage.values());
        model.addAttribute("industries", Industry.values());
        model.addAttribute("chains", Industry.CHAINS);
        model.addAttribute("units", directory.projectUnits());
        model.addAttribute("user", user);
        return "projects/list";
    }

    @GetMapping("/{code}")
    String detail(@AuthenticationPrincipal StaffUser user, @PathVariable String code, Model model) {
        InvestmentProject project = projects.get(code, user);
        model.addAttribute("project", ProjectView.of(project, directory.unitNames(), projects.history(project)));
        model.addAttribute("user", user);
        model.addAttribute("leadOfficialName", directory.personName(project.leadOfficial()));
        contributors.forEach(contributor -> contributor.contribute(project, user, model));
        return "projects/detail";
    }


}
