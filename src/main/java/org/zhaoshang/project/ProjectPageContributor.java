package org.zhaoshang.project;

import org.springframework.ui.Model;
import org.zhaoshang.identity.StaffUser;

/**
 * A feature that adds its part to a project's page (the review's opinions, later agreements and
 * milestones), so the ledger does not depend on every feature that records something on a case.
 */
public interface ProjectPageContributor {

    void contribute(InvestmentProject project, StaffUser viewer, Model model);
}
