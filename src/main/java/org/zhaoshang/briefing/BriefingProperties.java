package org.zhaoshang.briefing;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.briefing.target-miss-metrics}: the yearly targets whose miss at the half-year (June) or the
 * year's end (December) leads to a 约谈. Policy 000 names 内资 and 外资 ("对内资、外资未完成…任务目标的区…约谈").
 */
@ConfigurationProperties("app.briefing")
public record BriefingProperties(@DefaultValue({"DOMESTIC_FUNDS", "FOREIGN_CAPITAL"}) List<BriefingMetric> targetMissMetrics) {

    public BriefingProperties {
        targetMissMetrics = List.copyOf(targetMissMetrics);
    }
}
