package org.zhaoshang.chain;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.PersonNames;
import org.zhaoshang.notification.MailOutbox;
import org.zhaoshang.notification.MailTemplates;
import org.zhaoshang.notification.OutgoingMail;
import org.zhaoshang.project.Industry;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.project.ProjectStageChanged;

/**
 * A new project, a veto, a loss or a signing in a chain reaches the chain's 分管区领导 and its 牵头部门 (the department's head,
 * or its members when it has none, and its 企业微信 / 钉钉 groups), on each person's channels. Written in the transaction that
 * moved the project, so a notice exists exactly when the move does; one per project, stage and recipient.
 */
@Component
class ChainNotices {

    private final IndustryChains chains;
    private final OrgDirectory directory;
    private final IdentityService identityService;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final String baseUrl;

    ChainNotices(IndustryChains chains, OrgDirectory directory, IdentityService identityService, MailOutbox outbox, MailTemplates templates,
            @Value("${app.base-url}") String baseUrl) {
        this.chains = chains;
        this.directory = directory;
        this.identityService = identityService;
        this.outbox = outbox;
        this.templates = templates;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** What the chain hears about, in the words of its notice; null: nothing. */
    static String what(ProjectStage from, ProjectStage to) {
        return switch (to) {
            case NEGOTIATING -> from == null ? "新登记项目" : null;
            case VETOED -> "项目被一票否决";
            case LOST -> "项目流失";
            case SIGNED -> "项目签约";
            default -> null;
        };
    }

    @EventListener
    void onStageChanged(ProjectStageChanged event) {
        String what = what(event.from(), event.to());
        if (what == null) {
            return;
        }
        Industry industry = chains.chainOf(event.project());
        if (industry == null) {
            return;
        }
        IndustryChains.Leadership chain = chains.leadership(industry);
        Map<String, User> people = new LinkedHashMap<>();
        addUser(people, chain.leader());
        if (chain.leadDepartment() != null) {
            addDepartment(people, chain.leadDepartment());
        }
        String key = "chain:%s:%s".formatted(event.project().code(), event.to().name());
        String link = baseUrl + "/projects/" + event.project().code();
        for (User user : people.values()) {
            MailTemplates.Rendered mail = render(PersonNames.of(user), event, chain, what, link);
            outbox.enqueue(new OutgoingMail(key + ":" + user.getId(), user.getId(), user.getEmail(), mail.subject(), mail.body(), null, null,
                    event.project().code(), null, link));
        }
        if (chain.leadDepartment() != null) {
            MailTemplates.Rendered notice = render(directory.unitName(chain.leadDepartment()), event, chain, what, link);
            outbox.enqueueForUnit(new OutgoingMail(key, null, null, notice.subject(), notice.body(), null, null, event.project().code(), null, link),
                    chain.leadDepartment(), null);
        }
    }

    /** The leader's 协调意见 on a chain's monthly review reaches the lead department (its head, else its members, and its groups). */
    void coordinated(ChainReviews.Review review) {
        Map<String, User> people = new LinkedHashMap<>();
        addDepartment(people, review.leadDepartment());
        String key = "chain-review:%d:coordinated".formatted(review.id());
        String link = baseUrl + "/chains/" + review.industry().name();
        for (User user : people.values()) {
            MailTemplates.Rendered mail = renderCoordination(PersonNames.of(user), review, link);
            outbox.enqueue(new OutgoingMail(key + ":" + user.getId(), user.getId(), user.getEmail(), mail.subject(), mail.body(), null,
                    review.processInstanceId(), null, null, link));
        }
        MailTemplates.Rendered notice = renderCoordination(directory.unitName(review.leadDepartment()), review, link);
        outbox.enqueueForUnit(new OutgoingMail(key, null, null, notice.subject(), notice.body(), null, review.processInstanceId(), null, null, link),
                review.leadDepartment(), null);
    }

    private MailTemplates.Rendered renderCoordination(String name, ChainReviews.Review review, String link) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("name", name);
        variables.put("chain", review.industry().label());
        variables.put("month", review.monthLabel());
        variables.put("problems", review.problems());
        variables.put("leader", directory.personName(review.coordinatedBy()));
        variables.put("note", review.coordinationNote());
        variables.put("link", link);
        return templates.render("chain-coordinated", variables);
    }

    private void addDepartment(Map<String, User> people, String department) {
        String head = directory.findUnit(department).map(OrgUnit::headUserId).orElse(null);
        if (head != null) {
            addUser(people, head);
        } else {
            identityService.createUserQuery().memberOfGroup(department).unlimitedList().forEach(u -> people.putIfAbsent(u.getId(), u));
        }
    }

    private void addUser(Map<String, User> people, String userId) {
        if (userId == null) {
            return;
        }
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user != null) {
            people.putIfAbsent(user.getId(), user);
        }
    }

    private MailTemplates.Rendered render(String name, ProjectStageChanged event, IndustryChains.Leadership chain, String what, String link) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("name", name);
        variables.put("what", what);
        variables.put("chain", chain.industry().label());
        variables.put("project", event.project());
        variables.put("host", directory.unitName(event.project().hostUnit()));
        // Process steps record "system" as the actor; only a person is named.
        variables.put("actor", event.actor() == null ? null
                : identityService.createUserQuery().userId(event.actor()).list().stream().map(PersonNames::of).findFirst().orElse(null));
        variables.put("reason", event.to() == ProjectStage.NEGOTIATING ? null : event.reason());
        variables.put("link", link);
        variables.put("chainLink", baseUrl + "/chains/" + chain.industry().name());
        return templates.render("chain-notice", variables);
    }
}
