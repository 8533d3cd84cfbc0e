package org.zhaoshang.directory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.system.ApiException;

/** 目录同步 (administrators): the mirror's state, what it changed, and a refresh on demand; the same as JSON. */
@Controller
class DirectoryController {

    static final String NOT_ENABLED = "未启用目录对接（app.directory.ldap.enabled=false）：人员和组在 Camunda Admin 中维护";

    private final DirectoryStatus status;

    DirectoryController(DirectoryStatus status) {
        this.status = status;
    }

    @GetMapping("/admin/directory")
    String page(Model model) {
        model.addAttribute("directory", status.view());
        return "admin/directory";
    }

    @PostMapping("/admin/directory/refresh")
    String refresh(@RequestParam(defaultValue = "false") boolean force, RedirectAttributes redirect) {
        status.refresh(force).ifPresentOrElse(
                result -> redirect.addFlashAttribute(result.ok() ? "notice" : "error", result.message()),
                () -> redirect.addFlashAttribute("error", NOT_ENABLED));
        return "redirect:/admin/directory";
    }

    @GetMapping("/api/admin/directory")
    @ResponseBody
    DirectoryStatus.View view() {
        return status.view();
    }

    @PostMapping("/api/admin/directory/refresh")
    @ResponseBody
    DirectorySync.Result refreshApi(@RequestParam(defaultValue = "false") boolean force) {
        return status.refresh(force).orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, NOT_ENABLED));
    }
}
