package org.zhaoshang.review;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.notification.MailOutbox;
import org.zhaoshang.notification.OutgoingMail;
import org.zhaoshang.project.InvestmentProject;

/** Tells the registering officer and 合作交流办 how a review ended (mail through the outbox). */
@Component
class ReviewNotifications {

    private final IdentityService identityService;
    private final MailOutbox outbox;
    private final ITemplateEngine templates;
    private final String baseUrl;

    ReviewNotifications(IdentityService identityService, MailOutbox outbox, ITemplateEngine templates,
            @Value("${app.base-url}") String baseUrl) {
        this.identityService = identityService;
        this.outbox = outbox;
        this.templates = templates;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    void outcome(InvestmentProject project, String processInstanceId, String registeredBy, String outcomeLabel, String reason) {
        Map<String, User> to = new LinkedHashMap<>();
        if (registeredBy != null) {
            User user = identityService.createUserQuery().userId(registeredBy).singleResult();
            if (user != null) {
                to.put(user.getId(), user);
            }
        }
        identityService.createUserQuery().memberOfGroup(GroupIds.HEZUO).list().forEach(u -> to.putIfAbsent(u.getId(), u));
        for (User user : to.values()) {
            if (user.getEmail() == null || user.getEmail().isBlank()) {
                continue;
            }
            Context context = new Context();
            context.setVariable("name", (user.getLastName() == null ? "" : user.getLastName()) + (user.getFirstName() == null ? "" : user.getFirstName()));
            context.setVariable("project", project);
            context.setVariable("outcome", outcomeLabel);
            context.setVariable("reason", reason);
            context.setVariable("link", baseUrl + "/projects/" + project.code());
            String text = templates.process("mail/review-outcome", context).strip();
            int newline = text.indexOf('\n');
            outbox.enqueue(new OutgoingMail("review-outcome:%s:%s".formatted(processInstanceId, user.getId()), user.getId(),
                    user.getEmail(), text.substring(0, newline).strip(), text.substring(newline + 1).strip() + "\n", null,
                    processInstanceId, project.code(), null));
        }
    }
}
