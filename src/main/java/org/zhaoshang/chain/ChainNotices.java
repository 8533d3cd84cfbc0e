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
        if (people.isEmpty() && chain.leadDepartment() == null) {
            return;
        }
        String code = event.project().code();
        Map<String, Object> variables = new HashMap<>();
        variables.put("what", what);
        variables.put("chain", industry.label());
        variables.put("project", event.project());
        variables.put("host", directory.unitName(event.project().hostUnit()));
        // Process steps record "system" as the actor; only a person is named.
        variables.put("actor", event.actor() == null ? null
                : identityService.createUserQuery().userId(event.actor()).list().stream().map(PersonNames::of).findFirst().orElse(null));
        variables.put("reason", event.to() == ProjectStage.NEGOTIATING ? null : event.reason());
        variables.put("link", baseUrl + "/projects/" + code);
        variables.put("chainLink", baseUrl + "/chains/" + industry.name());
        send(people, chain.leadDepartment(), "chain:%s:%s".formatted(code, event.to().name()), code, null, "chain-notice", variables);
    }

    /** The leader's 协调意见 on a chain's monthly review reaches the lead department (its head, else its members, and its groups). */
    void coordinated(ChainReviews.Review review) {
        Map<String, User> people = new LinkedHashMap<>();
        addDepartment(people, review.leadDepartment());
        Map<String, Object> variables = new HashMap<>();
        variables.put("chain", review.industry().label());
        variables.put("month", review.monthLabel());
        variables.put("problems", review.problems());
        variables.put("leader", directory.personName(review.coordinatedBy()));
        variables.put("note", review.coordinationNote());
        variables.put("link", baseUrl + "/chains/" + review.industry().name());
        send(people, review.leadDepartment(), "chain-review:%d:coordinated".formatted(review.id()), null, review.processInstanceId(),
                "chain-coordinated", variables);
    }

    /**
     * One notice, rendered from {@code template} with the shared {@code variables} and each reader's name: to each person on their
     * channels (key {@code cause:user}), and to the department's groups when there is one (key {@code cause}).
     */
    private void send(Map<String, User> people, String department, String cause, String projectCode, String processInstanceId,
            String template, Map<String, Object> variables) {
        String link = (String) variables.get("link");
        for (User user : people.values()) {
            MailTemplates.Rendered mail = render(template, variables, PersonNames.of(user));
            outbox.enqueue(new OutgoingMail(cause + ":" + user.getId(), user.getId(), user.getEmail(), mail.subject(), mail.body(), null,
                    processInstanceId, projectCode, null, link));
        }
        if (department != null) {
            MailTemplates.Rendered notice = render(template, variables, directory.unitName(department));
            outbox.enqueueForUnit(new OutgoingMail(cause, null, null, notice.subject(), notice.body(), null, processInstanceId, projectCode,
                    null, link), department, null);
        }
    }

    private MailTemplates.Rendered render(String template, Map<String, Object> variables, String name) {
        Map<String, Object> named = new HashMap<>(variables);
        named.put("name", name);
        return templates.render(template, named);
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
}
