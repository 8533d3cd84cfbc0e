package org.zhaoshang.leadofficial;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectPageContributor;

/** The "五个一" panel on a project's page: lead, team, plan vs actual, reports, open problems. */
@Component
class KeyProjectPanel implements ProjectPageContributor {

    private final KeyProjectRecords records;
    private final OrgDirectory directory;

    KeyProjectPanel(KeyProjectRecords records, OrgDirectory directory) {
        this.records = records;
        this.directory = directory;
    }

    @Override
    public void contribute(InvestmentProject project, StaffUser viewer, Model model) {
        records.panel(project.code()).ifPresent(panel -> {
            model.addAttribute("keyProjectPanel", panel);
            model.addAttribute("keyProjectLeadName", directory.personName(panel.leadOfficial()));
            model.addAttribute("keyProjectContactName", directory.personName(panel.hostContact()));
            model.addAttribute("keyProjectDepartment", unit(panel.leadDepartment()));
            model.addAttribute("keyProjectTeam", panel.teamDepartments().stream().map(this::unit).toList());
        });
    }

    private String unit(String code) {
        return code == null ? null : directory.unitName(code);
    }
}
