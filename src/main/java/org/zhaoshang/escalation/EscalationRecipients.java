package org.zhaoshang.escalation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.PersonNames;
import org.zhaoshang.identity.StaffProfile;

/**
 * Finds the people a {@link RecipientRule} names for a task. One class per rule family, as the
 * domestic BPM products do it; a rule that finds nobody falls back to the next responsible level
 * (the unit head, then 督查室), so an escalation never goes nowhere.
 */
@Component
class EscalationRecipients {

    private static final Logger log = LoggerFactory.getLogger(EscalationRecipients.class);

    private final IdentityService identityService;
    private final OrgDirectory directory;

    EscalationRecipients(IdentityService identityService, OrgDirectory directory) {
        this.identityService = identityService;
        this.directory = directory;
    }

    List<Recipient> resolve(RecipientRule rule, String assignee, List<String> candidateGroups, List<String> candidateUsers,
            String leadOfficial) {
        Map<String, Recipient> found = new LinkedHashMap<>();
        switch (rule) {
            case ASSIGNEE_OR_CANDIDATES -> {
                if (assignee != null) {
                    person(assignee).ifPresent(r -> found.put(r.userId(), r));
                } else {
                    candidateUsers.forEach(id -> person(id).ifPresent(r -> found.put(r.userId(), r)));
                    candidateGroups.forEach(group -> members(group).forEach(r -> found.putIfAbsent(r.userId(), r)));
                }
            }
            case SUPERVISOR -> {
                if (assignee != null) {
                    directory.findProfile(assignee).map(StaffProfile::supervisorId).flatMap(this::person)
                            .ifPresent(r -> found.put(r.userId(), r));
                }
                if (found.isEmpty()) {
                    List<String> units = assignee != null
                            ? directory.findProfile(assignee).map(p -> List.of(p.unitCode())).orElse(candidateGroups)
                            : candidateGroups;
                    units.forEach(unit -> directory.findUnit(unit).map(OrgUnit::headUserId).flatMap(this::person)
                            .ifPresent(r -> found.put(r.userId(), r)));
                }
            }
            case LEAD_OFFICIAL_OR_DUCHA -> {
                if (leadOfficial != null) {
                    person(leadOfficial).ifPresent(r -> found.put(r.userId(), r));
                }
            }
            case DUCHA -> {
                // filled by the fallback below
            }
        }
        if (found.isEmpty()) {
            members(GroupIds.DUCHA).forEach(r -> found.put(r.userId(), r));
            if (rule != RecipientRule.DUCHA) {
                log.info("No recipient for {} (assignee {}, groups {}): 督查室 is notified instead", rule, assignee, candidateGroups);
            }
        }
        return new ArrayList<>(found.values());
    }

    private Optional<Recipient> person(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        return Optional.ofNullable(user).map(EscalationRecipients::toRecipient);
    }

    private List<Recipient> members(String groupId) {
        return identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().unlimitedList().stream()
                .map(EscalationRecipients::toRecipient).toList();
    }

    private static Recipient toRecipient(User user) {
        return new Recipient(user.getId(), PersonNames.of(user), user.getEmail());
    }
}
