package org.zhaoshang.unitreport;

import org.zhaoshang.system.Labelled;

/**
 * What a unit reports and how often (policy 004: 每周招商动态报送; policy 002: 每月5日报送上月三表, 每季度第一个月15日前报送
 * 上季度情况报告, 每年1月底以前报送上年度工作总结和本年度工作思路安排).
 */
public enum ReportKind implements Labelled {
    WEEKLY("每周招商动态"),
    MONTHLY("月度报表（情况表、跟踪反馈单、服务清单）"),
    QUARTERLY("季度招商引资情况报告"),
    ANNUAL("年度工作总结和工作思路安排");

    private final String label;

    ReportKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
