package org.zhaoshang.identity;

/** Camunda group ids the product knows by name (DESIGN.md, "Who uses it"). Units are {@code unit-<code>}. */
public final class GroupIds {

    public static final String ADMIN = "camunda-admin";
    /** 区合作交流办: owns the investment platform. */
    public static final String HEZUO = "dept-hezuo";
    public static final String GONGXIN = "dept-gongxin";
    public static final String SHANGWU = "dept-shangwu";
    public static final String NONGYE = "dept-nongye";
    public static final String KEJI = "dept-keji";
    /** 生态环境局: may veto (一票否决). */
    public static final String HUANBAO = "dept-huanbao";
    /** 消防救援: may veto (一票否决). */
    public static final String XIAOFANG = "dept-xiaofang";
    public static final String FAGAI = "dept-fagai";
    /** 督查室: receives the last escalation level (督办). */
    public static final String DUCHA = "dept-ducha";
    /** 区政府常务会议 secretary. */
    public static final String ZHENGFUBAN = "dept-zhengfuban";
    /** 区财政局: pays incentives and recovers them when an agreement is terminated (追回). */
    public static final String CAIZHENG = "dept-caizheng";
    /** 区领导. */
    public static final String LEADER = "leader";

    public static final String UNIT_PREFIX = "unit-";
    public static final String DEPARTMENT_PREFIX = "dept-";

    private GroupIds() {
    }

    public static boolean isUnit(String groupId) {
        return groupId.startsWith(UNIT_PREFIX);
    }

    /**
     * Groups that bring projects in their own name (登记、推送 and ranked in the briefing): the streets and
     * parks, and the district's departments (policy 001: 区行业部门负责组织和推动行业招商; 003: 管行业就要管招商),
     * except 合作交流办, which runs the platform, registers for others and assembles the ranking.
     */
    public static boolean bringsProjects(String groupId) {
        return isUnit(groupId) || (groupId.startsWith(DEPARTMENT_PREFIX) && !HEZUO.equals(groupId));
    }

    /** Groups whose members see every project of the district (departments, leaders, administrators). */
    public static boolean seesWholeDistrict(String groupId) {
        return groupId.startsWith(DEPARTMENT_PREFIX) || LEADER.equals(groupId) || ADMIN.equals(groupId);
    }
}
