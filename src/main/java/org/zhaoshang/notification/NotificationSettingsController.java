package org.zhaoshang.notification;

import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.identity.CurrentUser;
import org.zhaoshang.system.ApiException;

/**
 * 我的通知方式: each person sets their mobile number, 企业微信 account and what they receive
 * ({@code /profile/notifications}; JSON at {@code /api/profile/notifications}).
 */
@Controller
class NotificationSettingsController {

    record SettingsForm(String mobile, String wecomUserId, List<String> channels) {
    }

    private final PersonChannels people;

    NotificationSettingsController(PersonChannels people) {
        this.people = people;
    }

    @GetMapping("/profile/notifications")
    String page(Model model) {
        if (!model.containsAttribute("settings")) {
            model.addAttribute("settings", people.of(CurrentUser.get().id()));
        }
        model.addAttribute("preferences", Preference.values());
        return "profile/notifications";
    }

    @PostMapping("/profile/notifications")
    String save(@RequestParam(required = false) String mobile, @RequestParam(required = false) String wecomUserId,
            @RequestParam(required = false) String[] channels, RedirectAttributes redirect, Model model) {
        List<String> chosen = channels == null ? List.of() : Arrays.asList(channels);
        try {
            people.save(CurrentUser.get().id(), mobile, wecomUserId, chosen, CurrentUser.get().id());
        } catch (ApiException e) {
            // The page again with what the person typed, and what was wrong with it; nothing saved.
            java.util.Set<Preference> kept = java.util.EnumSet.noneOf(Preference.class);
            chosen.forEach(c -> org.zhaoshang.system.Labelled.parse(Preference.class, c).ifPresent(kept::add));
            model.addAttribute("settings", new PersonChannels.Settings(CurrentUser.get().id(), mobile, wecomUserId, kept, true));
            model.addAttribute("error", e.getMessage());
            return page(model);
        }
        redirect.addFlashAttribute("notice", "通知方式已保存");
        return "redirect:/profile/notifications";
    }

    @GetMapping("/api/profile/notifications")
    @ResponseBody
    PersonChannels.Settings read() {
        return people.of(CurrentUser.get().id());
    }

    @PutMapping("/api/profile/notifications")
    @ResponseBody
    PersonChannels.Settings update(@RequestBody SettingsForm form) {
        return people.save(CurrentUser.get().id(), form.mobile(), form.wecomUserId(), form.channels(), CurrentUser.get().id());
    }
}
