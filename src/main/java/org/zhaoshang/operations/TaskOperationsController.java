package org.zhaoshang.operations;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.CurrentUser;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.Times;

/**
 * The task operations' JSON API, behind the Tasklist plugin ({@code app/zhaoshang/task-operations.js}):
 * what a person may do with a task, its record, and the operations themselves. Every call is checked
 * here on the server; a refusal is a Chinese message (4xx) and changes nothing.
 */
@RestController
class TaskOperationsController {

    record Note(String note) {
    }

    record Reason(String reason) {
    }

    record ToPerson(String target, String note) {
    }

    record OpinionRequest(String department, String question) {
    }

    record CopyRequest(List<String> users, List<String> groups, String note) {
    }

    record Actions(String sendBack, boolean transfer, boolean delegate, boolean extraOpinion, boolean copy, boolean urge) {
    }

    record LogEntry(String kind, String kindLabel, String taskName, String actor, String actorName, String target, String reason, String at) {
    }

    record Overview(String taskId, String taskName, String projectCode, String projectName, Actions actions, List<LogEntry> record,
            List<ExtraOpinionService.Pending> pendingOpinions) {
    }

    record Unit(String code, String name, String kind) {
    }

    private final TaskAccess access;
    private final TransferService transfers;
    private final SendBackService sendBacks;
    private final ExtraOpinionService opinions;
    private final CopyService copies;
    private final UrgeService urges;
    private final WithdrawService withdrawals;
    private final OperationLog log;
    private final OrgDirectory directory;
    private final Times times;

    TaskOperationsController(TaskAccess access, TransferService transfers, SendBackService sendBacks, ExtraOpinionService opinions,
            CopyService copies, UrgeService urges, WithdrawService withdrawals, OperationLog log, OrgDirectory directory, Times times) {
        this.access = access;
        this.transfers = transfers;
        this.sendBacks = sendBacks;
        this.opinions = opinions;
        this.copies = copies;
        this.urges = urges;
        this.withdrawals = withdrawals;
        this.log = log;
        this.directory = directory;
        this.times = times;
    }

    /** The token a Tasklist plugin sends with its writes (the app's own pages carry it in a meta tag). */
    @GetMapping("/api/csrf")
    Map<String, String> csrf(CsrfToken token) {
        return Map.of("headerName", token.getHeaderName(), "token", token.getToken());
    }

    @GetMapping("/api/tasks/{taskId}/operations")
    Overview overview(@PathVariable String taskId) {
        StaffUser user = CurrentUser.get();
        TaskRef task = access.open(taskId, user);
        boolean holds = task.heldBy(user) && !task.delegated();
        Actions actions = new Actions(holds ? sendBacks.target(task).orElse(null) : null, holds, holds, holds, true, urges.mayUrge(task, user));
        return new Overview(task.id(), task.name(), task.projectCode(), task.projectName(), actions,
                log.ofProcessInstance(task.processInstanceId()).stream().map(this::entry).toList(), opinions.pending(task.id()));
    }

    @GetMapping("/api/tasks/{taskId}/people")
    List<TaskAccess.Person> people(@PathVariable String taskId) {
        return transfers.targets(taskId, CurrentUser.get());
    }

    /** Departments (for 加签) and all groups with their kind (for 抄送). */
    @GetMapping("/api/units")
    List<Unit> units() {
        return directory.units().stream().map(u -> new Unit(u.code(), u.name(), u.kind().name())).toList();
    }

    @GetMapping("/api/departments")
    List<Unit> departments() {
        return directory.units().stream().filter(u -> u.kind() == OrgUnitKind.DEPARTMENT).map(u -> new Unit(u.code(), u.name(), u.kind().name()))
                .toList();
    }

    @PostMapping("/api/tasks/{taskId}/send-back")
    Map<String, Object> sendBack(@PathVariable String taskId, @RequestBody Reason body) {
        return Map.of("tasks", sendBacks.sendBack(taskId, body.reason(), CurrentUser.get()));
    }

    @PostMapping("/api/tasks/{taskId}/transfer")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void transfer(@PathVariable String taskId, @RequestBody ToPerson body) {
        transfers.transfer(taskId, body.target(), body.note(), CurrentUser.get());
    }

    @PostMapping("/api/tasks/{taskId}/delegate")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delegate(@PathVariable String taskId, @RequestBody ToPerson body) {
        transfers.delegate(taskId, body.target(), body.note(), CurrentUser.get());
    }

    @PostMapping("/api/tasks/{taskId}/extra-opinions")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> extraOpinion(@PathVariable String taskId, @RequestBody OpinionRequest body) {
        return Map.of("processInstanceId", opinions.request(taskId, body.department(), body.question(), CurrentUser.get()));
    }

    @PostMapping("/api/tasks/{taskId}/copies")
    Map<String, Object> copy(@PathVariable String taskId, @RequestBody CopyRequest body) {
        return Map.of("recipients", copies.copy(taskId, body.users(), body.groups(), body.note(), CurrentUser.get()));
    }

    @PostMapping("/api/tasks/{taskId}/urge")
    Map<String, Object> urge(@PathVariable String taskId, @RequestBody(required = false) Note body) {
        return Map.of("notified", urges.urge(taskId, body == null ? null : body.note(), CurrentUser.get()));
    }

    @PostMapping("/api/tasks/{taskId}/withdraw")
    Map<String, String> withdraw(@PathVariable String taskId) {
        return Map.of("taskId", withdrawals.withdraw(taskId, CurrentUser.get()));
    }

    @GetMapping("/api/me/copies")
    List<CopyService.Copy> myCopies() {
        return copies.toMe(CurrentUser.get());
    }

    @PostMapping("/api/copies/{id}/read")
    CopyService.Copy read(@PathVariable long id) {
        return copies.markRead(id, CurrentUser.get());
    }

    private LogEntry entry(OperationLog.Entry e) {
        String target = e.target() == null ? null : switch (e.kind()) {
            case TRANSFER, DELEGATE -> access.name(e.target());
            case EXTRA_OPINION, EXTRA_OPINION_GIVEN -> directory.unitName(e.target());
            case COPY, URGE -> String.join("、", List.of(e.target().split(",")).stream().map(access::name).toList());
            default -> e.target();
        };
        return new LogEntry(e.kind().name(), e.kind().label(), e.taskName(), e.actor(), access.name(e.actor()), target, e.reason(), at(e.occurredAt()));
    }

    private String at(OffsetDateTime time) {
        return times.format(time, "yyyy-MM-dd HH:mm");
    }
}
