package org.zhaoshang.review;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.system.ApiException;

/** Starts 项目评审 for a project: from the ledger (an existing project) or by registering a new one. */
@Service
public class ReviewService {

    public record Started(String projectCode, String processInstanceId) {
    }

    private final RuntimeService runtimeService;
    private final ProjectService projects;

    ReviewService(RuntimeService runtimeService, ProjectService projects) {
        this.runtimeService = runtimeService;
        this.projects = projects;
    }

    /** Registers the project and submits it for review in one step (all or nothing). */
    @Transactional
    public Started registerAndStart(ProjectRegistration registration, StaffUser user) {
        return start(projects.register(registration, user), user);
    }

    /** Submits a project of the ledger (stage 在谈) for review. */
    @Transactional
    public Started start(String code, StaffUser user) {
        InvestmentProject project = projects.get(code, user);
        boolean mayAct = user.isMemberOf(GroupIds.HEZUO) || user.isAdmin() || user.isMemberOf(project.originUnit())
                || user.isMemberOf(project.hostUnit());
        if (!mayAct) {
            throw ApiException.forbidden("只有项目所在单位或区合作交流办可以提交评审");
        }
        return start(project, user);
    }

    private Started start(InvestmentProject project, StaffUser user) {
        if (project.stage() != ProjectStage.NEGOTIATING) {
            throw ApiException.conflict("只有「在谈」阶段的项目可以提交评审，当前阶段：" + project.stage().label());
        }
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(ReviewProcess.PROCESS_KEY, project.code(),
                Map.of(ReviewProcess.PROJECT_CODE, project.code(), ReviewProcess.REGISTERED_BY, user.id()));
        return new Started(project.code(), instance.getId());
    }
}
