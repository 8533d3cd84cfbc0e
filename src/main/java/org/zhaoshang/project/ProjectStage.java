package org.zhaoshang.project;

import org.zhaoshang.system.Labelled;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * 项目阶段, from the policies' 在谈一批、签约一批、落地一批、开工一批、达产一批. A stage only moves forward,
 * through a process step; {@link #canMoveTo} is the single table of allowed moves.
 */
public enum ProjectStage implements Labelled {
    NEGOTIATING("在谈"),
    UNDER_REVIEW("评审中"),
    APPROVED("已批准"),
    SIGNED("已签约"),
    REGISTERED("已注册落地"),
    FUNDED("资金到位"),
    CONSTRUCTION("已开工"),
    OPERATING("已投产/达产"),
    /** 一票否决 by 环保 or 消防 (policy 001), in their review or at the 论证会. */
    VETOED("已否决"),
    /** Not passed by the 论证会 or the 区政府常务会议: an ordinary rejection, not a veto. */
    REJECTED("不予通过"),
    LOST("已流失"),
    TERMINATED("已终止");

    private static final Map<ProjectStage, Set<ProjectStage>> ALLOWED = Map.ofEntries(
            // A project under negotiation is registered for review, or is lost / given up.
            Map.entry(NEGOTIATING, EnumSet.of(UNDER_REVIEW, LOST, TERMINATED)),
            // Review ends in approval, a one-vote veto (一票否决), a rejection by the 论证会 or the government
            // meeting (不予通过), 不予受理 (→ TERMINATED), or the project leaves the district (LOST).
            Map.entry(UNDER_REVIEW, EnumSet.of(APPROVED, VETOED, REJECTED, LOST, TERMINATED)),
            Map.entry(APPROVED, EnumSet.of(SIGNED, LOST, TERMINATED)),
            // After signing, the agreement milestones may be reached out of order (开工 before 资金到位
            // is complete), so any later stage of the main line is allowed, never an earlier one.
            Map.entry(SIGNED, EnumSet.of(REGISTERED, FUNDED, CONSTRUCTION, OPERATING, TERMINATED)),
            Map.entry(REGISTERED, EnumSet.of(FUNDED, CONSTRUCTION, OPERATING, TERMINATED)),
            Map.entry(FUNDED, EnumSet.of(CONSTRUCTION, OPERATING, TERMINATED)),
            Map.entry(CONSTRUCTION, EnumSet.of(OPERATING, TERMINATED)),
            Map.entry(OPERATING, EnumSet.of(TERMINATED)),
            Map.entry(VETOED, EnumSet.noneOf(ProjectStage.class)),
            Map.entry(REJECTED, EnumSet.noneOf(ProjectStage.class)),
            Map.entry(LOST, EnumSet.noneOf(ProjectStage.class)),
            Map.entry(TERMINATED, EnumSet.noneOf(ProjectStage.class)));

    private final String label;

    ProjectStage(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    public boolean canMoveTo(ProjectStage target) {
        return ALLOWED.get(this).contains(target);
    }

    public boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }
}
