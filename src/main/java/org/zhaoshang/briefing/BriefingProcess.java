package org.zhaoshang.briefing;

import org.zhaoshang.system.Labelled;

/**
 * 月通报 / 季检查 (monthly-briefing): policy 000 (月通报、季检查、半年考核, 约谈 of target misses), 003 (按月排位通报;
 * 季度、半年、全年排名后三位约谈), 002 (每月5日报送 — the 5th, or the next working day when it is a day off).
 */
public final class BriefingProcess {

    public static final String PROCESS_KEY = "monthly-briefing";
    public static final String TASK_REVIEW = "UserTask_ReviewBriefing";
    public static final String TASK_INTERVIEW = "UserTask_ConductInterview";
    public static final String TASK_CHECK = "UserTask_CheckRectification";
    public static final String START_TIMER = "StartEvent_BriefingDay";

    // Variables
    public static final String BRIEFING_ID = "briefingId";
    public static final String BRIEFING_SUMMARY = "briefingSummary";
    public static final String INTERVIEW_UNITS = "interviewUnits";
    public static final String INTERVIEW_UNIT = "interviewUnit";
    public static final String INTERVIEW_SUMMARY = "interviewSummary";
    public static final String BRIEFING_COMMENT = "briefingComment";
    public static final String INTERVIEW_DATE = "interviewDate";
    public static final String ATTENDEES = "attendees";
    public static final String MEASURES = "measures";
    public static final String CHECK_RESULT = "checkResult";
    public static final String CHECK_NOTE = "checkNote";

    private BriefingProcess() {
    }

    /** 督查整改的结论。 */
    public enum CheckResult implements Labelled {
        DONE("已落实"), NOT_DONE("未落实");

        private final String label;

        CheckResult(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }
}
