package org.zhaoshang.handoff;

import org.zhaoshang.system.Labelled;

/**
 * 项目统筹流转 (project-handoff): ids and variables. Policy 001 (项目统筹管理机制: units push projects they
 * cannot host to the district platform; 三七分成 of 落地指标、内资到位额、税收) and 004 (限时反馈, 考核加分).
 */
public final class HandoffProcess {

    public static final String PROCESS_KEY = "project-handoff";
    public static final String MESSAGE_START = "HandoffRequested";

    public static final String TASK_CHOOSE = "UserTask_ChooseCandidates";
    public static final String TASK_FEEDBACK = "UserTask_GiveFeedback";
    public static final String TASK_PICK = "UserTask_PickHost";
    public static final String TASK_DISTRICT = "UserTask_DecideAtDistrict";
    public static final String TASK_CITY = "UserTask_RecordCityResult";
    public static final String END_MOVED = "EndEvent_ProjectMoved";
    public static final String END_LOST = "EndEvent_ProjectLost";

    // Variables
    public static final String PROJECT_CODE = "projectCode";
    public static final String PROJECT_NAME = "projectName";
    public static final String HANDOFF_ID = "handoffId";
    public static final String ORIGIN_UNIT = "originUnit";
    public static final String ORIGIN_UNIT_NAME = "originUnitName";
    public static final String REQUESTED_BY = "requestedBy";
    public static final String REASON_CATEGORY = "reasonCategory";
    public static final String REASON_TEXT = "reasonText";
    public static final String PROPOSED_UNITS = "proposedUnits";
    public static final String CANDIDATE_UNITS = "candidateUnits";
    public static final String CANDIDATE_UNIT = "candidateUnit";
    public static final String FEEDBACK_DECISION = "feedbackDecision";
    public static final String FEEDBACK_REASON = "feedbackReason";
    public static final String ACCEPTED_COUNT = "acceptedCount";
    public static final String ACCEPTED_UNITS = "acceptedUnits";
    public static final String HOST_UNIT = "hostUnit";
    public static final String HOST_NOTE = "hostNote";
    public static final String DISTRICT_DECISION = "districtDecision";
    public static final String CITY_RESULT = "cityResult";
    public static final String LOSS_REASON = "lossReason";

    private HandoffProcess() {
    }

    /** 候选单位的反馈。 */
    public enum Feedback implements Labelled {
        ACCEPT("接收"), DECLINE("不接收");

        private final String label;

        Feedback(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** 区领导的决定：指定承接单位或推送市级。 */
    public enum DistrictDecision implements Labelled {
        NAME_HOST("指定承接单位"), PUSH_CITY("推送市级");

        private final String label;

        DistrictDecision(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** 市级协调的结果。 */
    public enum CityResult implements Labelled {
        LANDED("落地本区"), LOST("未能落地");

        private final String label;

        CityResult(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }
}
