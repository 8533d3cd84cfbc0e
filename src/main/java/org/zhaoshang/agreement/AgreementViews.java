package org.zhaoshang.agreement;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.system.Times;

/** An agreement as the ledger shows it: plan vs actual per milestone, incentives with what is paid, the payments. */
@Service
public class AgreementViews {

    public record MilestoneView(long id, int position, String type, String typeLabel, String title, BigDecimal targetValue,
            String targetUnit, String dueOn, String responsibleUnit, String responsibleUnitName, String verifyingDepartment,
            String verifyingDepartmentName, String status, String statusLabel, BigDecimal actualValue, String reportText,
            String verifiedBy, String verifiedAt, String verificationNote, List<EvidenceService.Evidence> evidence, boolean open,
            BigDecimal signedTarget, boolean targetChanged) {
    }

    /** {@code payable}: what the incentive may pay in total (the cap, or its pro-rata share, explained in {@code proRataNote}). */
    public record IncentiveView(long id, String name, BigDecimal cap, BigDecimal paid, BigDecimal underReview, List<Integer> unlockedBy,
            String unlockedByText, BigDecimal payable, String proRataNote) {
    }

    /** 例外达成 and 目标变更 of a milestone, as the ledger lists them. */
    public record DecisionView(int position, String milestone, String kind, String request, String requestedBy, String requestedAt,
            String decision, String decidedBy, String decidedAt) {
    }

    public record PaymentView(long id, long incentiveId, String incentiveName, BigDecimal amount, String status, String statusLabel,
            String requestedBy, String requestedAt, String decidedBy, String decisionNote, String recoveryStatus,
            BigDecimal recoveredAmount) {
    }

    public record AgreementView(long id, String projectCode, String agreementNo, String signedOn, String parties,
            BigDecimal totalInvestment, String status, String statusLabel, int version, String closeReason,
            List<MilestoneView> milestones, List<IncentiveView> incentives, List<PaymentView> payments,
            List<AgreementRecords.Amendment> amendments, List<AgreementRecords.EvaluationReport> evaluations, String landedOn,
            List<DecisionView> decisions) {
    }

    private final AgreementRecords records;
    private final EvidenceService evidence;
    private final OrgDirectory directory;
    private final IncentivePaymentService payments;

    AgreementViews(AgreementRecords records, EvidenceService evidence, OrgDirectory directory, IncentivePaymentService payments) {
        this.records = records;
        this.evidence = evidence;
        this.directory = directory;
        this.payments = payments;
    }

    public List<AgreementView> of(String projectCode) {
        return records.agreementsOf(projectCode).stream().map(this::view).toList();
    }

    public AgreementView view(AgreementRecords.Agreement a) {
        List<AgreementRecords.Milestone> milestones = records.milestones(a.id());
        Map<Long, AgreementRecords.Milestone> byId = milestones.stream()
                .collect(Collectors.toMap(AgreementRecords.Milestone::id, Function.identity()));
        List<AgreementRecords.Incentive> incentives = records.incentives(a.id());
        Map<Long, String> incentiveNames = incentives.stream()
                .collect(Collectors.toMap(AgreementRecords.Incentive::id, AgreementRecords.Incentive::name));
        return new AgreementView(a.id(), a.projectCode(), a.agreementNo(), a.signedOn().toString(), a.parties(), a.totalInvestment(),
                a.status(), a.statusLabel(), a.version(), a.closeReason(),
                milestones.stream().map(m -> new MilestoneView(m.id(), m.position(), m.type().name(), m.type().label(), m.title(),
                        m.targetValue(), m.targetUnit(), m.dueOn().toString(), m.responsibleUnit(), directory.unitName(m.responsibleUnit()),
                        m.verifyingDepartment(), directory.unitName(m.verifyingDepartment()), m.status().name(), m.status().label(),
                        m.actualValue(), m.reportText(), m.verifiedBy() == null ? null : directory.personName(m.verifiedBy()),
                        m.verifiedAt() == null ? null : Times.localDate(m.verifiedAt()).toString(), m.verificationNote(), evidence.of(m.id()),
                        a.active() && m.status().open(), m.signedTarget(), m.targetChanged())).toList(),
                incentives.stream().map(i -> {
                    List<Integer> positions = i.milestoneIds().stream().map(id -> byId.get(id).position()).sorted().toList();
                    PaymentRules.ProRata share = payments.payable(i);
                    return new IncentiveView(i.id(), i.name(), i.cap(), records.sumPayments(i.id(), "PAID"),
                            records.sumPayments(i.id(), "REQUESTED"), positions,
                            positions.stream().map(p -> p + "." + milestones.get(p - 1).title()).collect(Collectors.joining("、")),
                            share.payable(), share.reduced() ? "按完成比例 %s（「%s」实际 %s ÷ 签约目标 %s）".formatted(share.percent(),
                                    share.milestone().title(), PaymentRules.plain(share.milestone().actualValue()),
                                    PaymentRules.plain(share.milestone().signedTarget())) : null);
                }).toList(),
                records.payments(a.id()).stream().map(p -> new PaymentView(p.id(), p.incentiveId(), incentiveNames.get(p.incentiveId()),
                        p.amount(), p.status(), p.statusLabel(), directory.personName(p.requestedBy()),
                        Times.localDate(p.requestedAt()).toString(), p.decidedBy() == null ? null : directory.personName(p.decidedBy()),
                        p.decisionNote(), p.recoveryStatus(), p.recoveredAmount())).toList(),
                records.amendments(a.id()), records.evaluations(a.id()), a.landedOn() == null ? null : a.landedOn().toString(),
                decisions(a.id(), byId));
    }

    private List<DecisionView> decisions(long agreementId, Map<Long, AgreementRecords.Milestone> byId) {
        List<DecisionView> views = new java.util.ArrayList<>();
        for (AgreementRecords.MetException e : records.exceptions(agreementId)) {
            AgreementRecords.Milestone m = byId.get(e.milestoneId());
            views.add(new DecisionView(m.position(), m.title(), "例外达成（部门负责人审批）", "实际 %s，目标 %s %s：%s".formatted(
                    PaymentRules.plain(e.actualValue()), PaymentRules.plain(e.targetValue()), m.targetUnit(), e.reason()),
                    directory.personName(e.requestedBy()), Times.localDate(e.requestedAt()).toString(),
                    e.decisionLabel() + (e.decisionNote() == null ? "" : "：" + e.decisionNote()),
                    directory.personName(e.decidedBy() != null ? e.decidedBy() : e.approver()),
                    e.decidedAt() == null ? null : Times.localDate(e.decidedAt()).toString()));
        }
        for (AgreementRecords.TargetDecision d : records.targetDecisions(agreementId)) {
            AgreementRecords.Milestone m = byId.get(d.milestoneId());
            views.add(new DecisionView(m.position(), m.title(), "目标变更（区领导决定）", "目标 %s → %s %s（签约目标 %s），时限 %s：%s".formatted(
                    PaymentRules.plain(d.oldTarget()), PaymentRules.plain(d.newTarget()), m.targetUnit(), PaymentRules.plain(d.signedTarget()),
                    d.newDueOn(), d.proposalReason()), directory.personName(d.proposedBy()), Times.localDate(d.proposedAt()).toString(),
                    d.decisionLabel() + (d.approved() ? "，" + d.paymentBasisLabel() : "") + (d.decisionNote() == null ? "" : "：" + d.decisionNote()),
                    d.decidedBy() == null ? "区领导" : directory.personName(d.decidedBy()),
                    d.decidedAt() == null ? null : Times.localDate(d.decidedAt()).toString()));
        }
        views.sort(java.util.Comparator.comparing(DecisionView::requestedAt).thenComparing(DecisionView::position));
        return views;
    }
}
