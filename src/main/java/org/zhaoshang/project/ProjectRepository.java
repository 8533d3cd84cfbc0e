package org.zhaoshang.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** SQL for the ledger tables; portable between PostgreSQL and H2. */
@Repository
class ProjectRepository {

    private final JdbcClient jdbc;

    ProjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next number of the year, in a transaction of its own: the row lock of the UPDATE makes numbers
     * unique also across nodes, and is held only for this statement — not for the whole registration
     * with its process start, which made every registration wait for the one before (benchmark, issue
     * 11). A registration that fails afterwards leaves its number unused (a gap), never a duplicate. The
     * counter row of a new year is created in its own transaction first, so a lost insert race cannot
     * abort the caller's transaction (PostgreSQL aborts on any failed statement).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int nextNumber(int year) {
        int updated = jdbc.sql("UPDATE project_code_counter SET last_value = last_value + 1 WHERE code_year = :year")
                .param("year", year).update();
        if (updated == 0) {
            throw new IllegalStateException("no counter row for " + year);
        }
        return jdbc.sql("SELECT last_value FROM project_code_counter WHERE code_year = :year")
                .param("year", year).query(Integer.class).single();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void ensureCounter(int year) {
        int exists = jdbc.sql("SELECT COUNT(*) FROM project_code_counter WHERE code_year = :year")
                .param("year", year).query(Integer.class).single();
        if (exists == 0) {
            try {
                jdbc.sql("INSERT INTO project_code_counter (code_year, last_value) VALUES (:year, 0)")
                        .param("year", year).update();
            } catch (DuplicateKeyException anotherNodeWasFaster) {
                // The row exists now, which is all that is needed.
            }
        }
    }

    long insert(InvestmentProject p) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO investment_project (code, name, investor, investor_category, industry, total_investment,
                    foreign_capital, land_area, origin_unit, host_unit, stage, lead_official, key_project,
                    contact_person, contact_phone, description, created_by, created_at, updated_at)
                VALUES (:code, :name, :investor, :category, :industry, :total, :foreign, :land, :origin, :host, :stage,
                    :lead, :key, :contactPerson, :contactPhone, :description, :createdBy, :createdAt, :updatedAt)""")
                .param("code", p.code())
                .param("name", p.name())
                .param("investor", p.investor())
                .param("category", p.investorCategory().name())
                .param("industry", p.industry().name())
                .param("total", p.totalInvestment())
                .param("foreign", p.foreignCapital())
                .param("land", p.landArea())
                .param("origin", p.originUnit())
                .param("host", p.hostUnit())
                .param("stage", p.stage().name())
                .param("lead", p.leadOfficial())
                .param("key", p.keyProject())
                .param("contactPerson", p.contactPerson())
                .param("contactPhone", p.contactPhone())
                .param("description", p.description())
                .param("createdBy", p.createdBy())
                .param("createdAt", p.createdAt())
                .param("updatedAt", p.updatedAt())
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<InvestmentProject> findByCode(String code) {
        return jdbc.sql("SELECT * FROM investment_project WHERE code = :code").param("code", code)
                .query(ProjectRepository::mapProject).optional();
    }

    /** Locks the row for the rest of the transaction: stage changes of one project are serialised. */
    Optional<InvestmentProject> findByCodeForUpdate(String code) {
        return jdbc.sql("SELECT * FROM investment_project WHERE code = :code FOR UPDATE").param("code", code)
                .query(ProjectRepository::mapProject).optional();
    }

    void updateStage(long id, ProjectStage stage, OffsetDateTime now) {
        jdbc.sql("UPDATE investment_project SET stage = :stage, updated_at = :now, version = version + 1 WHERE id = :id")
                .param("stage", stage.name()).param("now", now).param("id", id).update();
    }

    void updateBasics(long id, String name, String investor, java.math.BigDecimal totalInvestment,
            java.math.BigDecimal landArea, String description, OffsetDateTime now) {
        jdbc.sql("""
                UPDATE investment_project SET name = :name, investor = :investor, total_investment = :total,
                    land_area = :land, description = :description, updated_at = :now, version = version + 1
                WHERE id = :id""")
                .param("name", name).param("investor", investor).param("total", totalInvestment)
                .param("land", landArea).param("description", description).param("now", now).param("id", id)
                .update();
    }

    void setHostUnit(long id, String hostUnit, OffsetDateTime now) {
        jdbc.sql("UPDATE investment_project SET host_unit = :host, updated_at = :now, version = version + 1 WHERE id = :id")
                .param("host", hostUnit).param("now", now).param("id", id).update();
    }

    void setLeadOfficial(long id, String leadOfficial, OffsetDateTime now) {
        jdbc.sql("UPDATE investment_project SET lead_official = :lead, updated_at = :now WHERE id = :id")
                .param("lead", leadOfficial).param("now", now).param("id", id).update();
    }

    void markKeyProject(long id, OffsetDateTime now) {
        jdbc.sql("UPDATE investment_project SET key_project = TRUE, updated_at = :now WHERE id = :id")
                .param("now", now).param("id", id).update();
    }

    void insertHistory(long projectId, ProjectEventType type, ProjectStage from, ProjectStage to, String actor,
            String reason, String processInstanceId, String taskId, OffsetDateTime at) {
        jdbc.sql("""
                INSERT INTO project_history (project_id, event_type, from_stage, to_stage, actor, reason,
                    process_instance_id, task_id, occurred_at)
                VALUES (:project, :type, :from, :to, :actor, :reason, :pi, :task, :at)""")
                .param("project", projectId)
                .param("type", type.name())
                .param("from", from == null ? null : from.name())
                .param("to", to == null ? null : to.name())
                .param("actor", actor)
                .param("reason", reason)
                .param("pi", processInstanceId)
                .param("task", taskId)
                .param("at", at)
                .update();
    }

    List<ProjectHistoryEntry> history(long projectId) {
        return jdbc.sql("SELECT * FROM project_history WHERE project_id = :id ORDER BY occurred_at, id")
                .param("id", projectId)
                .query((rs, n) -> new ProjectHistoryEntry(rs.getLong("id"),
                        ProjectEventType.valueOf(rs.getString("event_type")),
                        stage(rs.getString("from_stage")), stage(rs.getString("to_stage")),
                        rs.getString("actor"), rs.getString("reason"), rs.getString("process_instance_id"),
                        rs.getString("task_id"), rs.getObject("occurred_at", OffsetDateTime.class)))
                .list();
    }

    PageResult<InvestmentProject> search(ProjectSearch search, OffsetDateTime now) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (search.text() != null && !search.text().isBlank()) {
            where.append(" AND (LOWER(code) LIKE :text OR LOWER(name) LIKE :text OR LOWER(investor) LIKE :text)");
            params.put("text", "%" + escapeLike(search.text().trim().toLowerCase()) + "%");
        }
        if (search.stage() != null) {
            where.append(" AND stage = :stage");
            params.put("stage", search.stage().name());
        }
        if (search.industry() != null) {
            where.append(" AND industry = :industry");
            params.put("industry", search.industry().name());
        }
        if (search.chain() != null) {
            where.append(" AND ").append(EffectiveChain.of("investment_project")).append(" = :chain");
            params.put("chain", search.chain().name());
        }
        if (search.unit() != null && !search.unit().isBlank()) {
            where.append(" AND (origin_unit = :unit OR host_unit = :unit)");
            params.put("unit", search.unit());
        }
        if (search.keyProject() != null) {
            where.append(" AND key_project = :key");
            params.put("key", search.keyProject());
        }
        if (Boolean.TRUE.equals(search.overdue())) {
            // task_fact (monitoring) holds every open task with its due date; read here so the ledger pages in SQL.
            where.append(" AND EXISTS (SELECT 1 FROM task_fact f WHERE f.project_code = investment_project.code"
                    + " AND f.ended_at IS NULL AND f.due_at < :now)");
            params.put("now", now);
        }
        if (search.visibleUnits() != null) {
            if (search.visibleUnits().isEmpty()) {
                return new PageResult<>(List.of(), search.page(), search.size(), 0);
            }
            where.append(" AND (origin_unit IN (:visible) OR host_unit IN (:visible))");
            params.put("visible", new ArrayList<>(search.visibleUnits()));
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM investment_project" + where).params(params)
                .query(Long.class).single();
        params.put("limit", search.size());
        params.put("offset", (long) search.page() * search.size());
        List<InvestmentProject> items = jdbc.sql("SELECT * FROM investment_project" + where
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params).query(ProjectRepository::mapProject).list();
        return new PageResult<>(items, search.page(), search.size(), total);
    }

    private static String escapeLike(String text) {
        // H2 and PostgreSQL both use backslash as the default LIKE escape character.
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static ProjectStage stage(String value) {
        return value == null ? null : ProjectStage.valueOf(value);
    }

    private static InvestmentProject mapProject(ResultSet rs, int rowNum) throws SQLException {
        return new InvestmentProject(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("investor"),
                InvestorCategory.valueOf(rs.getString("investor_category")),
                Industry.valueOf(rs.getString("industry")),
                rs.getBigDecimal("total_investment"),
                rs.getBigDecimal("foreign_capital"),
                rs.getBigDecimal("land_area"),
                rs.getString("origin_unit"),
                rs.getString("host_unit"),
                ProjectStage.valueOf(rs.getString("stage")),
                rs.getString("lead_official"),
                rs.getBoolean("key_project"),
                rs.getString("contact_person"),
                rs.getString("contact_phone"),
                rs.getString("description"),
                rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
