package org.zhaoshang.handoff;

import java.util.EnumSet;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/** 推送项目: the host unit pushes a project it cannot host to the district platform. */
@Service
public class HandoffService {

    /** Before it lands (注册落地); not while it is under review, whose steps belong to the current unit. */
    static final EnumSet<ProjectStage> MOVABLE = EnumSet.of(ProjectStage.NEGOTIATING, ProjectStage.APPROVED, ProjectStage.SIGNED);

    private final RuntimeService runtimeService;
    private final ProjectService projects;
    private final HandoffRecords records;

    HandoffService(RuntimeService runtimeService, ProjectService projects, HandoffRecords records) {
        this.runtimeService = runtimeService;
        this.projects = projects;
        this.records = records;
    }

    @Transactional
    public String request(String code, String reasonCategory, String reasonText, StaffUser user) {
        InvestmentProject project = projects.get(code, user);
        if (!user.isMemberOf(project.hostUnit())) {
            throw ApiException.forbidden("只有项目当前的承载单位可以推送项目");
        }
        HandoffReason reason = Labelled.parse(HandoffReason.class, reasonCategory)
                .orElseThrow(() -> ApiException.badField("reasonCategory", "请选择不能承接的原因（土地、产业定位不符、环境容量、配套不足、其他）"));
        String text = reasonText == null ? "" : reasonText.trim();
        if (text.isEmpty()) {
            throw ApiException.badField("reasonText", "请说明不能承接的具体原因");
        }
        if (text.length() > 2000) {
            throw ApiException.badField("reasonText", "原因说明不能超过2000字");
        }
        if (!MOVABLE.contains(project.stage())) {
            throw ApiException.conflict("项目当前阶段（" + project.stage().label() + "）不能流转");
        }
        if (records.hasOpen(code)) {
            throw ApiException.conflict("该项目已在流转中");
        }
        return runtimeService.createMessageCorrelation(HandoffProcess.MESSAGE_START).processInstanceBusinessKey(code)
                .setVariables(Map.of(HandoffProcess.REQUESTED_BY, user.id(), HandoffProcess.REASON_CATEGORY, reason.name(),
                        HandoffProcess.REASON_TEXT, reason.label() + "：" + text))
                .correlateStartMessage().getId();
    }
}
