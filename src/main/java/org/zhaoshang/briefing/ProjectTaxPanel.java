package org.zhaoshang.briefing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.identity.CurrentUser;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectPageContributor;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;

/**
 * A project's 税收: its figures on the project page (with what each counted for the ranking) and 合作交流办's
 * entry form; the same as JSON under {@code /api/projects/{code}/tax}.
 */
@Controller
class ProjectTaxPanel implements ProjectPageContributor {

    record TaxEntry(String period, BigDecimal amount, String basis) {
    }

    public record FigureRow(String period, String source, BigDecimal amount, BigDecimal counted, String basis, String recordedBy,
            java.time.OffsetDateTime recordedAt) {
    }

    private final TaxFigures figures;
    private final ProjectTaxService service;
    private final ProjectService projects;
    private final OrgDirectory directory;

    ProjectTaxPanel(TaxFigures figures, ProjectTaxService service, ProjectService projects, OrgDirectory directory) {
        this.figures = figures;
        this.service = service;
        this.projects = projects;
        this.directory = directory;
    }

    @Override
    public void contribute(InvestmentProject project, StaffUser viewer, Model model) {
        List<FigureRow> rows = figures.ofProject(project.code()).stream()
                .map(f -> new FigureRow(f.period().displayName(), f.source().label(), f.amount(), f.counted(), f.basis(),
                        directory.personName(f.recordedBy()), f.recordedAt()))
                .toList();
        model.addAttribute("taxFigures", rows);
        model.addAttribute("mayRecordTax", ProjectTaxService.mayRecord(viewer) && ProjectTaxService.LANDED.contains(project.stage()));
    }

    @PostMapping("/projects/{code}/tax")
    String recordOnPage(@AuthenticationPrincipal StaffUser user, @PathVariable String code, @RequestParam String period,
            @RequestParam String amount, @RequestParam String basis, RedirectAttributes redirect) {
        try {
            BigDecimal value;
            try {
                value = amount == null || amount.isBlank() ? null : new BigDecimal(amount.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badField("amount", "税收金额须为数字（万元）：" + amount);
            }
            TaxFigures.Figure f = service.record(code, period, value, basis, user);
            redirect.addFlashAttribute("notice", "已录入%s税收 %s万元".formatted(f.period().displayName(), f.amount().stripTrailingZeros().toPlainString()));
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/projects/" + code;
    }

    @GetMapping("/api/projects/{code}/tax")
    @ResponseBody
    Map<String, Object> list(@PathVariable String code) {
        projects.get(code, CurrentUser.get());
        return Map.of("projectCode", code, "figures", figures.ofProject(code));
    }

    @PostMapping("/api/projects/{code}/tax")
    @ResponseBody
    @ResponseStatus(HttpStatus.CREATED)
    TaxFigures.Figure record(@PathVariable String code, @RequestBody TaxEntry entry) {
        return service.record(code, entry.period(), entry.amount(), entry.basis(), CurrentUser.get());
    }
}
