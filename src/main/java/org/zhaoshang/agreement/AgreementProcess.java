package org.zhaoshang.agreement;

import org.zhaoshang.system.Labelled;

/**
 * 协议分阶段跟踪 (agreement-follow-up): ids and variables. Policies 001 (台账, 逐项推进合作协议条款; 后评价),
 * 003 (协议履行跟踪, 杜绝超前兑付、超额兑付、超范围兑付) and 000 (签约注册、资金到位、开建开业 压茬推进).
 * Business data (milestones, decisions, payments) lives in the agreement tables; the process holds
 * references ({@link #AGREEMENT_ID}, {@link #MILESTONE_ID}, {@link #PAYMENT_ID}) and reads decisions
 * through the {@code agreements} expression bean.
 */
public final class AgreementProcess {

    public static final String PROCESS_KEY = "agreement-follow-up";
    public static final String MESSAGE_PAYMENT = "IncentivePaymentRequested";

    public static final String TASK_REPORT = "UserTask_ReportFulfilment";
    public static final String TASK_VERIFY = "UserTask_VerifyMilestone";
    /** 审批例外达成: the verifying department's head decides a 达成 below target. */
    public static final String TASK_APPROVE_EXCEPTION = "UserTask_ApproveMetException";
    /** 决定目标变更: the district's leaders decide a target change after a miss. */
    public static final String TASK_DECIDE_TARGET = "UserTask_DecideTargetChange";
    public static final String TASK_EXPLAIN = "UserTask_ExplainShortfall";
    public static final String TASK_DECIDE = "UserTask_DecideShortfall";
    public static final String TASK_CLOSE = "UserTask_CloseAgreement";
    public static final String TASK_RECOVER = "UserTask_RecoverIncentives";
    public static final String TASK_REVIEW_PAYMENT = "UserTask_ReviewPayment";
    public static final String TASK_EVALUATE = "UserTask_ReportEvaluation";
    public static final String WINDOW_TIMER = "IntermediateCatchEvent_ReportWindowOpens";
    public static final String EVALUATION_TIMER = "IntermediateCatchEvent_EvaluationYearStarts";
    /** The post-evaluation's start since issue 21 (项目已落地); older versions start at 投产. */
    public static final String EVALUATION_START = "StartEvent_ProjectLanded";

    // Variables: references
    public static final String AGREEMENT_ID = "agreementId";
    public static final String MILESTONE_IDS = "milestoneIds";
    public static final String MILESTONE_ID = "milestoneId";
    public static final String PAYMENT_ID = "paymentId";
    public static final String INDUSTRY = "industry";
    /** Set when the project lands: starts the five-year post-evaluation (conditional event sub-process). */
    public static final String PROJECT_LANDED = "projectLanded";
    /** Set when 投产 is verified: started the post-evaluation in process versions before issue 21. */
    public static final String PRODUCTION_STARTED = "productionStarted";
    /** Set when the agreement is terminated: cancels open payment reviews (conditional boundary event). */
    public static final String AGREEMENT_TERMINATED = "agreementTerminated";

    // Variables: shown in forms (computed on entering the task)
    public static final String PROJECT_CODE = "projectCode";
    public static final String PROJECT_NAME = "projectName";
    public static final String MILESTONE_SUMMARY = "milestoneSummary";
    public static final String EVIDENCE_SUMMARY = "evidenceSummary";
    public static final String PAYMENT_SUMMARY = "paymentSummary";
    public static final String AGREEMENT_SUMMARY = "agreementSummary";
    public static final String RECOVERY_SUMMARY = "recoverySummary";
    public static final String EVALUATION_SUMMARY = "evaluationSummary";
    public static final String RESPONSIBLE_UNIT = "responsibleUnit";
    public static final String VERIFYING_DEPARTMENT = "verifyingDepartment";
    public static final String HOST_UNIT = "hostUnit";
    public static final String EVALUATION_DEPARTMENT = "evaluationDepartment";
    public static final String EVALUATION_YEAR = "evaluationYear";
    public static final String EXCEPTION_APPROVER = "exceptionApprover";
    public static final String EXCEPTION_APPROVER_GROUP = "exceptionApproverGroup";
    public static final String EXCEPTION_SUMMARY = "exceptionSummary";
    public static final String TARGET_CHANGE_SUMMARY = "targetChangeSummary";

    // Variables: form inputs
    public static final String ACTUAL_VALUE = "actualValue";
    public static final String REPORT_TEXT = "reportText";
    public static final String EVIDENCE_LINK = "evidenceLink";
    public static final String VERIFICATION = "verification";
    public static final String VERIFICATION_NOTE = "verificationNote";
    public static final String EXCEPTION_DECISION = "exceptionDecision";
    public static final String EXCEPTION_NOTE = "exceptionNote";
    public static final String TARGET_DECISION = "targetDecision";
    public static final String PAYMENT_BASIS = "paymentBasis";
    public static final String TARGET_DECISION_NOTE = "targetDecisionNote";
    public static final String EXPLANATION = "explanation";
    public static final String SHORTFALL_DECISION = "shortfallDecision";
    public static final String NEW_DUE_DATE = "newDueDate";
    public static final String NEW_TARGET_VALUE = "newTargetValue";
    public static final String DECISION_NOTE = "decisionNote";
    public static final String PAYMENT_DECISION = "paymentDecision";
    public static final String PAYMENT_NOTE = "paymentNote";
    public static final String RECOVERY_NOTE = "recoveryNote";
    public static final String RECOVERED_AMOUNT = "recoveredAmount";
    public static final String CLOSE_NOTE = "closeNote";
    public static final String FIXED_ASSET_INVESTMENT = "fixedAssetInvestment";
    public static final String JOBS = "jobs";
    public static final String OUTPUT_VALUE = "outputValue";
    public static final String TAX = "tax";
    public static final String EVALUATION_NOTE = "evaluationNote";

    private AgreementProcess() {
    }

    /** 核验结论（达成须实际值不低于目标）。 */
    public enum Verification implements Labelled {
        MET("达成"), MET_BY_EXCEPTION("例外达成"), MISSED("未达成");

        private final String label;

        Verification(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** 部门负责人对例外达成的审批。 */
    public enum ExceptionDecision implements Labelled {
        APPROVE("批准例外达成"), REJECT("不批准");

        private final String label;

        ExceptionDecision(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** 未达成节点的督办决定。 */
    public enum ShortfallDecision implements Labelled {
        RESCHEDULE("调整日期"), RENEGOTIATE("重新协商"), WAIVE("豁免该节点"), TERMINATE("终止协议");

        private final String label;

        ShortfallDecision(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** 区领导对变更目标的决定。 */
    public enum TargetDecision implements Labelled {
        APPROVE("同意变更目标"), REJECT("不同意");

        private final String label;

        TargetDecision(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** 变更目标后解锁奖励的兑付方式。 */
    public enum PaymentBasis implements Labelled {
        PRO_RATA("按完成比例兑付"), FULL("全额兑付");

        private final String label;

        PaymentBasis(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** 兑付申请的审核结论。 */
    public enum PaymentDecision implements Labelled {
        APPROVE("同意兑付"), REJECT("不予兑付");

        private final String label;

        PaymentDecision(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }
}
