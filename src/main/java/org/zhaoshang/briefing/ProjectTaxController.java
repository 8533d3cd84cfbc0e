package org.zhaoshang.briefing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.CurrentUser;
import org.zhaoshang.project.ProjectService;

/** A project's 税收 in the API: its figures (with what each counted) and 合作交流办's entries. */
@RestController
class ProjectTaxController {

    record TaxEntry(String period, BigDecimal amount, String basis) {
    }

    private final TaxFigures figures;
    private final ProjectTaxService service;
    private final ProjectService projects;

    ProjectTaxController(TaxFigures figures, ProjectTaxService service, ProjectService projects) {
        this.figures = figures;
        this.service = service;
        this.projects = projects;
    }

    @GetMapping("/api/projects/{code}/tax")
    Map<String, Object> list(@PathVariable String code) {
        projects.get(code, CurrentUser.get());
        List<TaxFigures.Figure> list = figures.ofProject(code);
        return Map.of("projectCode", code, "figures", list);
    }

    @PostMapping("/api/projects/{code}/tax")
    @ResponseStatus(HttpStatus.CREATED)
    TaxFigures.Figure record(@PathVariable String code, @RequestBody TaxEntry entry) {
        return service.record(code, entry.period(), entry.amount(), entry.basis(), CurrentUser.get());
    }
}
