package org.zhaoshang.review;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.EngineIdentityAuthenticationProvider;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.system.ApiException;

/**
 * {@code ${registerProjectDelegate}}: the first step of 项目评审. Started from Tasklist's start form,
 * it registers the project in the ledger from the form (re-validated here, with the initiator's own
 * unit as origin); started for a project already in the ledger ({@code projectCode} given), it uses
 * that one. Either way the project moves to 评审中 and the instance's business key is its code.
 */
@Component
class RegisterProjectDelegate implements JavaDelegate {

    private final ProjectService projects;
    private final EngineIdentityAuthenticationProvider identity;
    private final Validator validator;
    private final ReviewProperties properties;

    RegisterProjectDelegate(ProjectService projects, EngineIdentityAuthenticationProvider identity, Validator validator,
            ReviewProperties properties) {
        this.projects = projects;
        this.identity = identity;
        this.validator = validator;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String initiator = ProjectFacts.text(execution.getVariable(ReviewProcess.REGISTERED_BY));
        StaffUser user = identity.staffUser(initiator)
                .orElseThrow(() -> new BadUserRequestException("无法确认登记人身份，请登录后再提交"));
        String code = ProjectFacts.text(execution.getVariable(ReviewProcess.PROJECT_CODE));
        InvestmentProject project = code == null ? registerFromForm(execution, user) : projects.find(code)
                .orElseThrow(() -> new BadUserRequestException("项目不存在：" + code));
        execution.setProcessBusinessKey(project.code());
        try {
            project = projects.changeStage(project.code(), ProjectStage.UNDER_REVIEW, user.id(), "提交项目评审",
                    execution.getProcessInstanceId(), null);
        } catch (ApiException e) {
            throw new BadUserRequestException(e.getMessage());
        }
        ProjectFacts.refresh(execution, project);
        execution.setVariable(ReviewProcess.CORRECTION_COUNT, 0);
        execution.setVariable(ReviewProcess.MAX_CORRECTIONS, properties.maxCorrections());
        execution.setVariable(ReviewProcess.REVIEW_VETOED, false);
        execution.setVariable(ReviewProcess.ELIMINATED_IS_VETO, properties.eliminatedIsVeto());
        execution.setVariable(ReviewProcess.ELIMINATED_RULE, properties.eliminatedRule());
    }

    private InvestmentProject registerFromForm(DelegateExecution execution, StaffUser user) {
        if (user.projectUnitIds().isEmpty()) {
            throw new BadUserRequestException("只有街道、园区、区级部门的招商人员可以在待办中登记项目；区合作交流办请在项目台账中代为登记");
        }
        ProjectRegistration form = new ProjectRegistration(
                ProjectFacts.text(execution.getVariable(ReviewProcess.PROJECT_NAME)),
                ProjectFacts.text(execution.getVariable(ReviewProcess.INVESTOR)),
                ProjectFacts.text(execution.getVariable(ReviewProcess.INVESTOR_CATEGORY)),
                ProjectFacts.text(execution.getVariable(ReviewProcess.INDUSTRY)),
                ProjectFacts.decimal(execution.getVariable(ReviewProcess.TOTAL_INVESTMENT)),
                ProjectFacts.decimal(execution.getVariable(ReviewProcess.FOREIGN_CAPITAL)),
                ProjectFacts.decimal(execution.getVariable(ReviewProcess.LAND_AREA)),
                user.projectUnitIds().get(0), null, false,
                ProjectFacts.text(execution.getVariable(ReviewProcess.CONTACT_PERSON)),
                ProjectFacts.text(execution.getVariable(ReviewProcess.CONTACT_PHONE)),
                ProjectFacts.text(execution.getVariable(ReviewProcess.PROJECT_DESCRIPTION)),
                ProjectFacts.text(execution.getVariable(ReviewProcess.INTRODUCER_KIND)), null,
                ProjectFacts.text(execution.getVariable(ReviewProcess.INTRODUCER_NAME)));
        Set<ConstraintViolation<ProjectRegistration>> violations = validator.validate(form);
        if (!violations.isEmpty()) {
            throw new BadUserRequestException(violations.stream().map(ConstraintViolation::getMessage).sorted()
                    .collect(Collectors.joining("；")));
        }
        try {
            return projects.register(form, user);
        } catch (ApiException e) {
            throw new BadUserRequestException(e.getMessage());
        }
    }
}
