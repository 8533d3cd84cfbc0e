package org.zhaoshang.review;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.CurrentUser;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;

/**
 * JSON API of 项目评审: submit projects for review, read a project's review opinions, and run the
 * review meetings (plan, attendance, votes, conclusion, minutes).
 */
@RestController
class ReviewController {

    record MeetingPlanRequest(String title, LocalDate date, String place, String chair, List<String> members) {
    }

    record AttendanceRequest(Set<String> present) {
    }

    record VotesRequest(Map<String, ReviewMeetingService.VoteInput> votes) {
    }

    private final ReviewService reviews;
    private final ReviewRecords records;
    private final ReviewMeetingService meetings;
    private final ProjectService projects;

    ReviewController(ReviewService reviews, ReviewRecords records, ReviewMeetingService meetings, ProjectService projects) {
        this.reviews = reviews;
        this.records = records;
        this.meetings = meetings;
        this.projects = projects;
    }

    /** Registers a project and submits it for review. */
    @PostMapping("/api/reviews")
    ResponseEntity<ReviewService.Started> registerAndStart(@Valid @RequestBody ProjectRegistration registration) {
        ReviewService.Started started = reviews.registerAndStart(registration, CurrentUser.get());
        return ResponseEntity.created(URI.create("/api/projects/" + started.projectCode())).body(started);
    }

    /** Submits a project already in the ledger (stage 在谈) for review. */
    @PostMapping("/api/projects/{code}/review")
    ResponseEntity<ReviewService.Started> start(@PathVariable String code) {
        ReviewService.Started started = reviews.start(code, CurrentUser.get());
        return ResponseEntity.created(URI.create("/api/projects/" + code)).body(started);
    }

    @GetMapping("/api/projects/{code}/review-opinions")
    List<ReviewRecords.Opinion> opinions(@PathVariable String code) {
        projects.get(code, CurrentUser.get());
        return records.of(code);
    }

    @GetMapping("/api/meetings")
    List<ReviewMeetingService.Meeting> meetings() {
        requireDistrictViewer();
        return meetings.list();
    }

    @PostMapping("/api/meetings")
    ResponseEntity<ReviewMeetingService.Meeting> plan(@RequestBody MeetingPlanRequest request) {
        ReviewMeetingService.Meeting meeting = meetings.plan(new ReviewMeetingService.MeetingPlan(request.title(), request.date(),
                request.place(), request.chair(), request.members()), CurrentUser.get());
        return ResponseEntity.created(URI.create("/api/meetings/" + meeting.id())).body(meeting);
    }

    @GetMapping("/api/meetings/{id}")
    ReviewMeetingService.Meeting meeting(@PathVariable long id) {
        requireDistrictViewer();
        return meetings.get(id);
    }

    @PutMapping("/api/meetings/{id}/attendance")
    ReviewMeetingService.Meeting attendance(@PathVariable long id, @RequestBody AttendanceRequest request) {
        return meetings.recordAttendance(id, request.present() == null ? Set.of() : request.present(), CurrentUser.get());
    }

    @PutMapping("/api/meetings/{id}/items/{itemId}/votes")
    ReviewMeetingService.Meeting votes(@PathVariable long id, @PathVariable long itemId, @RequestBody VotesRequest request) {
        return meetings.recordVotes(id, itemId, request.votes() == null ? Map.of() : request.votes(), CurrentUser.get());
    }

    @PostMapping("/api/meetings/{id}/conclusion")
    ReviewMeetingService.Meeting conclude(@PathVariable long id) {
        return meetings.conclude(id, CurrentUser.get());
    }

    private static void requireDistrictViewer() {
        StaffUser user = CurrentUser.get();
        if (!user.seesWholeDistrict()) {
            throw ApiException.forbidden("项目论证会仅对区级部门和区领导开放");
        }
    }
}
