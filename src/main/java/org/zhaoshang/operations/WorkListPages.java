package org.zhaoshang.operations;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiException;

/** 已办, 我发起的, 抄送我的: pages linked from the app's header and from Tasklist's navigation bar. */
@Controller
class WorkListPages {

    private final WorkLists lists;
    private final CopyService copies;
    private final WithdrawService withdrawals;
    private final TaskAccess access;

    WorkListPages(WorkLists lists, CopyService copies, WithdrawService withdrawals, TaskAccess access) {
        this.lists = lists;
        this.copies = copies;
        this.withdrawals = withdrawals;
        this.access = access;
    }

    @GetMapping("/tasks/done")
    String done(@AuthenticationPrincipal StaffUser user, Model model) {
        model.addAttribute("done", lists.done(user));
        return "tasks/done";
    }

    @PostMapping("/tasks/done/{taskId}/withdraw")
    String withdraw(@AuthenticationPrincipal StaffUser user, @PathVariable String taskId, RedirectAttributes redirect) {
        try {
            withdrawals.withdraw(taskId, user);
            redirect.addFlashAttribute("notice", "已撤回，该任务已回到您的待办（我的任务）");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/tasks/done";
    }

    @GetMapping("/tasks/started")
    String started(@AuthenticationPrincipal StaffUser user, Model model) {
        model.addAttribute("started", lists.started(user));
        return "tasks/started";
    }

    @GetMapping("/tasks/copies")
    String copies(@AuthenticationPrincipal StaffUser user, Model model) {
        model.addAttribute("copies", copies.toMe(user));
        model.addAttribute("names", (java.util.function.Function<String, String>) access::name);
        return "tasks/copies";
    }

    @PostMapping("/tasks/copies/{id}/read")
    String read(@AuthenticationPrincipal StaffUser user, @PathVariable long id, RedirectAttributes redirect) {
        copies.markRead(id, user);
        redirect.addFlashAttribute("notice", "已标记为已阅");
        return "redirect:/tasks/copies";
    }
}
