package org.zhaoshang.leadofficial;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.PersonNames;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectPageContributor;

/** The "五个一" panel on a project's page: lead, team, plan vs actual, reports, open problems. */
@Component
class KeyProjectPanel implements ProjectPageContributor {

    private final KeyProjectRecords records;
    private final IdentityService identityService;
    private final OrgDirectory directory;

    KeyProjectPanel(KeyProjectRecords records, IdentityService identityService, OrgDirectory directory) {
        this.records = records;
        this.identityService = identityService;
        this.directory = directory;
    }

    @Override
    public void contribute(InvestmentProject project, StaffUser viewer, Model model) {
        records.panel(project.code()).ifPresent(panel -> {
            model.addAttribute("keyProjectPanel", panel);
            model.addAttribute("keyProjectLeadName", person(panel.leadOfficial()));
            model.addAttribute("keyProjectContactName", person(panel.hostContact()));
            model.addAttribute("keyProjectDepartment", unit(panel.leadDepartment()));
            model.addAttribute("keyProjectTeam", panel.teamDepartments().stream().map(this::unit).toList());
        });
    }

    private String person(String userId) {
        return userId == null ? null : PersonNames.of(identityService.createUserQuery().userId(userId).singleResult());
    }

    private String unit(String code) {
        return code == null ? null : directory.findUnit(code).map(OrgUnit::name).orElse(code);
    }
}
