package org.zhaoshang.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.review.ReviewMeetingService;
import org.zhaoshang.review.ReviewProcess;
import org.zhaoshang.review.ReviewService;

/**
 * Drives 项目评审 through the real BPMN as the demo people would: register, the three department reviews, a
 * 项目论证会 planned, attended, voted and concluded. For the review's own tests and for those of what counts its ends.
 */
public final class Reviews {

    public static final StaffUser HEZUO = new StaffUser("huangtao", "黄涛", List.of("dept-hezuo"));
    public static final List<String> MEMBERS = List.of("dept-gongxin", "dept-huanbao", "dept-xiaofang", "dept-shangwu", "dept-fagai");

    private final ProcessEngine engine;
    private final ReviewService reviews;
    private final ReviewMeetingService meetings;

    public Reviews(ProcessEngine engine, ReviewService reviews, ReviewMeetingService meetings) {
        this.engine = engine;
        this.reviews = reviews;
        this.meetings = meetings;
    }

    public ProcessInstance start(ProjectRegistration registration, StaffUser officer) {
        ReviewService.Started started = reviews.registerAndStart(registration, officer);
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(started.processInstanceId()).singleResult();
    }

    public void complete(ProcessInstance pi, String taskKey, String user, Map<String, Object> variables) {
        Tasks.completeAs(engine, pi.getId(), taskKey, user, variables);
    }

    /** 鼓励类, 环保 同意, 消防 有条件同意 (the condition goes to the meeting). */
    public void passDepartmentReviews(ProcessInstance pi) {
        complete(pi, ReviewProcess.TASK_INDUSTRY, "maliang", Map.of("industryOpinion", "ENCOURAGED", "industryNote", "属鼓励类智能制造"));
        complete(pi, ReviewProcess.TASK_ENVIRONMENT, "caoli", Map.of("environmentDecision", "AGREE"));
        complete(pi, ReviewProcess.TASK_FIRE, "yuanbo", Map.of("fireDecision", "AGREE_WITH_CONDITIONS", "fireComment", "按规范设置消防通道"));
    }

    /** A meeting of the five usual member departments, {@code daysAhead} days after the engine clock's today. */
    public ReviewMeetingService.Meeting plan(String title, int daysAhead) {
        LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
        return meetings.plan(new ReviewMeetingService.MeetingPlan(title, today.plusDays(daysAhead), "区政府第一会议室", "wangfang", MEMBERS),
                HEZUO);
    }

    /** Attendance, the same votes on every item of the agenda, and the conclusion. */
    public void hold(ReviewMeetingService.Meeting meeting, List<String> present, Map<String, String> votes) {
        meetings.recordAttendance(meeting.id(), Set.copyOf(present), HEZUO);
        for (ReviewMeetingService.AgendaItem item : meetings.get(meeting.id()).agenda()) {
            Map<String, ReviewMeetingService.VoteInput> input = new HashMap<>();
            votes.forEach((dept, vote) -> input.put(dept, new ReviewMeetingService.VoteInput(vote, null)));
            meetings.recordVotes(meeting.id(), item.id(), input, HEZUO);
        }
        assertThat(meetings.conclude(meeting.id(), HEZUO).status()).isEqualTo(ReviewMeetingService.Status.CONCLUDED);
    }

    public static Map<String, String> allAgree() {
        Map<String, String> votes = new HashMap<>();
        MEMBERS.forEach(m -> votes.put(m, "AGREE"));
        return votes;
    }

    /** 3 of 5 against, 环保 and 消防 for: the meeting does not pass the project, and nobody vetoed it. */
    public static Map<String, String> majorityAgainst() {
        return Map.of("dept-gongxin", "DISAGREE", "dept-huanbao", "AGREE", "dept-xiaofang", "AGREE", "dept-shangwu", "DISAGREE",
                "dept-fagai", "DISAGREE");
    }

    public String code(ProcessInstance pi) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult().getBusinessKey();
    }

    /**
     * Makes the other tests' planned meetings concluded and their waiting items decided: a planned meeting takes every
     * project that reaches the meeting step onto its agenda.
     */
    public static void noOtherMeetings(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        jdbc.sql("UPDATE review_meeting SET status = 'CONCLUDED' WHERE status = 'PLANNED'").update();
        jdbc.sql("UPDATE meeting_agenda_item SET status = 'DECIDED' WHERE status = 'WAITING'").update();
    }
}
