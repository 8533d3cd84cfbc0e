package org.zhaoshang.project;

import org.zhaoshang.identity.StaffUser;

/**
 * What a feature records with a new project (who introduced it, …) without the ledger depending on that feature:
 * {@link #check} runs before anything is written (a refusal is an ApiException, and nothing is registered),
 * {@link #registered} in the same transaction after the project row exists.
 */
public interface ProjectRegistrationStep {

    void check(ProjectRegistration form, StaffUser user);

    void registered(InvestmentProject project, ProjectRegistration form, StaffUser user);
}
