package org.zhaoshang.calendar;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiError;
import org.zhaoshang.system.ApiException;

/**
 * 节假日安排 (administrators): the years and their origin; a year's holidays, 调休 days and history; the
 * form (rows, or the pasted file format) to enter or correct it; removing an administrator's entry.
 */
@Controller
@RequestMapping("/admin/holidays")
class HolidayPageController {

    private final HolidayAdminService holidays;
    private final CalendarProperties properties;

    HolidayPageController(HolidayAdminService holidays, CalendarProperties properties) {
        this.holidays = holidays;
        this.properties = properties;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("years", holidays.years());
        model.addAttribute("refreshSeconds", properties.refreshInterval().toSeconds());
        return "admin/holidays";
    }

    @GetMapping("/{year}")
    String year(@PathVariable int year, Model model) {
        HolidayAdminService.YearView view = holidays.year(year);
        HolidayInput current = view.hasData() ? view.input()
                : new HolidayInput("国务院办公厅关于" + year + "年部分节假日安排的通知", List.of(), List.of());
        return page(view, HolidayForm.of(current, view.hasData() ? view.yaml() : HolidayYaml.skeleton(year)), null, model);
    }

    @PostMapping("/{year}")
    String save(@AuthenticationPrincipal StaffUser user, @PathVariable int year, @ModelAttribute("form") HolidayForm form, Model model,
            RedirectAttributes redirect) {
        return saved(user, year, form, form::toInput, model, redirect);
    }

    @PostMapping("/{year}/yaml")
    String saveYaml(@AuthenticationPrincipal StaffUser user, @PathVariable int year, @ModelAttribute("form") HolidayForm form, Model model,
            RedirectAttributes redirect) {
        return saved(user, year, form, () -> HolidayYaml.read(form.getYaml(), year), model, redirect);
    }

    @PostMapping("/{year}/remove")
    String remove(@AuthenticationPrincipal StaffUser user, @PathVariable int year, RedirectAttributes redirect) {
        HolidayAdminService.YearView after = holidays.remove(year, user.id());
        redirect.addFlashAttribute("notice", "已撤销管理员录入的 " + year + " 年节假日安排，现按" + after.originLabel()
                + (after.hasData() ? "" : "（按周一至周五计算）") + "。");
        return "redirect:/admin/holidays/" + year;
    }

    private String saved(StaffUser user, int year, HolidayForm form, Supplier<HolidayInput> input, Model model,
            RedirectAttributes redirect) {
        try {
            HolidayAdminService.Saved saved = holidays.save(year, input.get(), user.id());
            redirect.addFlashAttribute("notice", saved.changed()
                    ? year + " 年节假日安排已保存，立即在本节点生效，其他节点在 " + properties.refreshInterval().toSeconds() + " 秒内生效。"
                    : "内容与当前录入的安排相同，未作修改。");
            return "redirect:/admin/holidays/" + year;
        } catch (ApiException e) {
            form.padRows();
            return page(holidays.year(year), form, e.fieldErrors().isEmpty() ? List.of(e.getMessage())
                    : e.fieldErrors().stream().map(ApiError.FieldError::message).toList(), model);
        }
    }

    private String page(HolidayAdminService.YearView view, HolidayForm form, List<String> errors, Model model) {
        model.addAttribute("y", view);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("changes", holidays.changes(view.year()));
        model.addAttribute("refreshSeconds", properties.refreshInterval().toSeconds());
        model.addAttribute("editableRange", holidays.editableRange());
        return "admin/holiday-year";
    }
}
