package org.zhaoshang.monitoring;

import java.time.LocalDate;

/**
 * What a manager asks the dashboard: one process (all versions or one), a period of days
 * {@code [from, to]} in the application's zone, optional industry / host unit / key projects only.
 */
public record DashboardFilter(String process, Integer version, LocalDate from, LocalDate to, String industry, String unit,
        boolean keyOnly) {
}
