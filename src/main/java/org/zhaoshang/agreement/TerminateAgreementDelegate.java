package org.zhaoshang.agreement;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;

/**
 * {@code ${terminateAgreementDelegate}}: 终止协议 after a missed milestone — the agreement and the project
 * end (已终止), open payment requests are cancelled and paid incentives are listed for 追回.
 */
@Component
class TerminateAgreementDelegate implements JavaDelegate {

    private final AgreementRecords records;
    private final ProjectService projects;

    TerminateAgreementDelegate(AgreementRecords records, ProjectService projects) {
        this.records = records;
        this.projects = projects;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long agreementId = AgreementExpressions.agreementId(execution);
        AgreementRecords.Milestone milestone = records.milestone(((Number) execution.getVariable(AgreementProcess.MILESTONE_ID)).longValue());
        AgreementRecords.Supervision supervision = records.latestSupervision(milestone.id()).orElseThrow();
        String reason = "履约节点「%s」未达成，终止协议：%s".formatted(milestone.title(), supervision.decisionNote());
        records.closeAgreement(agreementId, "TERMINATED", reason);
        List<AgreementRecords.Payment> toRecover = records.markForRecovery(agreementId);
        String code = execution.getProcessBusinessKey();
        projects.changeStage(code, ProjectStage.TERMINATED, supervision.decidedBy(), reason, execution.getProcessInstanceId(), null);
        // Ends any payment review still open (conditional boundary event on 审核兑付申请).
        execution.getProcessInstance().setVariable(AgreementProcess.AGREEMENT_TERMINATED, true);
        projects.recordEvent(code, ProjectEventType.AGREEMENT_ENDED, supervision.decidedBy(), toRecover.isEmpty() ? "协议终止，无已兑付奖励"
                : "协议终止，待追回已兑付奖励：" + toRecover.stream().map(p -> PaymentRules.plain(p.amount()) + " 万元")
                        .collect(Collectors.joining("、")),
                execution.getProcessInstanceId(), null);
    }
}
