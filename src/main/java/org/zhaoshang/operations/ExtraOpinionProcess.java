package org.zhaoshang.operations;

/** 加签 (extra-opinion): a department's opinion asked for on another task before it is completed. */
public final class ExtraOpinionProcess {

    public static final String PROCESS_KEY = "extra-opinion";
    public static final String TASK_OPINION = "UserTask_GiveExtraOpinion";

    // Variables
    public static final String PARENT_TASK_ID = "parentTaskId";
    public static final String PARENT_TASK_NAME = "parentTaskName";
    public static final String PARENT_PROCESS_INSTANCE_ID = "parentProcessInstanceId";
    public static final String REQUESTED_BY = "requestedBy";
    public static final String REQUESTED_BY_NAME = "requestedByName";
    public static final String OPINION_DEPARTMENT = "opinionDepartment";
    public static final String QUESTION = "question";
    public static final String PROJECT_CODE = "projectCode";
    public static final String PROJECT_NAME = "projectName";
    public static final String EXTRA_OPINION = "extraOpinion";

    private ExtraOpinionProcess() {
    }
}
