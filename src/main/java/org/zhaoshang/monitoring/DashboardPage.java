package org.zhaoshang.monitoring;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.Industry;

/** /dashboard: the bottleneck page; the figures come from /api/dashboard (dashboard.js). */
@Controller
class DashboardPage {

    private final DashboardService service;
    private final OrgDirectory directory;

    DashboardPage(DashboardService service, OrgDirectory directory) {
        this.service = service;
        this.directory = directory;
    }

    @GetMapping("/dashboard")
    String dashboard(@AuthenticationPrincipal StaffUser user, Model model) {
        Scope scope = Scope.of(user);
        model.addAttribute("processes", service.processes());
        model.addAttribute("industries", Industry.values());
        model.addAttribute("chains", Industry.CHAINS);
        model.addAttribute("units", directory.projectUnits().stream().filter(u -> scope.mayFilterByUnit(u.code())).toList());
        model.addAttribute("wholeDistrict", scope.all());
        return "dashboard";
    }
}
