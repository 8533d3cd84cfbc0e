package org.zhaoshang.leadofficial;

import org.zhaoshang.system.Labelled;

/**
 * 五个一 / 三级包联 (key-project-lead): ids and variable names. Policy 004 (一个项目、一名领导、一套班子、
 * 一套方案、一抓到底), 001 (三级包联 for projects of 5000万元 or more), 002 (每月5日报送).
 */
public final class KeyProjectLeadProcess {

    public static final String PROCESS_KEY = "key-project-lead";
    /** Message start: sent by 项目评审 for an approved key project, or by 合作交流办 for any approved project. */
    public static final String MESSAGE_START = "KeyProjectLeadRequested";

    public static final String TASK_PROPOSE = "UserTask_ProposeLeadOfficial";
    public static final String TASK_ACCEPT = "UserTask_AcceptLeadRole";
    public static final String TASK_TEAM = "UserTask_FormWorkingTeam";
    public static final String TASK_PLAN = "UserTask_DraftPlan";
    public static final String TASK_APPROVE_PLAN = "UserTask_ApprovePlan";
    public static final String TASK_REPORT = "UserTask_ReportProgress";
    public static final String TASK_COORDINATE = "UserTask_CoordinateProblem";
    public static final String END_FOLLOW_THROUGH = "EndEvent_FollowThroughEnded";

    // Variables
    public static final String PROJECT_CODE = "projectCode";
    public static final String PROJECT_NAME = "projectName";
    public static final String HOST_UNIT = "hostUnit";
    public static final String LEADER_OPTIONS = "leaderOptions";
    public static final String DEPARTMENT_OPTIONS = "departmentOptions";
    public static final String LEAD_OFFICIAL = "leadOfficial";
    public static final String LEAD_DEPARTMENT = "leadDepartment";
    public static final String PROPOSAL_NOTE = "proposalNote";
    public static final String LEAD_DECISION = "leadDecision";
    public static final String DECLINE_REASON = "declineReason";
    public static final String TEAM_DEPARTMENTS = "teamDepartments";
    public static final String HOST_CONTACT = "hostContact";
    public static final String HOST_CONTACT_PHONE = "hostContactPhone";
    public static final String PLAN_MILESTONES = "planMilestones";
    public static final String PLAN_PROBLEMS = "planProblems";
    public static final String PLAN_DECISION = "planDecision";
    public static final String PLAN_COMMENT = "planComment";
    public static final String REPORT_PERIOD = "reportPeriod";
    public static final String REPORT_PROGRESS = "reportProgress";
    public static final String FUNDS_ARRIVED = "fundsArrived";
    public static final String REPORT_PROBLEMS = "reportProblems";
    public static final String NEEDS_COORDINATION = "needsCoordination";
    public static final String PROBLEM_ID = "problemId";
    public static final String PROBLEM_DESCRIPTION = "problemDescription";
    public static final String RESOLUTION = "resolution";
    public static final String FOLLOW_THROUGH_ENDED = "followThroughEnded";

    private KeyProjectLeadProcess() {
    }

    /** 区领导对担任包联领导的答复。 */
    public enum LeadDecision implements Labelled {
        ACCEPT("接受"), DECLINE("婉拒");

        private final String label;

        LeadDecision(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** 包联领导对推进方案的审定。 */
    public enum PlanDecision implements Labelled {
        APPROVE("通过"), RETURN("退回修改");

        private final String label;

        PlanDecision(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }
}
