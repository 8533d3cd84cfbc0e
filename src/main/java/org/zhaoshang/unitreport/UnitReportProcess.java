package org.zhaoshang.unitreport;

import org.zhaoshang.system.Labelled;

/**
 * 单位报送 (unit-report): every unit that brings projects owes a weekly 招商动态 (policy 004), the monthly three forms, the
 * quarterly report and the annual summary (policy 002), each drafted by its officer, approved (审定) by its head and received
 * by 合作交流办. One instance per reporting day (every Monday, every 1st: {@link UnitReportSchedule}) with one sub-process
 * per report it opened (a unit's weekly report, and on the 1st its monthly, quarterly or annual ones).
 */
public final class UnitReportProcess {

    public static final String PROCESS_KEY = "unit-report";
    public static final String TASK_DRAFT = "UserTask_DraftReport";
    public static final String TASK_APPROVE = "UserTask_ApproveReport";
    public static final String TASK_RECEIVE = "UserTask_ReceiveReport";
    public static final String START_TIMER = "StartEvent_ReportingDay";
    public static final String SUB_PROCESS = "SubProcess_UnitReport";

    // Variables: the report of each sub-process (its element variable), the head who approves it, its kind (for the form).
    public static final String REPORT_ID = "reportId";
    public static final String REPORT_APPROVER = "reportApprover";
    public static final String REPORT_KIND = "reportKind";
    // Shown on the forms (set when a task is created).
    public static final String REPORT_HEADING = "reportHeading";
    public static final String REPORT_SUMMARY = "reportSummary";
    public static final String RETURN_NOTE = "returnNote";
    // The officer's fields, by kind.
    public static final String WEEKLY_NEWS = "weeklyNews";
    public static final String NEXT_WEEK_PLAN = "nextWeekPlan";
    public static final String SITUATION_NOTE = "situationNote";
    public static final String TRACKING_FEEDBACK = "trackingFeedback";
    public static final String SERVICE_LIST = "serviceList";
    public static final String QUARTER_REPORT = "quarterReport";
    public static final String ANNUAL_SUMMARY = "annualSummary";
    public static final String NEXT_YEAR_PLAN = "nextYearPlan";
    // The head's and 合作交流办's decisions.
    public static final String APPROVAL_DECISION = "approvalDecision";
    public static final String APPROVAL_NOTE = "approvalNote";
    public static final String RECEIPT_DECISION = "receiptDecision";
    public static final String RECEIPT_NOTE = "receiptNote";

    private UnitReportProcess() {
    }

    /** 单位主要负责人审定. */
    public enum ApprovalDecision implements Labelled {
        APPROVE("审定同意"), RETURN("退回修改");

        private final String label;

        ApprovalDecision(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** 合作交流办签收. */
    public enum ReceiptDecision implements Labelled {
        RECEIVE("签收"), RETURN("退回补正");

        private final String label;

        ReceiptDecision(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }
}
