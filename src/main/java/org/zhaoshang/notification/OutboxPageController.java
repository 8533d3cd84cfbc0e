package org.zhaoshang.notification;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.system.Labelled;

/** 通知发件箱: every notification the system wrote, its delivery state, and "resend" for failed ones. */
@Controller
@RequestMapping("/admin/outbox")
class OutboxPageController {

    private final MailOutbox outbox;

    OutboxPageController(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String channel, Model model) {
        OutboxStatus parsed = Labelled.parse(OutboxStatus.class, status).orElse(null);
        Channel parsedChannel = Labelled.parse(Channel.class, channel).orElse(null);
        model.addAttribute("mails", outbox.list(parsed, parsedChannel, null, 200));
        model.addAttribute("channelValues", Channel.values());
        model.addAttribute("channel", parsedChannel);
        model.addAttribute("statuses", OutboxStatus.values());
        model.addAttribute("status", parsed);
        return "admin/outbox";
    }

    @PostMapping("/{id}/resend")
    String resend(@PathVariable long id, RedirectAttributes redirect) {
        outbox.resend(id);
        redirect.addFlashAttribute("notice", "通知 #" + id + " 已重新排入发送队列");
        return "redirect:/admin/outbox";
    }
}
