package org.zhaoshang.operations;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.PersonNames;
import org.zhaoshang.notification.MailOutbox;
import org.zhaoshang.notification.MailTemplates;
import org.zhaoshang.notification.OutgoingMail;

/** The mail an operation sends (转办, 委派, 加签, 抄送, 催办, 退回, 撤回), through the outbox like every mail. */
@Component
class OperationMails {

    private final IdentityService identityService;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final String baseUrl;

    OperationMails(IdentityService identityService, MailOutbox outbox, MailTemplates templates, @Value("${app.base-url}") String baseUrl) {
        this.identityService = identityService;
        this.outbox = outbox;
        this.templates = templates;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * One mail per recipient; {@code key} makes it once only (e.g. the operation's id), {@code link} is a
     * path of the app (null: the task in Tasklist).
     */
    void send(OperationKind kind, String key, Collection<String> recipients, String taskId, String taskLabel, String processInstanceId,
            String projectCode, String actor, String text, String reason, String link) {
        for (String recipient : recipients) {
            User person = identityService.createUserQuery().userId(recipient).singleResult();
            // Without an e-mail address a person may still take SMS (MailOutbox.enqueue follows their channels).
            if (person == null) {
                continue;
            }
            Map<String, Object> variables = new HashMap<>();
            variables.put("kind", kind.label());
            variables.put("name", PersonNames.of(person));
            variables.put("task", taskLabel);
            variables.put("actor", actor);
            variables.put("text", text);
            variables.put("reason", reason);
            variables.put("link", baseUrl + (link != null ? link : "/camunda/app/tasklist/default/#/?task=" + taskId));
            MailTemplates.Rendered mail = templates.render("task-operation", variables);
            outbox.enqueue(new OutgoingMail("operation:%s:%s:%s".formatted(kind.name(), key, recipient), recipient, person.getEmail(),
                    mail.subject(), mail.body(), taskId, processInstanceId, projectCode, null));
        }
    }
}
