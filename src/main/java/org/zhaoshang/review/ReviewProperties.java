package org.zhaoshang.review;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.review}: how many times 预审 may return a project for correction before the next failure
 * ends it as 不予受理, and the quorum of a review meeting (share of member departments present).
 */
@ConfigurationProperties("app.review")
public record ReviewProperties(@DefaultValue("2") int maxCorrections, @DefaultValue("0.6667") double quorumRatio) {
}
