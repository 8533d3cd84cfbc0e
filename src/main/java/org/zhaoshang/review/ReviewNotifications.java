package org.zhaoshang.review;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.PersonNames;
import org.zhaoshang.notification.MailOutbox;
import org.zhaoshang.notification.MailTemplates;
import org.zhaoshang.notification.OutgoingMail;
import org.zhaoshang.project.InvestmentProject;

/** Tells the registering officer and 合作交流办 how a review ended (mail through the outbox). */
@Component
class ReviewNotifications {

    private final IdentityService identityService;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final String baseUrl;

    ReviewNotifications(IdentityService identityService, MailOutbox outbox, MailTemplates templates,
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
        identityService.createUserQuery().memberOfGroup(GroupIds.HEZUO).unlimitedList().forEach(u -> to.putIfAbsent(u.getId(), u));
        for (User user : to.values()) {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("name", PersonNames.of(user));
            variables.put("project", project);
            variables.put("outcome", outcomeLabel);
            variables.put("reason", reason);
            variables.put("link", baseUrl + "/projects/" + project.code());
            MailTemplates.Rendered mail = templates.render("review-outcome", variables);
            outbox.enqueue(new OutgoingMail("review-outcome:%s:%s".formatted(processInstanceId, user.getId()), user.getId(),
                    user.getEmail(), mail.subject(), mail.body(), null, processInstanceId, project.code(), null));
        }
    }
}
