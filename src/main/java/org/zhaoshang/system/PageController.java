package org.zhaoshang.system;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.zhaoshang.identity.StaffUser;

/** The login page and the home page with the entries to Tasklist, Cockpit, Admin and the ledger. */
@Controller
class PageController {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal StaffUser user, Model model) {
        model.addAttribute("user", user);
        return "home";
    }
}
