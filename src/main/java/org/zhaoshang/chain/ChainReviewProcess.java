package org.zhaoshang.chain;

/**
 * 产业链月度研判 (chain-review, issue 25 part 1; policy 002: 协同推进、动态调整、定期评价; policy 000: 五个一): on the first working day
 * of each month ({@link ChainReviewSchedule}) one instance opens, for every chain that has a lead department, a review of the
 * month before; the lead department reviews its chain (pipeline by stage, target companies contacted, problems) by the 5th
 * (next working day when a day off), and problems it raises go to the chain's 分管区领导 as a 协调 task.
 */
public final class ChainReviewProcess {

    public static final String PROCESS_KEY = "chain-review";
    public static final String START_TIMER = "StartEvent_ReviewMonth";
    public static final String SUB_PROCESS = "SubProcess_ChainReview";
    public static final String TASK_REVIEW = "UserTask_ReviewChain";
    public static final String TASK_COORDINATE = "UserTask_CoordinateChainProblem";

    /** The review of each sub-process (its element variable). */
    public static final String REVIEW_ID = "chainReviewId";
    /** The chain's 分管区领导, who coordinates (an input of the 协调 task). */
    public static final String CHAIN_LEADER = "chainLeader";
    // Shown on the forms (set when a task is created).
    public static final String HEADING = "chainReviewHeading";
    public static final String PIPELINE = "chainPipeline";
    public static final String TARGETS = "chainTargets";
    public static final String LAST_MONTH = "chainLastMonth";
    public static final String PROBLEMS_SHOWN = "chainProblemsShown";
    // The lead department's fields and the leader's.
    public static final String WORK_SUMMARY = "chainWorkSummary";
    public static final String PROBLEMS = "chainProblems";
    public static final String RAISE = "chainRaiseCoordination";
    public static final String COORDINATION_NOTE = "chainCoordinationNote";

    private ChainReviewProcess() {
    }
}
