package org.zhaoshang.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Organisation units and staff profiles. Units are Camunda groups (managed in Camunda Admin) with a
 * row of our own for what a group lacks: kind, leading industries, head. A group created in Admin that
 * follows the id conventions ({@code unit-street-…}, {@code unit-park-…}, {@code dept-…}) becomes a
 * unit the first time it is asked for, so administrators need no second screen.
 */
@Service
public class OrgDirectory {

    /**
     * Units are read on almost every step (names, heads, kinds) and change rarely (an administrator adds a
     * street): the table is held in memory and read again after {@link #CACHE_TTL_MILLIS} or at once when
     * this node changes it; another node's change shows within that time.
     */
    static final long CACHE_TTL_MILLIS = 30_000;

    private final JdbcClient jdbc;
    private final IdentityService identityService;
    private volatile java.util.Map<String, OrgUnit> cache;
    private volatile long loadedAt;

    OrgDirectory(JdbcClient jdbc, IdentityService identityService) {
        this.jdbc = jdbc;
        this.identityService = identityService;
    }

    public Optional<OrgUnit> findUnit(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        OrgUnit unit = all().get(code);
        return unit != null ? Optional.of(unit) : adoptCamundaGroup(code);
    }

    /** A unit's name for display: the code when the unit is unknown, "" for none. */
    public String unitName(String code) {
        return code == null ? "" : findUnit(code).map(OrgUnit::name).orElse(code);
    }

    /** Every unit's name at once (one query), for lists that show many rows. */
    public java.util.function.Function<String, String> unitNames() {
        java.util.Map<String, String> names = units().stream()
                .collect(java.util.stream.Collectors.toMap(OrgUnit::code, OrgUnit::name));
        return code -> names.getOrDefault(code, code);
    }

    /** A person's name for display: the id when the person is unknown, null for none. */
    public String personName(String userId) {
        if (userId == null) {
            return null;
        }
        org.camunda.bpm.engine.identity.User user = identityService.createUserQuery().userId(userId).singleResult();
        return user == null ? userId : PersonNames.of(user);
    }

    public List<OrgUnit> units() {
        return List.copyOf(all().values());
    }

    private java.util.Map<String, OrgUnit> all() {
        java.util.Map<String, OrgUnit> units = cache;
        if (units == null || System.currentTimeMillis() - loadedAt > CACHE_TTL_MILLIS) {
            java.util.Map<String, OrgUnit> loaded = new java.util.LinkedHashMap<>();
            jdbc.sql("SELECT * FROM org_unit ORDER BY sort_order, code").query(OrgDirectory::mapUnit).list().forEach(u -> loaded.put(u.code(), u));
            units = java.util.Collections.unmodifiableMap(loaded);
            cache = units;
            loadedAt = System.currentTimeMillis();
        }
        return units;
    }

    private void changed() {
        cache = null;
    }

    /** Units that can host projects (streets and parks). */
    public List<OrgUnit> hostUnits() {
        return units().stream().filter(u -> u.kind().hostsProjects()).toList();
    }

    /**
     * Departments that bring projects of their industries (行业招商) and are ranked in their own group of the
     * briefing: every department but 合作交流办 ({@link GroupIds#bringsProjects}).
     */
    public List<OrgUnit> investmentDepartments() {
        return units().stream().filter(u -> u.kind() == OrgUnitKind.DEPARTMENT && GroupIds.bringsProjects(u.code())).toList();
    }

    /** Units a project may come from (来源单位): the streets and parks, then those departments. */
    public List<OrgUnit> projectUnits() {
        List<OrgUnit> units = new java.util.ArrayList<>(hostUnits());
        units.addAll(investmentDepartments());
        return List.copyOf(units);
    }

    /** Inserts the unit, or leaves an existing row untouched (administrators may have edited it). */
    public void ensureUnit(OrgUnit unit, int sortOrder) {
        int exists = jdbc.sql("SELECT COUNT(*) FROM org_unit WHERE code = :code").param("code", unit.code())
                .query(Integer.class).single();
        if (exists > 0) {
            return;
        }
        try {
            jdbc.sql("""
                    INSERT INTO org_unit (code, name, kind, leading_industries, head_user_id, sort_order)
                    VALUES (:code, :name, :kind, :industries, :head, :sort)""")
                    .param("code", unit.code())
                    .param("name", unit.name())
                    .param("kind", unit.kind().name())
                    .param("industries", String.join(",", unit.leadingIndustries()))
                    .param("head", unit.headUserId())
                    .param("sort", sortOrder)
                    .update();
        } catch (DuplicateKeyException concurrentInsert) {
            // Another node seeded the same unit at the same moment: the row exists, which is all we need.
        } finally {
            changed();
        }
    }

    /**
     * A unit as the directory names it (directory mode): its name and head follow the directory, what the product adds
     * (leading industries, order) stays. Returns true when something changed.
     */
    public boolean fromDirectory(String code, String name, OrgUnitKind kind, String headUserId) {
        OrgUnit current = all().get(code);
        if (current == null) {
            ensureUnit(new OrgUnit(code, name, kind, List.of(), headUserId), 1000);
            return true;
        }
        if (current.name().equals(name) && java.util.Objects.equals(current.headUserId(), headUserId)) {
            return false;
        }
        jdbc.sql("UPDATE org_unit SET name = :name, head_user_id = :head WHERE code = :code")
                .param("name", name).param("head", headUserId).param("code", code).update();
        changed();
        return true;
    }

    /** A person's unit, title, supervisor and phone as the directory has them (directory mode). */
    public void profileFromDirectory(StaffProfile profile) {
        if (findProfile(profile.userId()).filter(profile::equals).isPresent()) {
            return;
        }
        int updated = jdbc.sql("""
                UPDATE staff_profile SET unit_code = :unit, title = :title, supervisor_id = :supervisor, phone = :phone
                WHERE user_id = :user""")
                .param("user", profile.userId()).param("unit", profile.unitCode()).param("title", profile.title())
                .param("supervisor", profile.supervisorId()).param("phone", profile.phone()).update();
        if (updated == 0) {
            ensureProfile(profile);
        }
    }

    public void setHeadIfMissing(String unitCode, String userId) {
        jdbc.sql("UPDATE org_unit SET head_user_id = :head WHERE code = :code AND head_user_id IS NULL")
                .param("head", userId).param("code", unitCode).update();
        changed();
    }

    public Optional<StaffProfile> findProfile(String userId) {
        return jdbc.sql("SELECT * FROM staff_profile WHERE user_id = :id").param("id", userId)
                .query((rs, n) -> new StaffProfile(rs.getString("user_id"), rs.getString("unit_code"),
                        rs.getString("title"), rs.getString("supervisor_id"), rs.getString("phone")))
                .optional();
    }

    public void ensureProfile(StaffProfile profile) {
        if (findProfile(profile.userId()).isPresent()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO staff_profile (user_id, unit_code, title, supervisor_id, phone)
                VALUES (:user, :unit, :title, :supervisor, :phone)""")
                .param("user", profile.userId())
                .param("unit", profile.unitCode())
                .param("title", profile.title())
                .param("supervisor", profile.supervisorId())
                .param("phone", profile.phone())
                .update();
    }

    private Optional<OrgUnit> adoptCamundaGroup(String code) {
        OrgUnitKind kind = OrgUnitKind.fromGroupId(code);
        if (kind == null) {
            return Optional.empty();
        }
        Group group = identityService.createGroupQuery().groupId(code).singleResult();
        if (group == null) {
            return Optional.empty();
        }
        OrgUnit unit = new OrgUnit(code, group.getName() == null ? code : group.getName(), kind, List.of(), null);
        ensureUnit(unit, 1000);
        return Optional.of(unit);
    }

    private static OrgUnit mapUnit(ResultSet rs, int rowNum) throws SQLException {
        String industries = rs.getString("leading_industries");
        List<String> leading = industries == null || industries.isBlank()
                ? List.of()
                : Arrays.stream(industries.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new OrgUnit(rs.getString("code"), rs.getString("name"), OrgUnitKind.valueOf(rs.getString("kind")),
                leading, rs.getString("head_user_id"));
    }
}
