package org.zhaoshang.project;

import org.zhaoshang.system.Labelled;

/** Kinds of entry on a project's timeline (项目动态). Processes add their own as they come. */
public enum ProjectEventType implements Labelled {
    CREATED("登记项目"),
    STAGE_CHANGED("阶段变更"),
    /** A stage recorded under an earlier rule, corrected by a data migration (V12: 已否决 → 不予通过). */
    STAGE_CORRECTED("阶段更正"),
    TASK_REMINDED("到期提醒"),
    TASK_ESCALATED("逾期督办"),
    REVIEW_OPINION("评审意见"),
    PROJECT_CORRECTED("补正项目信息"),
    MEETING_DECISION("论证会表决"),
    KEY_PROJECT_HANDOVER("移交五个一包联"),
    LEAD_OFFICIAL_ASSIGNED("确定包联领导"),
    KEY_PROJECT_PLAN("推进方案"),
    KEY_PROJECT_REPORT("月度进展"),
    KEY_PROJECT_PROBLEM("协调事项"),
    HANDOFF("项目统筹流转"),
    HOST_CHANGED("承载单位变更"),
    AGREEMENT_REGISTERED("登记签约协议"),
    MILESTONE_REPORTED("报送履约情况"),
    MILESTONE_VERIFIED("核验履约节点"),
    MILESTONE_SUPERVISED("履约督办"),
    AGREEMENT_AMENDED("协议变更"),
    AGREEMENT_ENDED("协议结束"),
    INCENTIVE_PAYMENT("奖励兑付"),
    POST_EVALUATION("项目后评价"),
    TAX_RECORDED("录入税收"),
    INTRODUCER_CHANGED("引荐来源变更"),
    CHAIN_CHANGED("产业链变更"),
    TASK_OPERATION("审批操作");

    private final String label;

    ProjectEventType(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
