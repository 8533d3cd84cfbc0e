package org.zhaoshang.project;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/**
 * The project ledger (招商项目台账): registration, search with the viewer's visibility, and the one
 * place where a project's stage changes ({@link #changeStage}), so that every move is checked against
 * {@link ProjectStage#canMoveTo} and written to the history.
 */
@Service
public class ProjectService {

    private final ProjectRepository repository;
    private final OrgDirectory directory;
    private final Clock clock;
    private final List<ProjectRegistrationStep> registrationSteps;
    private final ApplicationEventPublisher events;

    ProjectService(ProjectRepository repository, OrgDirectory directory, Clock clock, List<ProjectRegistrationStep> registrationSteps,
            ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.directory = directory;
        this.clock = clock;
        this.registrationSteps = List.copyOf(registrationSteps);
    }

    /**
     * Registers a project in stage 在谈 (NEGOTIATING). Checks everything before writing anything. A street,
     * a park or a department (行业招商) may be its origin; a department's project stays with the department
     * until it is passed on to a street or park (项目统筹流转) — the host is a street or park, or the
     * registering department itself.
     */
    @Transactional
    public InvestmentProject register(ProjectRegistration form, StaffUser user) {
        OrgUnit origin = originUnit(form.originUnit());
        String hostCode = form.hostUnit() == null || form.hostUnit().isBlank() ? origin.code() : form.hostUnit().trim();
        OrgUnit host = hostCode.equals(origin.code()) ? origin : hostingUnit("hostUnit", hostCode, "承载单位");
        boolean maySpeakForAnyUnit = user.isMemberOf(GroupIds.HEZUO) || user.isAdmin();
        if (!maySpeakForAnyUnit) {
            if (user.projectUnitIds().isEmpty()) {
                throw ApiException.forbidden("只有街道、园区、区级部门的招商人员或区合作交流办可以登记项目");
            }
            if (!user.isMemberOf(origin.code())) {
                throw ApiException.badField("originUnit", "只能以本单位作为来源单位登记项目");
            }
        }
        registrationSteps.forEach(step -> step.check(form, user));
        OffsetDateTime now = now();
        int year = now.getYear();
        repository.ensureCounter(year);
        String code = "ZS-%d-%04d".formatted(year, repository.nextNumber(year));
        InvestmentProject project = new InvestmentProject(0, code, form.name().trim(), form.investor().trim(),
                Labelled.parse(InvestorCategory.class, form.investorCategory()).orElseThrow(),
                Labelled.parse(Industry.class, form.industry()).orElseThrow(),
                form.totalInvestment(), form.foreignCapital(), form.landArea(), origin.code(), host.code(),
                ProjectStage.NEGOTIATING, null, Boolean.TRUE.equals(form.keyProject()),
                blankToNull(form.contactPerson()), blankToNull(form.contactPhone()), blankToNull(form.description()),
                user.id(), now, now);
        long id = repository.insert(project);
        repository.insertHistory(id, ProjectEventType.CREATED, null, ProjectStage.NEGOTIATING, user.id(),
                "登记项目", null, null, now);
        InvestmentProject registered = repository.findByCode(code).orElseThrow();
        registrationSteps.forEach(step -> step.registered(registered, form, user));
        events.publishEvent(new ProjectStageChanged(registered, null, ProjectStage.NEGOTIATING, user.id(), "登记项目"));
        return registered;
    }

    /**
     * Moves the project to {@code target} if the stage table allows it; otherwise refuses with a Chinese
     * message and changes nothing. Called by process steps; the reason is kept in the history.
     */
    @Transactional
    public InvestmentProject changeStage(String code, ProjectStage target, String actor, String reason,
            String processInstanceId, String taskId) {
        InvestmentProject project = repository.findByCodeForUpdate(code)
                .orElseThrow(() -> ApiException.notFound("项目不存在：" + code));
        if (!project.stage().canMoveTo(target)) {
            throw new ApiException(HttpStatus.CONFLICT, "项目阶段不能从「%s」变更为「%s」"
                    .formatted(project.stage().label(), target.label()));
        }
        OffsetDateTime now = now();
        repository.updateStage(project.id(), target, now);
        repository.insertHistory(project.id(), ProjectEventType.STAGE_CHANGED, project.stage(), target, actor, reason,
                processInstanceId, taskId, now);
        InvestmentProject moved = repository.findByCode(code).orElseThrow();
        events.publishEvent(new ProjectStageChanged(moved, project.stage(), target, actor, reason));
        return moved;
    }

    /** 补正: the registering unit corrects the basic facts during the review; recorded in the timeline. */
    @Transactional
    public InvestmentProject correct(String code, ProjectRegistration corrected, String actor, String note,
            String processInstanceId, String taskId) {
        InvestmentProject project = repository.findByCodeForUpdate(code)
                .orElseThrow(() -> ApiException.notFound("项目不存在：" + code));
        OffsetDateTime now = now();
        repository.updateBasics(project.id(), corrected.name().trim(), corrected.investor().trim(), corrected.totalInvestment(),
                corrected.landArea(), blankToNull(corrected.description()), now);
        repository.insertHistory(project.id(), ProjectEventType.PROJECT_CORRECTED, null, null, actor, note,
                processInstanceId, taskId, now);
        return repository.findByCode(code).orElseThrow();
    }

    /** 项目统筹流转: the project moves to another host unit (载体); the timeline records from, to and why. */
    @Transactional
    public InvestmentProject changeHost(String code, String newHost, String actor, String reason, String processInstanceId,
            String taskId) {
        InvestmentProject project = repository.findByCodeForUpdate(code)
                .orElseThrow(() -> ApiException.notFound("项目不存在：" + code));
        OrgUnit host = hostingUnit("hostUnit", newHost, "承接单位");
        OffsetDateTime now = now();
        repository.setHostUnit(project.id(), host.code(), now);
        repository.insertHistory(project.id(), ProjectEventType.HOST_CHANGED, null, null, actor,
                "承载单位由「%s」变更为「%s」：%s".formatted(directory.unitName(project.hostUnit()), host.name(), reason),
                processInstanceId, taskId, now);
        return repository.findByCode(code).orElseThrow();
    }

    /** 一名领导: the accepted lead official of a key project, recorded in the timeline. */
    @Transactional
    public void assignLeadOfficial(String code, String leadOfficial, String reason, String processInstanceId, String taskId) {
        InvestmentProject project = repository.findByCodeForUpdate(code)
                .orElseThrow(() -> ApiException.notFound("项目不存在：" + code));
        OffsetDateTime now = now();
        repository.setLeadOfficial(project.id(), leadOfficial, now);
        repository.insertHistory(project.id(), ProjectEventType.LEAD_OFFICIAL_ASSIGNED, null, null, leadOfficial, reason,
                processInstanceId, taskId, now);
    }

    /** Marks the project as a key project (重点项目: 五个一, 三级包联). */
    @Transactional
    public void markKeyProject(String code) {
        repository.findByCode(code).ifPresent(project -> repository.markKeyProject(project.id(), now()));
    }

    /** The project by code, for process steps and notifications (no visibility check: not a user's request). */
    @Transactional(readOnly = true)
    public java.util.Optional<InvestmentProject> find(String code) {
        return code == null ? java.util.Optional.empty() : repository.findByCode(code);
    }

    /** Adds an entry to the project's timeline (nothing when the code names no project). */
    @Transactional
    public void recordEvent(String code, ProjectEventType type, String actor, String reason, String processInstanceId,
            String taskId) {
        repository.findByCode(code).ifPresent(project -> repository.insertHistory(project.id(), type, null, null, actor,
                reason, processInstanceId, taskId, now()));
    }

    /** The project, if it exists and the user may see it; otherwise 404 (a stranger learns nothing). */
    @Transactional(readOnly = true)
    public InvestmentProject get(String code, StaffUser user) {
        return repository.findByCode(code)
                .filter(project -> maySee(project, user))
                .orElseThrow(() -> ApiException.notFound("项目不存在或无权查看：" + code));
    }

    @Transactional(readOnly = true)
    public List<ProjectHistoryEntry> history(InvestmentProject project) {
        return repository.history(project.id());
    }

    @Transactional(readOnly = true)
    public PageResult<InvestmentProject> search(ProjectSearch search, StaffUser user) {
        return repository.search(user.seesWholeDistrict() ? search : search.restrictedTo(user.unitGroupIds()), now());
    }

    boolean maySee(InvestmentProject project, StaffUser user) {
        return user.seesWholeDistrict() || user.isMemberOf(project.originUnit()) || user.isMemberOf(project.hostUnit());
    }

    private OrgUnit originUnit(String code) {
        OrgUnit unit = directory.findUnit(code == null ? null : code.trim())
                .orElseThrow(() -> ApiException.badField("originUnit", "来源单位不存在：" + code));
        if (!unit.kind().hostsProjects() && !(unit.kind() == OrgUnitKind.DEPARTMENT && GroupIds.bringsProjects(unit.code()))) {
            throw ApiException.badField("originUnit", "来源单位必须是街道、园区或区级部门（区合作交流办除外）：" + unit.name());
        }
        return unit;
    }

    private OrgUnit hostingUnit(String field, String code, String what) {
        OrgUnit unit = directory.findUnit(code == null ? null : code.trim())
                .orElseThrow(() -> ApiException.badField(field, what + "不存在：" + code));
        if (!unit.kind().hostsProjects()) {
            throw ApiException.badField(field, what + "必须是街道或园区：" + unit.name());
        }
        return unit;
    }

    private OffsetDateTime now() {
        // Microseconds: what both databases store, so a value read back equals the value written.
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
