package org.zhaoshang.handoff;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.PersonNames;
import org.zhaoshang.notification.MailOutbox;
import org.zhaoshang.notification.MailTemplates;
import org.zhaoshang.notification.OutgoingMail;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;

/**
 * {@code ${recordHandoffOutcomeDelegate}} with input {@code outcome}: TALLY (silent candidates count as
 * 不接收; how many accepted), CITY_PUSHED (推送市级, dated), MOVED (host changes, 三七分成, the origin's
 * bonus, both units told), LOST (已流失 with the reason).
 */
@Component
class RecordHandoffOutcomeDelegate implements JavaDelegate {

    private final HandoffRecords records;
    private final CreditShares shares;
    private final ProjectService projects;
    private final HandoffProperties properties;
    private final OrgDirectory directory;
    private final IdentityService identityService;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final String baseUrl;

    RecordHandoffOutcomeDelegate(HandoffRecords records, CreditShares shares, ProjectService projects,
            HandoffProperties properties, OrgDirectory directory, IdentityService identityService, MailOutbox outbox,
            MailTemplates templates, @Value("${app.base-url}") String baseUrl) {
        this.records = records;
        this.shares = shares;
        this.projects = projects;
        this.properties = properties;
        this.directory = directory;
        this.identityService = identityService;
        this.outbox = outbox;
        this.templates = templates;
        this.baseUrl = baseUrl;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long handoff = ((Number) execution.getVariable(HandoffProcess.HANDOFF_ID)).longValue();
        String code = execution.getProcessBusinessKey();
        String pi = execution.getProcessInstanceId();
        switch ((String) execution.getVariableLocal("outcome")) {
            case "TALLY" -> {
                @SuppressWarnings("unchecked")
                List<String> candidates = (List<String>) execution.getVariable(HandoffProcess.CANDIDATE_UNITS);
                List<String> answered = records.answered(handoff);
                candidates.stream().filter(unit -> !answered.contains(unit))
                        .forEach(unit -> records.feedback(handoff, unit, "SILENT", "逾期未反馈，视为不接收", "system"));
                List<String> accepted = records.accepted(handoff);
                execution.setVariable(HandoffProcess.ACCEPTED_COUNT, accepted.size());
                execution.setVariable(HandoffProcess.ACCEPTED_UNITS, accepted.isEmpty() ? "（无）"
                        : String.join("、", accepted.stream().map(u -> directory.unitName(u) + "（" + u + "）").toList()));
            }
            case "CITY_PUSHED" -> {
                records.cityPushed(handoff);
                projects.recordEvent(code, ProjectEventType.HANDOFF, "system", "候选单位均未接收，区领导决定推送市级协调", pi, null);
            }
            case "MOVED" -> {
                String origin = (String) execution.getVariable(HandoffProcess.ORIGIN_UNIT);
                String landing = (String) execution.getVariable(HandoffProcess.HOST_UNIT);
                String note = (String) execution.getVariable(HandoffProcess.HOST_NOTE);
                InvestmentProject project = projects.changeHost(code, landing, "system",
                        "项目统筹流转" + (note == null || note.isBlank() ? "" : "：" + note), pi, null);
                shares.record(code, origin, landing, properties.originShare());
                records.bonus(origin, code, properties.bonusPoints());
                records.close(handoff, "MOVED", landing, note);
                notifyUnits(project, origin, landing, pi);
            }
            case "LOST" -> {
                String reason = "项目流失：" + execution.getVariable(HandoffProcess.LOSS_REASON);
                projects.changeStage(code, ProjectStage.LOST, "system", reason, pi, null);
                records.close(handoff, "LOST", null, reason);
            }
            default -> throw new IllegalStateException("outcome " + execution.getVariableLocal("outcome"));
        }
    }

    private void notifyUnits(InvestmentProject project, String origin, String landing, String pi) {
        for (String unit : List.of(origin, landing)) {
            for (User user : identityService.createUserQuery().memberOfGroup(unit).unlimitedList()) {
                MailTemplates.Rendered mail = templates.render("handoff-moved", Map.of("name", PersonNames.of(user),
                        "project", project, "origin", directory.unitName(origin), "landing", directory.unitName(landing),
                        "originShare", properties.originShare().movePointRight(2).stripTrailingZeros().toPlainString(),
                        "link", baseUrl + "/projects/" + project.code()));
                outbox.enqueue(new OutgoingMail("handoff-moved:%s:%s".formatted(pi, user.getId()), user.getId(), user.getEmail(),
                        mail.subject(), mail.body(), null, pi, project.code(), null));
            }
        }
    }

}
