package org.zhaoshang.handoff;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.handoff}: the origin unit's share of a moved project's figures (policy 001: 三七分成, 0.3)
 * and the information-sharing bonus points (policy 004: 考核加分) the origin unit gets per moved project.
 */
@ConfigurationProperties("app.handoff")
public record HandoffProperties(@DefaultValue("0.30") BigDecimal originShare, @DefaultValue("1.0") BigDecimal bonusPoints) {

    public HandoffProperties {
        if (originShare.signum() < 0 || originShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalStateException("app.handoff.origin-share must be between 0 and 1: " + originShare);
        }
    }
}
