package org.zhaoshang.leadofficial;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;

/** Starts 五个一 for an approved project on 合作交流办's request (the review starts it for key projects). */
@Service
public class KeyProjectLeadService {

    private final RuntimeService runtimeService;
    private final ProjectService projects;

    KeyProjectLeadService(RuntimeService runtimeService, ProjectService projects) {
        this.runtimeService = runtimeService;
        this.projects = projects;
    }

    @Transactional
    public String start(String code, StaffUser user) {
        if (!user.isMemberOf(GroupIds.HEZUO) && !user.isAdmin()) {
            throw ApiException.forbidden("只有区合作交流办可以启动五个一包联");
        }
        projects.get(code, user);
        if (runtimeService.createProcessInstanceQuery().processDefinitionKey(KeyProjectLeadProcess.PROCESS_KEY)
                .processInstanceBusinessKey(code).count() > 0) {
            throw ApiException.conflict("该项目的五个一包联已在推进中");
        }
        if (!OpenKeyProjectCaseDelegate.FOLLOWED.contains(projects.find(code).orElseThrow().stage())) {
            throw ApiException.conflict("只有已批准且尚未投产的项目可以启动五个一包联");
        }
        ProcessInstance instance = runtimeService.createMessageCorrelation(KeyProjectLeadProcess.MESSAGE_START)
                .processInstanceBusinessKey(code).correlateStartMessage();
        return instance.getId();
    }
}
