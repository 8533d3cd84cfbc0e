package org.zhaoshang.system;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.zhaoshang.identity.StaffUser;

/** The login page and the home page with the entries to Tasklist, Cockpit, Admin and the ledger. */
@Controller
class PageController {

    private final org.zhaoshang.sso.SingleSignOn sso;

    PageController(org.springframework.beans.factory.ObjectProvider<org.zhaoshang.sso.SingleSignOn> sso) {
        this.sso = sso.getIfAvailable();
    }

    /** The password form, the district's single sign-on, or both (README, "Connecting the district's directory and single sign-on"). */
    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("ssoName", sso == null ? null : sso.properties().providerName());
        model.addAttribute("localLogin", sso == null || sso.properties().localLogin());
        return "login";
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal StaffUser user, Model model) {
        model.addAttribute("user", user);
        return "home";
    }
}
