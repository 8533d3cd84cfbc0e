package org.zhaoshang.calendar;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The holiday years administrators entered ({@code holiday_year}, the YAML of the shipped files), their
 * change history ({@code holiday_change}) and the revision counter ({@code holiday_revision}) that
 * every node polls to notice a change made on another node.
 */
@Repository
class HolidayRepository {

    record StoredYear(int year, String yaml, String updatedBy, OffsetDateTime updatedAt) {
    }

    record Change(long id, int year, String action, String changedBy, OffsetDateTime changedAt, HolidayOrigin beforeOrigin,
            String beforeYaml, HolidayOrigin afterOrigin, String afterYaml) {
    }

    private final JdbcClient jdbc;

    HolidayRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long revision() {
        return jdbc.sql("SELECT revision FROM holiday_revision WHERE id = 1").query(Long.class).single();
    }

    /**
     * Counts a change, inside the writer's transaction. The row lock it takes serialises administrators'
     * changes on all nodes, so "before" in the history is what the change replaced, and a node that reads
     * the new revision after the commit also reads the new years.
     */
    void countChange() {
        jdbc.sql("UPDATE holiday_revision SET revision = revision + 1 WHERE id = 1").update();
    }

    List<StoredYear> all() {
        return jdbc.sql("SELECT * FROM holiday_year ORDER BY calendar_year").query(HolidayRepository::storedYear).list();
    }

    Optional<StoredYear> find(int year) {
        return jdbc.sql("SELECT * FROM holiday_year WHERE calendar_year = :year").param("year", year)
                .query(HolidayRepository::storedYear).optional();
    }

    void save(int year, String yaml, String user, OffsetDateTime now) {
        int updated = jdbc.sql("UPDATE holiday_year SET content = :yaml, updated_by = :user, updated_at = :now WHERE calendar_year = :year")
                .param("yaml", yaml).param("user", user).param("now", now).param("year", year).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO holiday_year (calendar_year, content, updated_by, updated_at) VALUES (:year, :yaml, :user, :now)")
                    .param("year", year).param("yaml", yaml).param("user", user).param("now", now).update();
        }
    }

    void delete(int year) {
        jdbc.sql("DELETE FROM holiday_year WHERE calendar_year = :year").param("year", year).update();
    }

    void recordChange(int year, String action, String user, OffsetDateTime now, HolidayOrigin beforeOrigin, String beforeYaml,
            HolidayOrigin afterOrigin, String afterYaml) {
        jdbc.sql("""
                INSERT INTO holiday_change (calendar_year, action, changed_by, changed_at, before_origin, before_content,
                    after_origin, after_content)
                VALUES (:year, :action, :user, :now, :beforeOrigin, :beforeYaml, :afterOrigin, :afterYaml)""")
                .param("year", year).param("action", action).param("user", user).param("now", now)
                .param("beforeOrigin", beforeOrigin.name()).param("beforeYaml", beforeYaml)
                .param("afterOrigin", afterOrigin.name()).param("afterYaml", afterYaml)
                .update();
    }

    /** A year's changes, newest first. */
    List<Change> changes(int year) {
        return jdbc.sql("SELECT * FROM holiday_change WHERE calendar_year = :year ORDER BY id DESC").param("year", year)
                .query((rs, n) -> new Change(rs.getLong("id"), rs.getInt("calendar_year"), rs.getString("action"),
                        rs.getString("changed_by"), rs.getObject("changed_at", OffsetDateTime.class),
                        HolidayOrigin.valueOf(rs.getString("before_origin")), rs.getString("before_content"),
                        HolidayOrigin.valueOf(rs.getString("after_origin")), rs.getString("after_content")))
                .list();
    }

    private static StoredYear storedYear(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredYear(rs.getInt("calendar_year"), rs.getString("content"), rs.getString("updated_by"),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
