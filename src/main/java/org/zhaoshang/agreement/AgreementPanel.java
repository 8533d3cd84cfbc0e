package org.zhaoshang.agreement;

import java.io.IOException;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectPageContributor;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.system.ApiException;

/**
 * The project page's agreement part (plan vs actual, incentives and payments, post-evaluation), the
 * agreement registration page, and the page forms Tasklist cannot offer: evidence upload and payment
 * requests.
 */
@Controller
class AgreementPanel implements ProjectPageContributor {

    private final AgreementViews views;
    private final AgreementService service;
    private final AgreementRecords records;
    private final EvidenceService evidence;
    private final IncentivePaymentService payments;
    private final ProjectService projects;
    private final OrgDirectory directory;

    AgreementPanel(AgreementViews views, AgreementService service, AgreementRecords records, EvidenceService evidence,
            IncentivePaymentService payments, ProjectService projects, OrgDirectory directory) {
        this.views = views;
        this.service = service;
        this.records = records;
        this.evidence = evidence;
        this.payments = payments;
        this.projects = projects;
        this.directory = directory;
    }

    @Override
    public void contribute(InvestmentProject project, StaffUser viewer, Model model) {
        List<AgreementViews.AgreementView> agreements = views.of(project.code());
        model.addAttribute("agreements", agreements);
        boolean manager = AgreementService.mayManage(project, viewer);
        boolean hostedByStreetOrPark = directory.findUnit(project.hostUnit()).map(u -> u.kind().hostsProjects()).orElse(false);
        model.addAttribute("mayRegisterAgreement", manager && hostedByStreetOrPark && project.stage() == ProjectStage.APPROVED
                && !records.hasActive(project.code()));
        model.addAttribute("mayRequestPayment", manager);
        model.addAttribute("mayAddEvidence", manager || agreements.stream().flatMap(a -> a.milestones().stream())
                .anyMatch(m -> viewer.isMemberOf(m.responsibleUnit()) || viewer.isMemberOf(m.verifyingDepartment())));
        model.addAttribute("evidenceMaxMb", evidence.maxSize().toMegabytes());
    }

    @GetMapping("/projects/{code}/agreement/new")
    String newAgreement(@AuthenticationPrincipal StaffUser user, @PathVariable String code, Model model) {
        InvestmentProject project = projects.get(code, user);
        requireManager(project, user);
        return form(project, AgreementForm.blank(project.hostUnit(), service.industryDepartment(project.industry().name())), null, model);
    }

    @PostMapping("/projects/{code}/agreement")
    String register(@AuthenticationPrincipal StaffUser user, @PathVariable String code, @ModelAttribute("form") AgreementForm form,
            Model model, RedirectAttributes redirect) {
        InvestmentProject project = projects.get(code, user);
        try {
            service.register(code, form.toRegistration(), user);
        } catch (ApiException e) {
            form.padRows(project.hostUnit(), service.industryDepartment(project.industry().name()));
            return form(project, form, e.getMessage(), model);
        }
        redirect.addFlashAttribute("notice", "协议已登记，项目进入“已签约”，各履约节点开始跟踪");
        return "redirect:/projects/" + code;
    }

    @PostMapping("/projects/{code}/evidence")
    String addEvidence(@AuthenticationPrincipal StaffUser user, @PathVariable String code, @RequestParam long milestoneId,
            @RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String url,
            @RequestParam(required = false) String note, RedirectAttributes redirect) throws IOException {
        try {
            requireOfProject(code, milestoneId);
            if (file != null && !file.isEmpty()) {
                evidence.upload(milestoneId, file.getOriginalFilename(), file.getBytes(), note, user);
                redirect.addFlashAttribute("notice", "佐证材料已上传：" + EvidenceFiles.cleanName(file.getOriginalFilename()));
            } else if (url != null && !url.isBlank()) {
                evidence.link(milestoneId, url, note, user);
                redirect.addFlashAttribute("notice", "佐证链接已保存");
            } else {
                throw ApiException.badField("file", "请选择要上传的文件或填写佐证链接");
            }
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/projects/" + code;
    }

    @PostMapping("/projects/{code}/payments")
    String requestPayment(@AuthenticationPrincipal StaffUser user, @PathVariable String code, @RequestParam long agreementId,
            @RequestParam(required = false) Long incentiveId, @RequestParam(required = false) String amount,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            AgreementRecords.Agreement agreement = records.agreement(agreementId).filter(a -> a.projectCode().equals(code))
                    .orElseThrow(() -> ApiException.notFound("协议不存在"));
            java.math.BigDecimal value;
            try {
                value = amount == null || amount.isBlank() ? null : new java.math.BigDecimal(amount.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badField("amount", "申请金额须为数字（万元）");
            }
            payments.request(agreement.id(), incentiveId, value, note, user);
            redirect.addFlashAttribute("notice", "兑付申请已通过超前、超额、超范围兑付检查，已提交区发展改革委审核");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/projects/" + code;
    }

    private void requireOfProject(String code, long milestoneId) {
        boolean ofProject = records.agreementsOf(code).stream()
                .anyMatch(a -> records.milestones(a.id()).stream().anyMatch(m -> m.id() == milestoneId));
        if (!ofProject) {
            throw ApiException.notFound("履约节点不属于本项目");
        }
    }

    private String form(InvestmentProject project, AgreementForm form, String error, Model model) {
        model.addAttribute("project", project);
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("milestoneTypes", MilestoneType.values());
        List<OrgUnit> units = directory.units();
        model.addAttribute("units", units);
        model.addAttribute("departments", units.stream().filter(u -> u.kind() == OrgUnitKind.DEPARTMENT).toList());
        return "agreements/new";
    }

    private static void requireManager(InvestmentProject project, StaffUser user) {
        if (!AgreementService.mayManage(project, user)) {
            throw ApiException.forbidden("只有区合作交流办或项目承载单位可以登记协议");
        }
    }
}
