package org.zhaoshang.review;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectPageContributor;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/** The review's part of a project's page (评审意见, 提交评审) and the button behind it. */
@Controller
class ReviewPageController implements ProjectPageContributor {

    static final Map<String, String> STEPS = Map.of("PRECHECK", "预审", "CORRECTION", "补正", "INDUSTRY", "产业指导意见",
            "ENVIRONMENT", "环保审查", "FIRE", "消防审查", "MEETING", "项目论证会", "SUPPLEMENT", "补充材料", "ANSWER", "补充审查材料", "GOVERNMENT", "区政府常务会议");

    public record OpinionRow(String step, String department, String decision, String comment, String actor,
            java.time.OffsetDateTime givenAt) {
    }

    private final ReviewService reviews;
    private final ReviewRecords records;
    private final OrgDirectory directory;
    private final ReviewProperties properties;

    ReviewPageController(ReviewService reviews, ReviewRecords records, OrgDirectory directory, ReviewProperties properties) {
        this.reviews = reviews;
        this.records = records;
        this.directory = directory;
        this.properties = properties;
    }

    @Override
    public void contribute(InvestmentProject project, StaffUser viewer, Model model) {
        List<ReviewRecords.Opinion> opinions = records.of(project.code());
        model.addAttribute("reviewOpinions", opinions.stream().map(o -> new OpinionRow(
                STEPS.getOrDefault(o.step(), o.step()),
                directory.unitName(o.department()),
                decisionLabel(o.decision()), o.comment(), o.actor(), o.givenAt())).collect(Collectors.toList()));
        // How 淘汰类 counts: said where it matters (a 淘汰类 opinion on this project) and always where the district made it a veto.
        if (properties.eliminatedIsVeto() || opinions.stream().anyMatch(o -> o.decision().equals(ReviewDecisions.IndustryOpinion.ELIMINATED.name()))) {
            model.addAttribute("eliminatedRule", properties.eliminatedRule());
        }
        boolean mayStart = project.stage() == ProjectStage.NEGOTIATING && (viewer.isMemberOf(GroupIds.HEZUO) || viewer.isAdmin()
                || viewer.isMemberOf(project.originUnit()) || viewer.isMemberOf(project.hostUnit()));
        model.addAttribute("mayStartReview", mayStart);
    }

    @PostMapping("/projects/{code}/review")
    String start(@AuthenticationPrincipal StaffUser user, @PathVariable String code, RedirectAttributes redirect) {
        try {
            reviews.start(code, user);
            redirect.addFlashAttribute("notice", "已提交项目评审，区合作交流办将进行预审");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/projects/" + code;
    }

    static String decisionLabel(String decision) {
        // 淘汰类 is the industry department's 不同意 for the 论证会, or — where the district's rule says so — a veto.
        if (ReviewDecisions.IndustryOpinion.ELIMINATED.name().equals(decision)) {
            return ReviewDecisions.ELIMINATED_LABEL;
        }
        if (ReviewDecisions.ELIMINATED_VETO.equals(decision)) {
            return ReviewDecisions.ELIMINATED_VETO_LABEL;
        }
        for (Class<? extends Enum<?>> type : java.util.List.<Class<? extends Enum<?>>>of(ReviewDecisions.Precheck.class,
                ReviewDecisions.IndustryOpinion.class, ReviewDecisions.SafetyReview.class, ReviewDecisions.MeetingResult.class,
                ReviewDecisions.GovernmentDecision.class)) {
            for (Enum<?> constant : type.getEnumConstants()) {
                if (constant.name().equals(decision)) {
                    return ((Labelled) constant).label();
                }
            }
        }
        return switch (decision) {
            case "CORRECTED" -> "已补正";
            case "SUBMITTED" -> "已提交";
            default -> decision;
        };
    }
}
