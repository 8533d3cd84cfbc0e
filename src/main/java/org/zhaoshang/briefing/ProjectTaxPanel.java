package org.zhaoshang.briefing;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectPageContributor;
import org.zhaoshang.system.ApiException;

/**
 * A project's 税收 on its page: the figures (with what each counted for the ranking) and 合作交流办's entry
 * form; the same as JSON in {@link ProjectTaxController}.
 */
@Controller
class ProjectTaxPanel implements ProjectPageContributor {

    public record FigureRow(String period, String source, BigDecimal amount, BigDecimal counted, String basis, String recordedBy,
            java.time.OffsetDateTime recordedAt) {
    }

    private final TaxFigures figures;
    private final ProjectTaxService service;
    private final OrgDirectory directory;

    ProjectTaxPanel(TaxFigures figures, ProjectTaxService service, OrgDirectory directory) {
        this.figures = figures;
        this.service = service;
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
}
