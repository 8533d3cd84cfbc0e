package org.zhaoshang.monitoring;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectPageContributor;
import org.zhaoshang.system.Times;

/** The project page's steps: open tasks with who holds them and since when, and every finished step. */
@Component
class ProjectTasksPanel implements ProjectPageContributor {

    public record Step(String taskName, String processName, String holder, String createdAt, String dueAt, String endedAt,
            boolean overdue, String duration, String state) {
    }

    private final JdbcClient jdbc;
    private final OrgDirectory directory;
    private final Times times;
    private final Clock clock;

    ProjectTasksPanel(JdbcClient jdbc, OrgDirectory directory, Times times, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.times = times;
        this.clock = clock;
    }

    @Override
    public void contribute(InvestmentProject project, StaffUser viewer, Model model) {
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneId.systemDefault()));
        List<Step> steps = jdbc.sql("SELECT * FROM task_fact WHERE project_code = :code ORDER BY created_at, task_id")
                .param("code", project.code())
                .query((rs, n) -> {
                    String assignee = rs.getString("assignee");
                    String department = rs.getString("department");
                    OffsetDateTime due = rs.getObject("due_at", OffsetDateTime.class);
                    OffsetDateTime ended = rs.getObject("ended_at", OffsetDateTime.class);
                    long total = rs.getLong("total_seconds");
                    return new Step(rs.getString("task_name"), rs.getString("process_definition_key"),
                            assignee != null ? directory.personName(assignee)
                                    : department == null ? "—" : directory.unitName(department) + (ended == null ? "（待认领）" : ""),
                            times.format(rs.getObject("created_at", OffsetDateTime.class), "yyyy-MM-dd HH:mm"),
                            times.format(due, "yyyy-MM-dd HH:mm"), times.format(ended, "yyyy-MM-dd HH:mm"),
                            ended == null && due != null && due.isBefore(now),
                            ended == null ? "" : total >= 86_400 ? "%.1f 天".formatted(total / 86_400.0) : "%.1f 小时".formatted(total / 3_600.0),
                            rs.getString("end_state"));
                })
                .list();
        model.addAttribute("openSteps", steps.stream().filter(s -> s.endedAt().isEmpty()).toList());
        model.addAttribute("finishedSteps", steps.stream().filter(s -> "COMPLETED".equals(s.state())).toList());
    }
}
