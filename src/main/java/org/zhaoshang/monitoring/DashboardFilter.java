package org.zhaoshang.monitoring;

import java.time.LocalDate;

/**
 * What a manager asks the dashboard: one process (all versions or one), a period of days
 * {@code [from, to]} in the application's zone, optional industry / 产业链 (the project's chain, its industry's unless it was
 * moved) / host unit / key projects only.
 */
public record DashboardFilter(String process, Integer version, LocalDate from, LocalDate to, String industry, String chain,
        String unit, boolean keyOnly) {
}
