package org.zhaoshang.agreement;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.agreement}: when a milestone's report task opens (working days before its due date), how
 * many years the post-evaluation runs (policy 001: 五年), and which shortfall against the agreement's
 * targets is flagged in the briefing (0.30: more than 30% below target).
 */
@ConfigurationProperties("app.agreement")
public record AgreementProperties(@DefaultValue("20") int reportWindowDays, @DefaultValue("5") int evaluationYears,
        @DefaultValue("0.30") BigDecimal shortfallThreshold) {

    public AgreementProperties {
        if (reportWindowDays < 0 || evaluationYears < 1 || shortfallThreshold.signum() < 0
                || shortfallThreshold.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalStateException("app.agreement: report-window-days ≥ 0, evaluation-years ≥ 1, shortfall-threshold 0..1");
        }
    }
}
