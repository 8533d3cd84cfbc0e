package org.zhaoshang.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.escalation.EscalationTimers;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectEventType;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.review.ReviewDecisions.IndustryOpinion;
import org.zhaoshang.review.ReviewDecisions.MeetingResult;
import org.zhaoshang.review.ReviewDecisions.Vote;
import org.zhaoshang.system.ApiException;
import org.zhaoshang.system.Labelled;

/**
 * 项目论证会: 合作交流办 plans a meeting (date, place, chair, member departments); projects that passed
 * the department reviews join the agenda of the next planned meeting (or wait for one); attendance and
 * each member's vote are recorded; concluding the meeting applies {@link MeetingRules} — without a
 * quorum the agenda moves to the next meeting, otherwise every project gets its result and its review
 * task is completed with it.
 */
@Service
public class ReviewMeetingService {

    public enum Status { PLANNED, CONCLUDED, NO_QUORUM }

    public record Member(String department, String name, Boolean present) {
    }

    public record VoteRecord(String department, String name, Vote vote, String comment) {
    }

    /**
     * The 产业指导意见 as the meeting sees it (policy 001: industry guidance "为项目引进提供依据"): the basis for the
     * vote, and for 淘汰类 the industry department's recorded 不同意 — not a veto.
     */
    public record IndustryGuidance(String department, String departmentName, String opinion, String note) {

        public boolean against() {
            return IndustryOpinion.ELIMINATED.name().equals(opinion) || ReviewDecisions.ELIMINATED_VETO.equals(opinion);
        }

        public String label() {
            return ReviewPageController.decisionLabel(opinion);
        }

        public String text() {
            return departmentName + "：" + label() + (note == null ? "" : "——" + note);
        }
    }

    public record AgendaItem(long id, Long meetingId, String projectCode, String projectName, String processInstanceId,
            String status, MeetingResult result, String summary, List<VoteRecord> votes, List<String> conditions,
            IndustryGuidance guidance) {

        /** The department's vote on this project, or null. */
        public VoteRecord voteOf(String department) {
            return votes.stream().filter(v -> v.department().equals(department)).findFirst().orElse(null);
        }
    }

    public record Meeting(long id, String title, LocalDate date, String place, String chair, String chairName, Status status,
            String createdBy, OffsetDateTime concludedAt, List<Member> members, List<AgendaItem> agenda) {

        public long presentCount() {
            return members.stream().filter(m -> Boolean.TRUE.equals(m.present())).count();
        }
    }

    public record MeetingPlan(String title, LocalDate date, String place, String chair, List<String> members) {
    }

    private final JdbcClient jdbc;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final OrgDirectory directory;
    private final ProjectService projects;
    private final ReviewRecords records;
    private final EscalationTimers timers;
    private final WorkingDayCalendar calendar;
    private final ReviewProperties properties;
    private final Clock clock;

    ReviewMeetingService(JdbcClient jdbc, TaskService taskService, IdentityService identityService, OrgDirectory directory,
            ProjectService projects, ReviewRecords records, EscalationTimers timers, WorkingDayCalendar calendar,
            ReviewProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.taskService = taskService;
        this.identityService = identityService;
        this.directory = directory;
        this.projects = projects;
        this.records = records;
        this.timers = timers;
        this.calendar = calendar;
        this.properties = properties;
        this.clock = clock;
    }

    // --- planning ---------------------------------------------------------------------------------------

    @Transactional
    public Meeting plan(MeetingPlan plan, StaffUser user) {
        requireOrganiser(user);
        if (plan.title() == null || plan.title().isBlank() || plan.title().length() > 200) {
            throw ApiException.badField("title", "请填写会议名称（不超过200字）");
        }
        if (plan.date() == null || plan.date().isBefore(LocalDate.now(clock))) {
            throw ApiException.badField("date", "会议日期不能早于今天");
        }
        if (plan.place() == null || plan.place().isBlank() || plan.place().length() > 200) {
            throw ApiException.badField("place", "请填写会议地点（不超过200字）");
        }
        if (plan.chair() == null || identityService.createUserQuery().userId(plan.chair()).memberOfGroup(GroupIds.LEADER).count() == 0) {
            throw ApiException.badField("chair", "主持人须为区领导");
        }
        List<String> members = plan.members() == null ? List.of() : plan.members().stream().distinct().toList();
        if (members.size() < 2) {
            throw ApiException.badField("members", "请至少选择两个成员部门");
        }
        for (String member : members) {
            if (directory.findUnit(member).map(OrgUnit::kind).orElse(null) != OrgUnitKind.DEPARTMENT) {
                throw ApiException.badField("members", "成员须为区级部门：" + member);
            }
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO review_meeting (title, meeting_date, place, chair, status, created_by, created_at)
                VALUES (:title, :date, :place, :chair, 'PLANNED', :user, :now)""")
                .param("title", plan.title().trim()).param("date", plan.date()).param("place", plan.place().trim())
                .param("chair", plan.chair()).param("user", user.id()).param("now", now())
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        for (String member : members) {
            jdbc.sql("INSERT INTO review_meeting_member (meeting_id, department) VALUES (:id, :dept)")
                    .param("id", id).param("dept", member).update();
        }
        // Projects waiting for a meeting join this one if it is the next.
        for (long itemId : jdbc.sql("SELECT id FROM meeting_agenda_item WHERE meeting_id IS NULL AND status = 'WAITING'")
                .query(Long.class).list()) {
            moveItem(itemId, id);
        }
        return get(id);
    }

    /** Called when a project reaches the meeting step: the next planned meeting, or none yet. */
    @Transactional
    public Optional<Long> placeOnAgenda(String projectCode, String processInstanceId) {
        Optional<Long> next = nextPlannedMeeting(LocalDate.now(clock).minusDays(1));
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO meeting_agenda_item (meeting_id, project_code, process_instance_id, status, added_at)
                VALUES (:meeting, :code, :pi, 'WAITING', :now)""")
                .param("meeting", next.orElse(null)).param("code", projectCode).param("pi", processInstanceId)
                .param("now", now()).update(keys, "id");
        return next;
    }

    /** The end of the meeting day of the project's pending agenda item, if its meeting is planned. */
    public Optional<Date> dueDate(String processInstanceId) {
        return jdbc.sql("""
                SELECT m.meeting_date FROM meeting_agenda_item i JOIN review_meeting m ON m.id = i.meeting_id
                WHERE i.process_instance_id = :pi AND i.status = 'WAITING'""")
                .param("pi", processInstanceId).query(LocalDate.class).optional()
                .map(day -> Date.from(calendar.endOf(day).toInstant()));
    }

    public boolean decided(String processInstanceId) {
        return jdbc.sql("SELECT COUNT(*) FROM meeting_agenda_item WHERE process_instance_id = :pi AND status = 'DECIDED'")
                .param("pi", processInstanceId).query(Long.class).single() > 0
                && jdbc.sql("SELECT COUNT(*) FROM meeting_agenda_item WHERE process_instance_id = :pi AND status = 'WAITING'")
                .param("pi", processInstanceId).query(Long.class).single() == 0;
    }

    // --- the meeting ----------------------------------------------------------------------------------

    @Transactional
    public Meeting recordAttendance(long meetingId, Set<String> present, StaffUser user) {
        requireOrganiser(user);
        Meeting meeting = requirePlanned(meetingId);
        Set<String> members = meeting.members().stream().map(Member::department).collect(Collectors.toSet());
        for (String department : present) {
            if (!members.contains(department)) {
                throw ApiException.badField("present", "不是本次会议的成员部门：" + department);
            }
        }
        for (String member : members) {
            jdbc.sql("UPDATE review_meeting_member SET present = :present WHERE meeting_id = :id AND department = :dept")
                    .param("present", present.contains(member)).param("id", meetingId).param("dept", member).update();
        }
        return get(meetingId);
    }

    public record VoteInput(String vote, String comment) {
    }

    @Transactional
    public Meeting recordVotes(long meetingId, long itemId, Map<String, VoteInput> votes, StaffUser user) {
        requireOrganiser(user);
        requirePlannedStatus(meetingId);
        RawItem item = jdbc.sql("SELECT * FROM meeting_agenda_item WHERE id = :item AND meeting_id = :id AND status = 'WAITING'")
                .param("item", itemId).param("id", meetingId).query(this::rawItem).optional()
                .orElseThrow(() -> ApiException.notFound("本次会议议程中没有待表决的该项目"));
        Map<String, Member> members = members(meetingId).stream().collect(Collectors.toMap(Member::department, m -> m));
        for (Map.Entry<String, VoteInput> entry : votes.entrySet()) {
            Member member = members.get(entry.getKey());
            if (member == null) {
                throw ApiException.badField("votes", "不是本次会议的成员部门：" + entry.getKey());
            }
            if (!Boolean.TRUE.equals(member.present())) {
                throw ApiException.badField("votes", member.name() + "未出席，不能表决（请先记录出席情况）");
            }
            Vote vote = Labelled.parse(Vote.class, entry.getValue().vote())
                    .orElseThrow(() -> ApiException.badField("votes", member.name() + "的表决须为同意、不同意或弃权"));
            String comment = entry.getValue().comment();
            if (comment != null && comment.length() > 1000) {
                throw ApiException.badField("votes", "表决意见不能超过1000字");
            }
            jdbc.sql("DELETE FROM meeting_vote WHERE agenda_item_id = :item AND department = :dept")
                    .param("item", item.id()).param("dept", entry.getKey()).update();
            jdbc.sql("""
                    INSERT INTO meeting_vote (agenda_item_id, department, vote, comment, recorded_by, recorded_at)
                    VALUES (:item, :dept, :vote, :comment, :user, :now)""")
                    .param("item", item.id()).param("dept", entry.getKey()).param("vote", vote.name())
                    .param("comment", comment == null || comment.isBlank() ? null : comment.trim())
                    .param("user", user.id()).param("now", now()).update();
        }
        return get(meetingId);
    }

    /**
     * Concludes the meeting. Without a quorum the agenda moves to the next planned meeting (or waits for
     * one); with it, every project gets its result from the votes and its review continues.
     */
    @Transactional
    public Meeting conclude(long meetingId, StaffUser user) {
        requireOrganiser(user);
        Meeting meeting = requirePlanned(meetingId);
        if (meeting.members().stream().anyMatch(m -> m.present() == null)) {
            throw ApiException.conflict("请先记录各成员部门的出席情况");
        }
        List<Member> present = meeting.members().stream().filter(m -> Boolean.TRUE.equals(m.present())).toList();
        if (!MeetingRules.quorate(present.size(), meeting.members().size(), properties.quorumRatio())) {
            Optional<Long> next = nextPlannedMeeting(meeting.date()).filter(id -> id != meetingId);
            for (AgendaItem item : meeting.agenda()) {
                if ("WAITING".equals(item.status())) {
                    moveItem(item.id(), next.orElse(null));
                    projects.recordEvent(item.projectCode(), ProjectEventType.MEETING_DECISION, user.id(),
                            "「%s」出席 %d/%d 个成员部门，未达法定人数，议程顺延%s".formatted(meeting.title(), present.size(),
                                    meeting.members().size(), next.map(id -> "至「" + get(id).title() + "」").orElse("至下次论证会")),
                            item.processInstanceId(), null);
                }
            }
            setStatus(meetingId, Status.NO_QUORUM);
            return get(meetingId);
        }
        for (AgendaItem item : meeting.agenda()) {
            if (!"WAITING".equals(item.status())) {
                continue;
            }
            Map<String, Vote> votes = new LinkedHashMap<>();
            item.votes().forEach(v -> votes.put(v.department(), v.vote()));
            List<String> missing = present.stream().filter(m -> !votes.containsKey(m.department())).map(Member::name).toList();
            if (!missing.isEmpty()) {
                throw ApiException.conflict("「%s」尚有出席部门未表决：%s".formatted(item.projectName(), String.join("、", missing)));
            }
        }
        for (AgendaItem item : meeting.agenda()) {
            if ("WAITING".equals(item.status())) {
                decide(meeting, item, present.size(), user);
            }
        }
        setStatus(meetingId, Status.CONCLUDED);
        return get(meetingId);
    }

    private void decide(Meeting meeting, AgendaItem item, int present, StaffUser user) {
        Map<String, Vote> votes = new LinkedHashMap<>();
        item.votes().forEach(v -> votes.put(v.department(), v.vote()));
        MeetingResult result = MeetingRules.result(votes);
        long agree = votes.values().stream().filter(v -> v == Vote.AGREE).count();
        long disagree = votes.values().stream().filter(v -> v == Vote.DISAGREE).count();
        long abstain = votes.values().stream().filter(v -> v == Vote.ABSTAIN).count();
        StringBuilder summary = new StringBuilder("%s：%s（出席 %d/%d 个成员部门；同意 %d，不同意 %d，弃权 %d）".formatted(
                meeting.title(), result.label(), present, meeting.members().size(), agree, disagree, abstain));
        boolean vetoed = MeetingRules.vetoed(votes);
        if (vetoed) {
            summary.append("；").append(item.votes().stream().filter(v -> MeetingRules.VETO_HOLDERS.contains(v.department())
                    && v.vote() == Vote.DISAGREE).map(v -> v.name() + "行使一票否决").collect(Collectors.joining("、")));
        }
        if (item.guidance() != null && item.guidance().against()) {
            summary.append("；产业指导意见 ").append(item.guidance().text());
        }
        item.votes().stream().filter(v -> v.comment() != null)
                .forEach(v -> summary.append("；").append(v.name()).append("：").append(v.comment()));
        String text = summary.length() > 2000 ? summary.substring(0, 2000) : summary.toString();
        jdbc.sql("UPDATE meeting_agenda_item SET status = 'DECIDED', result = :result, summary = :summary, decided_at = :now WHERE id = :id")
                .param("result", result.name()).param("summary", text).param("now", now()).param("id", item.id()).update();
        records.record(item.projectCode(), item.processInstanceId(), null, "MEETING", GroupIds.HEZUO, result.name(), text, user.id());
        projects.recordEvent(item.projectCode(), ProjectEventType.MEETING_DECISION, user.id(), text, item.processInstanceId(), null);
        Task task = taskService.createTaskQuery().processInstanceId(item.processInstanceId())
                .taskDefinitionKey(ReviewProcess.TASK_MEETING).singleResult();
        if (task != null) {
            taskService.complete(task.getId(), Map.of(ReviewProcess.MEETING_RESULT, result.name(),
                    ReviewProcess.MEETING_SUMMARY, text, ReviewProcess.MEETING_ID, meeting.id(),
                    ReviewProcess.MEETING_VETOED, vetoed && result == MeetingResult.REJECTED));
        }
    }

    // --- reading ----------------------------------------------------------------------------------------

    public List<Meeting> list() {
        return jdbc.sql("SELECT id FROM review_meeting ORDER BY meeting_date DESC, id DESC LIMIT 100").query(Long.class).list()
                .stream().map(this::get).toList();
    }

    private List<Member> members(long id) {
        return jdbc.sql("SELECT department, present FROM review_meeting_member WHERE meeting_id = :id ORDER BY department")
                .param("id", id)
                .query((rs, n) -> new Member(rs.getString("department"), directory.unitName(rs.getString("department")),
                        (Boolean) rs.getObject("present")))
                .list();
    }

    public Meeting get(long id) {
        List<Member> members = members(id);
        List<AgendaItem> agenda = items(jdbc.sql("SELECT * FROM meeting_agenda_item WHERE meeting_id = :id ORDER BY id").param("id", id)
                .query(this::rawItem).list());
        return jdbc.sql("SELECT * FROM review_meeting WHERE id = :id").param("id", id)
                .query((rs, n) -> new Meeting(id, rs.getString("title"), rs.getObject("meeting_date", LocalDate.class),
                        rs.getString("place"), rs.getString("chair"), directory.personName(rs.getString("chair")),
                        Status.valueOf(rs.getString("status")), rs.getString("created_by"),
                        rs.getObject("concluded_at", OffsetDateTime.class), members, agenda))
                .optional().orElseThrow(() -> ApiException.notFound("论证会不存在：" + id));
    }

    /** Projects waiting for a meeting that is not planned yet. */
    public List<AgendaItem> unscheduled() {
        return items(jdbc.sql("SELECT * FROM meeting_agenda_item WHERE meeting_id IS NULL AND status = 'WAITING' ORDER BY id")
                .query(this::rawItem).list());
    }

    private record RawItem(long id, Long meetingId, String projectCode, String processInstanceId, String status, String result, String summary) {
    }

    private RawItem rawItem(ResultSet rs, int rowNum) throws SQLException {
        long meeting = rs.getLong("meeting_id");
        Long meetingId = rs.wasNull() ? null : meeting;
        return new RawItem(rs.getLong("id"), meetingId, rs.getString("project_code"), rs.getString("process_instance_id"), rs.getString("status"),
                rs.getString("result"), rs.getString("summary"));
    }

    /**
     * The agenda items with their votes, the conditions of 有条件同意 shown to the meeting and the project names:
     * three queries for the whole agenda, however long (a monthly meeting may have hundreds of items).
     */
    private List<AgendaItem> items(List<RawItem> raw) {
        if (raw.isEmpty()) {
            return List.of();
        }
        List<Long> ids = raw.stream().map(RawItem::id).toList();
        Map<Long, List<VoteRecord>> votes = new java.util.HashMap<>();
        jdbc.sql("SELECT * FROM meeting_vote WHERE agenda_item_id IN (:ids) ORDER BY department").param("ids", ids).query(rs -> {
            votes.computeIfAbsent(rs.getLong("agenda_item_id"), k -> new java.util.ArrayList<>()).add(new VoteRecord(rs.getString("department"),
                    directory.unitName(rs.getString("department")), Vote.valueOf(rs.getString("vote")), rs.getString("comment")));
        });
        Map<String, List<String>> conditions = new java.util.HashMap<>();
        records.withDecision(raw.stream().map(RawItem::processInstanceId).toList(), "AGREE_WITH_CONDITIONS").forEach(o -> conditions
                .computeIfAbsent(o.processInstanceId(), k -> new java.util.ArrayList<>()).add(directory.unitName(o.department()) + "：" + o.comment()));
        Map<String, IndustryGuidance> guidance = guidance(raw.stream().map(RawItem::processInstanceId).toList());
        Map<String, String> names = new java.util.HashMap<>();
        jdbc.sql("SELECT code, name FROM investment_project WHERE code IN (:codes)").param("codes", raw.stream().map(RawItem::projectCode).distinct()
                .toList()).query(rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                });
        return raw.stream().map(r -> new AgendaItem(r.id(), r.meetingId(), r.projectCode(), names.getOrDefault(r.projectCode(), r.projectCode()),
                r.processInstanceId(), r.status(), r.result() == null ? null : MeetingResult.valueOf(r.result()), r.summary(),
                votes.getOrDefault(r.id(), List.of()), conditions.getOrDefault(r.processInstanceId(), List.of()),
                guidance.get(r.processInstanceId()))).toList();
    }

    /** The 产业指导意见 of a review for its meeting, if the industry department has given one. */
    public Optional<IndustryGuidance> guidance(String processInstanceId) {
        return Optional.ofNullable(guidance(List.of(processInstanceId)).get(processInstanceId));
    }

    /** The last industry opinion of each review (after any 退回补充材料 round), in one query. */
    private Map<String, IndustryGuidance> guidance(List<String> processInstanceIds) {
        Map<String, IndustryGuidance> guidance = new java.util.HashMap<>();
        records.ofStep(processInstanceIds, "INDUSTRY").stream()
                .filter(o -> !IndustryOpinion.RETURN.name().equals(o.decision()))
                .forEach(o -> guidance.put(o.processInstanceId(), new IndustryGuidance(o.department(), directory.unitName(o.department()),
                        o.decision(), o.comment())));
        return guidance;
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private void moveItem(long itemId, Long meetingId) {
        jdbc.sql("UPDATE meeting_agenda_item SET meeting_id = :meeting WHERE id = :id")
                .param("meeting", meetingId).param("id", itemId).update();
        String pi = jdbc.sql("SELECT process_instance_id FROM meeting_agenda_item WHERE id = :id").param("id", itemId)
                .query(String.class).single();
        Task task = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(ReviewProcess.TASK_MEETING).singleResult();
        if (task == null) {
            return;
        }
        if (meetingId != null) {
            timers.reschedule(task, dueDate(pi).orElseThrow());
        }
        taskService.setVariables(task.getId(), agendaVariables(meetingId));
    }

    /** The meeting a project waits for, as its meeting task shows it. */
    Map<String, Object> agendaVariables(Long meetingId) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(ReviewProcess.MEETING_ID, meetingId);
        variables.put(ReviewProcess.MEETING_TITLE, "待安排（下次论证会确定后自动列入）");
        variables.put(ReviewProcess.MEETING_DATE, "待定");
        if (meetingId != null) {
            jdbc.sql("SELECT title, meeting_date FROM review_meeting WHERE id = :id").param("id", meetingId).query(rs -> {
                variables.put(ReviewProcess.MEETING_TITLE, rs.getString("title"));
                variables.put(ReviewProcess.MEETING_DATE, rs.getObject("meeting_date", LocalDate.class).toString());
            });
        }
        return variables;
    }

    private Optional<Long> nextPlannedMeeting(LocalDate after) {
        return jdbc.sql("SELECT id FROM review_meeting WHERE status = 'PLANNED' AND meeting_date > :after ORDER BY meeting_date, id LIMIT 1")
                .param("after", after).query(Long.class).optional();
    }

    private void requirePlannedStatus(long id) {
        String status = jdbc.sql("SELECT status FROM review_meeting WHERE id = :id").param("id", id).query(String.class).optional()
                .orElseThrow(() -> ApiException.notFound("论证会不存在：" + id));
        if (!Status.PLANNED.name().equals(status)) {
            throw ApiException.conflict("论证会已结束，不能再修改");
        }
    }

    private Meeting requirePlanned(long id) {
        Meeting meeting = get(id);
        if (meeting.status() != Status.PLANNED) {
            throw ApiException.conflict("论证会已结束，不能再修改");
        }
        return meeting;
    }

    private void setStatus(long id, Status status) {
        jdbc.sql("UPDATE review_meeting SET status = :status, concluded_at = :now WHERE id = :id")
                .param("status", status.name()).param("now", now()).param("id", id).update();
    }

    private static void requireOrganiser(StaffUser user) {
        if (!user.isMemberOf(GroupIds.HEZUO) && !user.isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "只有区合作交流办可以安排和记录项目论证会");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
