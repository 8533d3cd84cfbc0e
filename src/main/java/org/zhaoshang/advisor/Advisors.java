package org.zhaoshang.advisor;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.Industry;
import org.zhaoshang.system.ApiError;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/**
 * 招商顾问名单 (policy 003 第十七条: 面向优秀企业、投资促进机构、商协会、专业服务机构及科研院校聘请知名人士): recorded by 合作交流办,
 * read by everyone who registers projects. An advisor is never deleted, only released (解聘), so the projects they
 * introduced keep their name.
 */
@Service
public class Advisors {

    public record Advisor(long id, String name, String organisation, String field, List<Industry> industries, LocalDate appointedOn,
            boolean active, String note) {

        public String industryLabels() {
            return String.join("、", industries.stream().map(Industry::label).toList());
        }
    }

    /** What 合作交流办 enters; industries as codes or Chinese labels. */
    public record AdvisorForm(String name, String organisation, String field, List<String> industries, String appointedOn,
            Boolean active, String note) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Advisors(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<Advisor> list() {
        return jdbc.sql("SELECT * FROM investment_advisor ORDER BY active DESC, appointed_on, id").query(Advisors::map).list();
    }

    public Optional<Advisor> find(long id) {
        return jdbc.sql("SELECT * FROM investment_advisor WHERE id = :id").param("id", id).query(Advisors::map).optional();
    }

    /** 合作交流办 (and administrators) keep the list. */
    public static boolean mayEdit(StaffUser user) {
        return user.isMemberOf(GroupIds.HEZUO) || user.isAdmin();
    }

    @Transactional
    public Advisor create(AdvisorForm form, StaffUser user) {
        requireEditor(user);
        Checked checked = check(form);
        return find(insert(checked, user.id())).orElseThrow();
    }

    @Transactional
    public Advisor update(long id, AdvisorForm form, StaffUser user) {
        requireEditor(user);
        find(id).orElseThrow(() -> ApiException.notFound("招商顾问不存在：" + id));
        Checked checked = check(form);
        jdbc.sql("""
                UPDATE investment_advisor SET name = :name, organisation = :organisation, field = :field, industries = :industries,
                    appointed_on = :appointed, active = :active, note = :note, updated_by = :by, updated_at = :at WHERE id = :id""")
                .param("name", checked.name).param("organisation", checked.organisation).param("field", checked.field)
                .param("industries", checked.industries).param("appointed", checked.appointedOn).param("active", checked.active)
                .param("note", checked.note).param("by", user.id()).param("at", now()).param("id", id).update();
        return find(id).orElseThrow();
    }

    /** Demo seeding: inserts unless an advisor of that name and organisation exists. */
    public void ensure(AdvisorForm form) {
        Checked checked = check(form);
        int exists = jdbc.sql("SELECT COUNT(*) FROM investment_advisor WHERE name = :name AND organisation = :organisation")
                .param("name", checked.name).param("organisation", checked.organisation).query(Integer.class).single();
        if (exists == 0) {
            insert(checked, "system");
        }
    }

    private long insert(Checked checked, String by) {
        org.springframework.jdbc.support.KeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO investment_advisor (name, organisation, field, industries, appointed_on, active, note, updated_by, updated_at)
                VALUES (:name, :organisation, :field, :industries, :appointed, :active, :note, :by, :at)""")
                .param("name", checked.name).param("organisation", checked.organisation).param("field", checked.field)
                .param("industries", checked.industries).param("appointed", checked.appointedOn).param("active", checked.active)
                .param("note", checked.note).param("by", by).param("at", now()).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    private record Checked(String name, String organisation, String field, String industries, LocalDate appointedOn, boolean active,
            String note) {
    }

    /** Every problem at once, in Chinese; nothing is written when there is one. */
    private Checked check(AdvisorForm form) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        String name = text(form.name());
        if (name == null) {
            errors.add(new ApiError.FieldError("name", "请填写顾问姓名"));
        } else if (name.length() > 50) {
            errors.add(new ApiError.FieldError("name", "顾问姓名不能超过50个字"));
        }
        String organisation = text(form.organisation());
        if (organisation == null) {
            errors.add(new ApiError.FieldError("organisation", "请填写顾问所在单位（企业、投资促进机构、商协会、专业服务机构或科研院校）"));
        } else if (organisation.length() > 200) {
            errors.add(new ApiError.FieldError("organisation", "所在单位不能超过200个字"));
        }
        String field = text(form.field());
        if (field != null && field.length() > 200) {
            errors.add(new ApiError.FieldError("field", "擅长领域不能超过200个字"));
        }
        String note = text(form.note());
        if (note != null && note.length() > 500) {
            errors.add(new ApiError.FieldError("note", "备注不能超过500个字"));
        }
        List<String> industries = new ArrayList<>();
        for (String industry : form.industries() == null ? List.<String>of() : form.industries()) {
            if (industry == null || industry.isBlank()) {
                continue;
            }
            Labelled.parse(Industry.class, industry.trim()).ifPresentOrElse(i -> industries.add(i.name()),
                    () -> errors.add(new ApiError.FieldError("industries", "产业链不在可选范围内：" + industry)));
        }
        LocalDate appointed = LocalDate.now(clock);
        String date = text(form.appointedOn());
        if (date != null) {
            try {
                appointed = LocalDate.parse(date);
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(new ApiError.FieldError("appointedOn", "聘任日期格式应为 yyyy-MM-dd：" + date));
            }
        }
        for (String value : Arrays.asList(name, organisation, field, note)) {
            if (value != null && value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
                errors.add(new ApiError.FieldError("name", "不能包含控制字符"));
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Checked(name, organisation, field, industries.isEmpty() ? null : String.join(",", industries), appointed,
                form.active() == null || form.active(), note);
    }

    private static void requireEditor(StaffUser user) {
        if (!mayEdit(user)) {
            throw ApiException.forbidden("只有区合作交流办可以维护招商顾问名单");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Advisor map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String industries = rs.getString("industries");
        List<Industry> list = industries == null ? List.of()
                : Arrays.stream(industries.split(",")).filter(s -> !s.isBlank()).map(Industry::valueOf).toList();
        return new Advisor(rs.getLong("id"), rs.getString("name"), rs.getString("organisation"), rs.getString("field"), list,
                rs.getObject("appointed_on", LocalDate.class), rs.getBoolean("active"), rs.getString("note"));
    }
}
