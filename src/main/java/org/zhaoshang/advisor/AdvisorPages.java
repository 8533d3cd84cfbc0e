package org.zhaoshang.advisor;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.Industry;
import org.zhaoshang.system.ApiException;

/** 招商顾问 (navigation): the list, 合作交流办's entry and 解聘, and the year's projects by who introduced them. */
@Controller
class AdvisorPages {

    private final Advisors advisors;
    private final Introducers introducers;
    private final Clock clock;

    AdvisorPages(Advisors advisors, Introducers introducers, Clock clock) {
        this.advisors = advisors;
        this.introducers = introducers;
        this.clock = clock;
    }

    @GetMapping("/advisors")
    String page(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) Integer year, Model model) {
        int thisYear = LocalDate.now(clock).getYear();
        int y = year == null || year < 2000 || year > thisYear + 1 ? thisYear : year;
        model.addAttribute("advisors", advisors.list());
        model.addAttribute("mayEdit", Advisors.mayEdit(user));
        model.addAttribute("industries", Industry.values());
        model.addAttribute("year", y);
        model.addAttribute("years", java.util.stream.IntStream.rangeClosed(thisYear - 4, thisYear).boxed()
                .sorted(java.util.Comparator.reverseOrder()).toList());
        if (user.seesWholeDistrict()) {
            model.addAttribute("figures", introducers.figures(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31)));
        }
        return "advisors/list";
    }

    @PostMapping("/advisors")
    String create(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) String name,
            @RequestParam(required = false) String organisation, @RequestParam(required = false) String field,
            @RequestParam(required = false) List<String> industries, @RequestParam(required = false) String appointedOn,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            Advisors.Advisor created = advisors.create(new Advisors.AdvisorForm(name, organisation, field, industries, appointedOn, true, note), user);
            redirect.addFlashAttribute("notice", "已将" + created.name() + "（" + created.organisation() + "）列入招商顾问名单");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/advisors";
    }

    /** 解聘 or 重新聘任: the rest of the entry stays as it is. */
    @PostMapping("/advisors/{id}/active")
    String active(@AuthenticationPrincipal StaffUser user, @PathVariable long id, @RequestParam boolean active, RedirectAttributes redirect) {
        try {
            Advisors.Advisor a = advisors.find(id).orElseThrow(() -> ApiException.notFound("招商顾问不存在：" + id));
            advisors.update(id, new Advisors.AdvisorForm(a.name(), a.organisation(), a.field(),
                    a.industries().stream().map(Enum::name).toList(), a.appointedOn().toString(), active, a.note()), user);
            redirect.addFlashAttribute("notice", (active ? "已重新聘任" : "已解聘") + a.name());
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/advisors";
    }
}
