package org.zhaoshang.advisor;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectRegistrationStep;
import org.zhaoshang.system.ApiError;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/**
 * A project's 引荐来源 in its table: checked and written with the registration (a {@link ProjectRegistrationStep}, so the
 * ledger needs no knowledge of advisors), read for the project's page. A project without a row was brought by its
 * registering unit's own officers.
 */
@Component
class IntroducerRecords implements ProjectRegistrationStep {

    public record Introducer(IntroducerKind kind, Long advisorId, String name) {

        public String label() {
            return kind.label() + (name == null ? "" : "：" + name);
        }
    }

    private final JdbcClient jdbc;
    private final Advisors advisors;
    private final Clock clock;

    IntroducerRecords(JdbcClient jdbc, Advisors advisors, Clock clock) {
        this.jdbc = jdbc;
        this.advisors = advisors;
        this.clock = clock;
    }

    @Override
    public void check(ProjectRegistration form, StaffUser user) {
        parse(form.introducerKind(), form.introducerAdvisorId(), form.introducerName(), true);
    }

    @Override
    public void registered(InvestmentProject project, ProjectRegistration form, StaffUser user) {
        Introducer introducer = parse(form.introducerKind(), form.introducerAdvisorId(), form.introducerName(), true);
        if (introducer.kind() != IntroducerKind.UNIT_OFFICER || introducer.name() != null) {
            save(project.id(), introducer, user.id());
        }
    }

    Introducer of(long projectId) {
        return jdbc.sql("""
                SELECT i.kind, i.advisor_id, COALESCE(a.name, i.name) AS name FROM project_introducer i
                LEFT JOIN investment_advisor a ON a.id = i.advisor_id WHERE i.project_id = :id""")
                .param("id", projectId)
                .query((rs, n) -> new Introducer(IntroducerKind.valueOf(rs.getString("kind")), (Long) rs.getObject("advisor_id", Long.class),
                        rs.getString("name")))
                .optional().orElse(new Introducer(IntroducerKind.UNIT_OFFICER, null, null));
    }

    void replace(long projectId, Introducer introducer, String actor) {
        jdbc.sql("DELETE FROM project_introducer WHERE project_id = :id").param("id", projectId).update();
        save(projectId, introducer, actor);
    }

    private void save(long projectId, Introducer introducer, String actor) {
        jdbc.sql("""
                INSERT INTO project_introducer (project_id, kind, advisor_id, name, recorded_by, recorded_at)
                VALUES (:project, :kind, :advisor, :name, :by, :at)""")
                .param("project", projectId).param("kind", introducer.kind().name()).param("advisor", introducer.advisorId())
                .param("name", introducer.advisorId() != null ? null : introducer.name()).param("by", actor)
                .param("at", OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS)).update();
    }

    /** Checks an introducer; all problems at once, in Chinese. {@code newChoice}: an advisor must be on the list and active. */
    Introducer parse(String kindText, Long advisorId, String nameText, boolean newChoice) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        IntroducerKind kind = IntroducerKind.UNIT_OFFICER;
        if (kindText != null && !kindText.isBlank()) {
            Optional<IntroducerKind> parsed = Labelled.parse(IntroducerKind.class, kindText.trim());
            if (parsed.isEmpty()) {
                errors.add(new ApiError.FieldError("introducerKind",
                        "引荐来源不在可选范围内（本单位招商人员、招商顾问、中介机构、企业引荐（以商招商）、其他单位信息共享）：" + kindText));
            } else {
                kind = parsed.get();
            }
        }
        String name = nameText == null || nameText.isBlank() ? null : nameText.strip();
        if (name != null && (name.length() > 100 || name.chars().anyMatch(Character::isISOControl))) {
            errors.add(new ApiError.FieldError("introducerName", "引荐人（单位）名称不能超过100个字，且不能包含控制字符"));
        }
        if (kind == IntroducerKind.ADVISOR && advisorId == null && name != null) {
            // Named rather than chosen (Tasklist's registration form): the one active advisor of that name.
            String wanted = name;
            List<Advisors.Advisor> named = advisors.list().stream().filter(a -> a.active() && a.name().equals(wanted)).toList();
            if (named.size() == 1) {
                advisorId = named.get(0).id();
            } else {
                errors.add(new ApiError.FieldError("introducerName", named.isEmpty()
                        ? "招商顾问名单中没有在聘的“" + name + "”，请核对姓名或先由区合作交流办列入名单"
                        : "招商顾问名单中有多位“" + name + "”，请在项目页面上选择"));
            }
        } else if (kind == IntroducerKind.ADVISOR) {
            if (advisorId == null) {
                errors.add(new ApiError.FieldError("introducerAdvisorId", "请选择引荐项目的招商顾问"));
            } else {
                Optional<Advisors.Advisor> advisor = advisors.find(advisorId);
                if (advisor.isEmpty()) {
                    errors.add(new ApiError.FieldError("introducerAdvisorId", "招商顾问名单中没有编号为 " + advisorId + " 的顾问"));
                } else if (newChoice && !advisor.get().active()) {
                    errors.add(new ApiError.FieldError("introducerAdvisorId", "招商顾问" + advisor.get().name() + "已解聘，不能再选为引荐人"));
                }
            }
            name = null;
        } else {
            if (advisorId != null) {
                errors.add(new ApiError.FieldError("introducerAdvisorId", "只有引荐来源为“招商顾问”时才能选择顾问"));
            }
            if (name == null && kind != IntroducerKind.UNIT_OFFICER) {
                errors.add(new ApiError.FieldError("introducerName", "请填写引荐的" + kind.label() + "名称"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Introducer(kind, kind == IntroducerKind.ADVISOR ? advisorId : null, name);
    }
}
