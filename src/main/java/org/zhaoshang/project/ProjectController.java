package org.zhaoshang.project;

import java.net.URI;
import java.util.function.Function;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.CurrentUser;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/** JSON API of the ledger: {@code /api/projects}. */
@RestController
@RequestMapping("/api/projects")
class ProjectController {

    private final ProjectService projects;
    private final OrgDirectory directory;

    ProjectController(ProjectService projects, OrgDirectory directory) {
        this.projects = projects;
        this.directory = directory;
    }

    @PostMapping
    ResponseEntity<ProjectView> register(@Valid @RequestBody ProjectRegistration registration) {
        StaffUser user = CurrentUser.get();
        InvestmentProject project = projects.register(registration, user);
        return ResponseEntity.created(URI.create("/api/projects/" + project.code()))
                .body(ProjectView.of(project, directory.unitNames(), projects.history(project)));
    }

    @GetMapping
    PageResult<ProjectView> list(@RequestParam(required = false) String q,
            @RequestParam(required = false) String stage,
            @RequestParam(required = false) String industry,
            @RequestParam(required = false) String chain,
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) Boolean keyProject,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        ProjectSearch search = new ProjectSearch(q,
                parse(ProjectStage.class, stage, "stage", "项目阶段"),
                parse(Industry.class, industry, "industry", "所属产业"),
                parse(Industry.class, chain, "chain", "产业链"),
                unit, keyProject, overdue, null, page, size);
        Function<String, String> names = directory.unitNames();
        return projects.search(search, CurrentUser.get()).map(p -> ProjectView.of(p, names, null));
    }

    @GetMapping("/{code}")
    ProjectView get(@PathVariable String code) {
        InvestmentProject project = projects.get(code, CurrentUser.get());
        return ProjectView.of(project, directory.unitNames(), projects.history(project));
    }

    static <E extends Enum<E> & Labelled> E parse(Class<E> type, String value, String field, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Labelled.parse(type, value).orElseThrow(() -> ApiException.badField(field, what + "不在可选范围内：" + value));
    }

}
