package org.zhaoshang.agreement;

import java.util.Optional;

import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.system.Labelled;

/**
 * 履约节点类型. The first four are the policies' 签约注册、资金到位、开建开业 (policy 000) and move the
 * project's stage when verified 达成; the yearly ones are also the targets of the post-evaluation.
 */
public enum MilestoneType implements Labelled {
    REGISTRATION("注册落地", "项", ProjectStage.REGISTERED),
    FUNDING("资金到位", "万元", ProjectStage.FUNDED),
    CONSTRUCTION("开工", "项", ProjectStage.CONSTRUCTION),
    OPERATION("投产", "项", ProjectStage.OPERATING),
    ANNUAL_TAX("年度税收", "万元", null),
    ANNUAL_JOBS("年度就业", "人", null),
    ANNUAL_OUTPUT("年度产值", "万元", null),
    FIXED_ASSET_INVESTMENT("固定资产投资", "万元", null),
    OTHER("其他", "项", null);

    private final String label;
    private final String defaultUnit;
    private final ProjectStage reaches;

    MilestoneType(String label, String defaultUnit, ProjectStage reaches) {
        this.label = label;
        this.defaultUnit = defaultUnit;
        this.reaches = reaches;
    }

    @Override
    public String label() {
        return label;
    }

    public String defaultUnit() {
        return defaultUnit;
    }

    /** The stage a verified 达成 of this milestone moves the project to, if any. */
    public Optional<ProjectStage> reaches() {
        return Optional.ofNullable(reaches);
    }
}
