package org.zhaoshang.notification;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/** {@code /api/admin/outbox}: administrators read the outbox and resend failed mails. */
@RestController
@RequestMapping("/api/admin/outbox")
class OutboxAdminController {

    private final MailOutbox outbox;

    OutboxAdminController(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    List<OutboxMail> list(@RequestParam(required = false) String status, @RequestParam(required = false) String taskId,
            @RequestParam(defaultValue = "100") int limit) {
        OutboxStatus parsed = status == null || status.isBlank() ? null
                : Labelled.parse(OutboxStatus.class, status).orElseThrow(() -> ApiException.badField("status", "邮件状态不在可选范围内：" + status));
        return outbox.list(parsed, taskId, limit);
    }

    @PostMapping("/{id}/resend")
    OutboxMail resend(@PathVariable long id) {
        return outbox.resend(id);
    }
}
