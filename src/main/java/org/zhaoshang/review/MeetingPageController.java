package org.zhaoshang.review;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.review.ReviewDecisions.Vote;
import org.zhaoshang.system.ApiException;

/**
 * 项目论证会 pages: the meetings and the projects waiting for one; a meeting with its agenda (and the
 * conditions of 有条件同意), attendance and votes; the minutes (会议纪要) as a page and a download.
 */
@Controller
@RequestMapping("/meetings")
class MeetingPageController {

    private final ReviewMeetingService meetings;
    private final OrgDirectory directory;
    private final IdentityService identityService;
    private final ReviewProperties properties;

    MeetingPageController(ReviewMeetingService meetings, OrgDirectory directory, IdentityService identityService,
            ReviewProperties properties) {
        this.properties = properties;
        this.meetings = meetings;
        this.directory = directory;
        this.identityService = identityService;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffUser user, Model model) {
        requireViewer(user);
        model.addAttribute("meetings", meetings.list());
        model.addAttribute("waiting", meetings.unscheduled());
        model.addAttribute("departments", directory.units().stream().filter(u -> u.kind() == OrgUnitKind.DEPARTMENT).toList());
        model.addAttribute("leaders", identityService.createUserQuery().memberOfGroup(GroupIds.LEADER).orderByUserId().asc().unlimitedList());
        model.addAttribute("organiser", organiser(user));
        model.addAttribute("today", LocalDate.now());
        model.addAttribute("eliminatedRule", properties.eliminatedRule());
        return "meetings/list";
    }

    @PostMapping
    String plan(@AuthenticationPrincipal StaffUser user, @RequestParam String title, @RequestParam String date,
            @RequestParam String place, @RequestParam(required = false) String chair,
            @RequestParam(required = false) List<String> members, RedirectAttributes redirect) {
        try {
            LocalDate day;
            try {
                day = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw ApiException.badField("date", "请选择会议日期");
            }
            long id = meetings.plan(new ReviewMeetingService.MeetingPlan(title, day, place, chair, members), user).id();
            redirect.addFlashAttribute("notice", "论证会已安排，待议项目已列入议程");
            return "redirect:/meetings/" + id;
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/meetings";
        }
    }

    @GetMapping("/{id}")
    String detail(@AuthenticationPrincipal StaffUser user, @PathVariable long id, Model model) {
        requireViewer(user);
        model.addAttribute("meeting", meetings.get(id));
        model.addAttribute("votes", Vote.values());
        model.addAttribute("organiser", organiser(user));
        model.addAttribute("eliminatedRule", properties.eliminatedRule());
        return "meetings/detail";
    }

    @PostMapping("/{id}/attendance")
    String attendance(@AuthenticationPrincipal StaffUser user, @PathVariable long id,
            @RequestParam(required = false) Set<String> present, RedirectAttributes redirect) {
        return act(redirect, id, "出席情况已记录", () -> meetings.recordAttendance(id, present == null ? Set.of() : present, user));
    }

    @PostMapping("/{id}/items/{itemId}/votes")
    String votes(@AuthenticationPrincipal StaffUser user, @PathVariable long id, @PathVariable long itemId,
            @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        Map<String, ReviewMeetingService.VoteInput> votes = new HashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("vote.") && !value.isBlank()) {
                String department = name.substring("vote.".length());
                votes.put(department, new ReviewMeetingService.VoteInput(value, form.get("comment." + department)));
            }
        });
        return act(redirect, id, "表决已记录", () -> meetings.recordVotes(id, itemId, votes, user));
    }

    @PostMapping("/{id}/conclusion")
    String conclude(@AuthenticationPrincipal StaffUser user, @PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, id, "会议结论已确定，相关项目的评审已继续", () -> meetings.conclude(id, user));
    }

    @GetMapping("/{id}/minutes")
    String minutes(@AuthenticationPrincipal StaffUser user, @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean download, Model model, HttpServletResponse response) {
        requireViewer(user);
        ReviewMeetingService.Meeting meeting = meetings.get(id);
        model.addAttribute("meeting", meeting);
        model.addAttribute("eliminatedRule", properties.eliminatedRule());
        if (download) {
            String file = java.net.URLEncoder.encode("会议纪要-" + meeting.title() + ".html", java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20");
            response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + file);
        }
        return "meetings/minutes";
    }

    private String act(RedirectAttributes redirect, long id, String notice, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/meetings/" + id;
    }

    private static boolean organiser(StaffUser user) {
        return user.isMemberOf(GroupIds.HEZUO) || user.isAdmin();
    }

    private static void requireViewer(StaffUser user) {
        if (!user.seesWholeDistrict()) {
            throw ApiException.forbidden("项目论证会仅对区级部门和区领导开放");
        }
    }
}
