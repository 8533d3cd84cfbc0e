package org.zhaoshang.review;

/**
 * 项目评审 (project-review): ids and variable names, named once. Policy 001 (评审机制: 环保、消防一票否决;
 * 农业农村委、工信局、商务局 give industry guidance that informs the 论证会 — no veto; 合作交流办 convenes the
 * 论证会; land goes to the government meeting) and 004 (monthly review meeting).
 */
public final class ReviewProcess {

    public static final String PROCESS_KEY = "project-review";

    // User tasks
    public static final String TASK_PRECHECK = "UserTask_PrecheckProject";
    public static final String TASK_CORRECT = "UserTask_CorrectProject";
    public static final String TASK_INDUSTRY = "UserTask_GiveIndustryOpinion";
    public static final String TASK_ENVIRONMENT = "UserTask_ReviewEnvironment";
    public static final String TASK_FIRE = "UserTask_ReviewFireSafety";
    public static final String TASK_MEETING = "UserTask_DecideAtReviewMeeting";
    public static final String TASK_SUPPLEMENT = "UserTask_SupplementMaterials";
    public static final String TASK_SUPPLEMENT_INDUSTRY = "UserTask_SupplementIndustry";
    public static final String TASK_SUPPLEMENT_ENVIRONMENT = "UserTask_SupplementEnvironment";
    public static final String TASK_SUPPLEMENT_FIRE = "UserTask_SupplementFireSafety";
    public static final String TASK_GOVERNMENT = "UserTask_RecordGovernmentDecision";

    // Ends
    public static final String END_APPROVED = "EndEvent_ProjectApproved";
    public static final String END_VETOED = "EndEvent_ProjectVetoed";
    public static final String END_NOT_ACCEPTED = "EndEvent_ProjectNotAccepted";
    public static final String END_REJECTED = "EndEvent_ProjectRejected";

    // Decisions (DMN)
    public static final String DECISION_INDUSTRY_DEPARTMENT = "industry-department";
    public static final String DECISION_KEY_PROJECT = "key-project";

    // Message that hands a key project over to 五个一 (process key-project-lead)
    public static final String MESSAGE_KEY_PROJECT_LEAD = "Message_KeyProjectLeadRequested";

    // Variables: the case (refreshed from the ledger by ProjectFacts; the registration form fills them first)
    public static final String PROJECT_CODE = "projectCode";
    public static final String PROJECT_NAME = "projectName";
    public static final String INVESTOR = "investor";
    public static final String INVESTOR_CATEGORY = "investorCategory";
    public static final String FOREIGN_CAPITAL = "foreignCapital";
    public static final String LAND_AREA = "landArea";
    public static final String CONTACT_PERSON = "contactPerson";
    public static final String CONTACT_PHONE = "contactPhone";
    public static final String PROJECT_DESCRIPTION = "projectDescription";
    /** 引荐来源 at registration (advisor.IntroducerKind) and the advisor's or organisation's name. */
    public static final String INTRODUCER_KIND = "introducerKind";
    public static final String INTRODUCER_NAME = "introducerName";
    public static final String INDUSTRY_LABEL = "industryLabel";
    public static final String REGISTERED_BY = "registeredBy";
    public static final String ORIGIN_UNIT = "originUnit";
    public static final String INDUSTRY = "industry";
    public static final String TOTAL_INVESTMENT = "totalInvestment";
    public static final String OCCUPIES_LAND = "occupiesLand";
    public static final String KEY_PROJECT_MARKED = "keyProjectMarked";
    public static final String KEY_PROJECT = "keyProject";

    // Variables: 预审 and 补正
    public static final String PRECHECK_DECISION = "precheckDecision";
    public static final String PRECHECK_COMMENT = "precheckComment";
    public static final String CORRECTION_COUNT = "correctionCount";
    public static final String MAX_CORRECTIONS = "maxCorrections";
    public static final String CORRECTION_NOTE = "correctionNote";

    // Variables: department reviews
    public static final String INDUSTRY_DEPARTMENT = "industryDepartment";
    public static final String INDUSTRY_OPINION = "industryOpinion";
    public static final String INDUSTRY_NOTE = "industryNote";
    public static final String ENVIRONMENT_DECISION = "environmentDecision";
    public static final String ENVIRONMENT_COMMENT = "environmentComment";
    public static final String FIRE_DECISION = "fireDecision";
    public static final String FIRE_COMMENT = "fireComment";
    public static final String REVIEW_VETOED = "reviewVetoed";
    /**
     * The district's rule for 淘汰类 (app.review.eliminated-is-veto), copied at registration so a review keeps the
     * rule it started under; absent in instances started on model version 1.0, which end the review at 淘汰类.
     */
    public static final String ELIMINATED_IS_VETO = "eliminatedIsVeto";
    /** The same rule in words, for the industry department's form. */
    public static final String ELIMINATED_RULE = "eliminatedRule";
    /** Set on each industry opinion: this 淘汰类 ends the review (only where the district's rule says so). */
    public static final String INDUSTRY_VETO = "industryVeto";

    // Variables: 论证会 and 常务会议
    public static final String MEETING_ID = "meetingId";
    public static final String MEETING_RESULT = "meetingResult";
    public static final String MEETING_SUMMARY = "meetingSummary";
    public static final String MEETING_TITLE = "meetingTitle";
    public static final String MEETING_DATE = "meetingDate";
    /** The 产业指导意见 as the meeting task shows it (input mapping). */
    public static final String INDUSTRY_GUIDANCE = "industryGuidance";
    /** The meeting's 不通过 came from 环保 or 消防 voting 不同意 (一票否决), not from the majority. */
    public static final String MEETING_VETOED = "meetingVetoed";
    /** A department's return (退回补充材料): what it asks for, who asks, the unit's answer. */
    public static final String DEPARTMENT_REQUEST = "departmentRequest";
    public static final String REQUESTING_DEPARTMENT = "requestingDepartment";
    public static final String ANSWER_NOTE = "answerNote";
    public static final String SUPPLEMENT_NOTE = "supplementNote";
    public static final String GOVERNMENT_DECISION = "governmentDecision";
    public static final String GOVERNMENT_COMMENT = "governmentComment";

    /** Input parameter of the outcome step. */
    public static final String OUTCOME = "outcome";

    private ReviewProcess() {
    }
}
