package org.zhaoshang.directory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.zhaoshang.identity.AuthorizationGrants;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.identity.StaffProfile;
import org.zhaoshang.notification.PersonChannels;
import org.zhaoshang.system.StartupStep;

/**
 * Mirrors the directory into the engine's identity tables and the product's organisation (org_unit, staff_profile,
 * person_channel): at start-up and every {@code app.directory.refresh-interval}, one node at a time, in one transaction.
 * What the directory no longer lists is removed from the mirror (the person's sessions end at their next request, see
 * identity.DepartedPeople; their tasks go back to the group); a group it no longer lists keeps its row without
 * members, so its tasks and rights stay in place. A refresh that would remove more than {@code max-removed-share} of
 * the people is refused as a likely misconfiguration (an administrator can force it on /admin/directory). A directory
 * that cannot be reached changes nothing: the last mirror keeps serving and the next refresh tries again.
 */
class DirectorySync implements StartupStep {

    private static final Logger log = LoggerFactory.getLogger(DirectorySync.class);
    /** Removing up to this many people is never refused, whatever the share. */
    private static final int ALWAYS_REMOVABLE = 5;

    record Result(boolean ok, String message, int people, int groups, List<String> added, List<String> removed) {
    }

    private final DirectoryReader reader;
    private final DirectoryProperties properties;
    private final ProcessEngineConfigurationImpl engine;
    private final TaskService taskService;
    private final OrgDirectory organisation;
    private final PersonChannels channels;
    private final AuthorizationGrants grants;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DirectorySync(DirectoryReader reader, DirectoryProperties properties, ProcessEngineConfigurationImpl engine, TaskService taskService,
            OrgDirectory organisation, PersonChannels channels, AuthorizationGrants grants, JdbcClient jdbc,
            TransactionTemplate transactions, Clock clock) {
        this.reader = reader;
        this.properties = properties;
        this.engine = engine;
        this.taskService = taskService;
        this.organisation = organisation;
        this.channels = channels;
        this.grants = grants;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public int order() {
        return StartupStep.DIRECTORY;
    }

    /** At start-up a directory that cannot be reached is a warning: the last mirror serves (and the local administrator). */
    @Override
    public void run() {
        Result result = refresh(false);
        if (!result.ok()) {
            log.warn("Directory not mirrored at start-up, the last mirror serves ({} people): {}", mirroredPeople(), result.message());
        }
    }

    @Scheduled(fixedDelayString = "${app.directory.refresh-interval:PT5M}", initialDelayString = "${app.directory.refresh-interval:PT5M}")
    void scheduled() {
        refresh(false);
    }

    /** Reads the directory and applies it; {@code force} skips the removal guard (an administrator's decision). */
    Result refresh(boolean force) {
        DirectoryReader.Snapshot snapshot;
        try {
            snapshot = reader.read();
        } catch (RuntimeException unreachable) {
            String message = "目录服务无法访问：" + rootMessage(unreachable);
            log.warn("Directory refresh failed, the last mirror serves: {}", rootMessage(unreachable));
            recordFailure(message);
            return new Result(false, message, 0, 0, List.of(), List.of());
        }
        Result result = transactions.execute(status -> apply(snapshot, force));
        if (result.ok()) {
            returnTasksOf(result.removed());
            if (!result.added().isEmpty() || !result.removed().isEmpty()) {
                log.info("Directory mirrored: {} people, {} groups; added {}, removed {}", result.people(), result.groups(),
                        result.added(), result.removed());
            }
        } else {
            log.warn("Directory refresh refused: {}", result.message());
        }
        return result;
    }

    private Result apply(DirectoryReader.Snapshot snapshot, boolean force) {
        OffsetDateTime now = now();
        // The row lock: a second node's refresh waits here until this one commits.
        jdbc.sql("UPDATE directory_sync SET last_attempt_at = :now WHERE id = 1").param("now", now).update();
        Map<String, DirectoryReader.Person> people = snapshot.people().stream()
                .collect(Collectors.toMap(DirectoryReader.Person::id, p -> p, (a, b) -> a, java.util.LinkedHashMap::new));
        Set<String> mirrored = directoryUserIds();
        List<String> removed = mirrored.stream().filter(id -> !people.containsKey(id)).sorted().toList();
        int limit = Math.max(ALWAYS_REMOVABLE, (int) Math.floor(properties.maxRemovedShare() * mirrored.size()));
        if (people.isEmpty() || (!force && removed.size() > limit)) {
            String message = people.isEmpty()
                    ? "目录中未找到任何人员（请检查 user-search-base / user-search-filter），本次未同步"
                    : "本次同步将移除 %d 人（超过上限 %d 人），疑为目录配置错误，已拒绝；确认无误后请在“目录同步”页强制同步"
                            .formatted(removed.size(), limit);
            jdbc.sql("UPDATE directory_sync SET last_error = :error WHERE id = 1").param("error", message).update();
            event("REFUSED", "directory", message);
            return new Result(false, message, people.size(), snapshot.groups().size(), List.of(), List.of());
        }
        List<String> added = engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(
                () -> mirror(snapshot, people, removed)));
        applyOrganisation(snapshot, people);
        added.forEach(id -> event("PERSON_ADDED", id, displayName(people.get(id))));
        removed.forEach(id -> event("PERSON_REMOVED", id, "目录中已无此人：账号与成员关系已移除，会话在下一次请求时结束"));
        jdbc.sql("""
                UPDATE directory_sync SET last_success_at = :now, last_error = NULL, person_count = :people, group_count = :groups
                WHERE id = 1""")
                .param("now", now).param("people", people.size()).param("groups", snapshot.groups().size()).update();
        return new Result(true, "已同步 %d 人、%d 个组".formatted(people.size(), snapshot.groups().size()), people.size(),
                snapshot.groups().size(), added, removed);
    }

    /** The engine's identity tables: users, groups and memberships as the directory lists them. */
    private List<String> mirror(DirectoryReader.Snapshot snapshot, Map<String, DirectoryReader.Person> people, List<String> removed) {
        DbIdentityServiceProvider tables = new DbIdentityServiceProvider();
        List<String> added = new ArrayList<>();
        removed.forEach(tables::deleteUser);
        for (DirectoryReader.Person person : people.values()) {
            UserEntity user = tables.findUserById(person.id());
            if (user != null && user.getPassword() != null) {
                // A local account of the same id (the administrator fallback) is never overwritten by the directory.
                continue;
            }
            if (user == null) {
                user = tables.createNewUser(person.id());
                added.add(person.id());
            } else if (Objects.equals(user.getFirstName(), person.firstName()) && Objects.equals(user.getLastName(), person.lastName())
                    && Objects.equals(user.getEmail(), person.email())) {
                continue;
            }
            user.setFirstName(person.firstName());
            user.setLastName(person.lastName());
            user.setEmail(person.email());
            tables.saveUser(user);
        }
        Set<String> directoryUsers = new HashSet<>(people.keySet());
        for (DirectoryReader.Team team : snapshot.groups()) {
            GroupEntity group = tables.findGroupById(team.id());
            if (group == null) {
                group = tables.createNewGroup(team.id());
                group.setName(team.name());
                group.setType(GroupIds.ADMIN.equals(team.id()) ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
                tables.saveGroup(group);
                if (OrgUnitKind.fromGroupId(team.id()) != null) {
                    grants.grantTasklistWork(team.id());
                }
            } else if (!Objects.equals(group.getName(), team.name())) {
                group.setName(team.name());
                tables.saveGroup(group);
            }
        }
        // Memberships of directory people: exactly the directory's (local accounts keep theirs).
        Map<String, Set<String>> wanted = new HashMap<>();
        snapshot.groups().forEach(team -> team.memberIds().stream().filter(directoryUsers::contains)
                .forEach(member -> wanted.computeIfAbsent(member, k -> new HashSet<>()).add(team.id())));
        for (String userId : directoryUsers) {
            UserEntity user = tables.findUserById(userId);
            if (user == null || user.getPassword() != null) {
                continue;
            }
            Set<String> current = tables.createGroupQuery(Context.getCommandContext()).groupMember(userId).unlimitedList().stream()
                    .map(Group::getId).collect(Collectors.toSet());
            Set<String> target = wanted.getOrDefault(userId, Set.of());
            current.stream().filter(g -> !target.contains(g)).forEach(g -> tables.deleteMembership(userId, g));
            target.stream().filter(g -> !current.contains(g)).forEach(g -> tables.createMembership(userId, g));
        }
        return added;
    }

    /** The product's own organisation tables: units with their names and heads, people's units, titles, supervisors, mobiles. */
    private void applyOrganisation(DirectoryReader.Snapshot snapshot, Map<String, DirectoryReader.Person> people) {
        Map<String, List<String>> groupsOf = new HashMap<>();
        for (DirectoryReader.Team team : snapshot.groups()) {
            OrgUnitKind kind = OrgUnitKind.fromGroupId(team.id());
            if (kind != null) {
                organisation.fromDirectory(team.id(), team.name(), kind, team.headId());
            }
            team.memberIds().forEach(member -> groupsOf.computeIfAbsent(member, k -> new ArrayList<>()).add(team.id()));
        }
        for (DirectoryReader.Person person : people.values()) {
            String unit = unitOf(groupsOf.getOrDefault(person.id(), List.of()));
            if (unit != null) {
                organisation.profileFromDirectory(new StaffProfile(person.id(), unit, person.title(), person.supervisorId(), person.phone()));
            }
            if ((person.mobile() != null || person.wecomUserId() != null)
                    && !channels.fromDirectory(person.id(), person.mobile(), person.wecomUserId())) {
                log.warn("Directory entry of {} has a malformed mobile number or 企业微信 id; kept what the person entered", person.id());
            }
        }
    }

    /** A person's unit: a street or park, else a department, else 区领导, else the administrators' group. */
    static String unitOf(List<String> groupIds) {
        Comparator<String> preference = Comparator.comparingInt(DirectorySync::rank).thenComparing(Comparator.naturalOrder());
        return groupIds.stream().filter(id -> rank(id) < 4).min(preference).orElse(null);
    }

    private static int rank(String groupId) {
        if (GroupIds.isUnit(groupId) && OrgUnitKind.fromGroupId(groupId) != null) {
            return 0;
        }
        if (groupId.startsWith(GroupIds.DEPARTMENT_PREFIX)) {
            return 1;
        }
        if (GroupIds.LEADER.equals(groupId)) {
            return 2;
        }
        return GroupIds.ADMIN.equals(groupId) ? 3 : 4;
    }

    /**
     * The open tasks of people the directory no longer lists: back to their candidate groups (anyone there can claim
     * them); a task with no group stays as it is and is listed for administrators to hand over.
     */
    private void returnTasksOf(List<String> removed) {
        for (String userId : removed) {
            for (Task task : taskService.createTaskQuery().taskAssignee(userId).unlimitedList()) {
                boolean hasGroup = taskService.getIdentityLinksForTask(task.getId()).stream()
                        .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null);
                if (hasGroup) {
                    taskService.setAssignee(task.getId(), null);
                    event("TASK_RETURNED", task.getId(), "%s（%s）：原办理人 %s 已不在目录中，任务已退回候选组".formatted(task.getName(),
                            task.getProcessInstanceId(), userId));
                } else {
                    event("TASK_UNASSIGNED_HOLDER", task.getId(), "%s（%s）：办理人 %s 已不在目录中，请管理员在 Tasklist 中转交"
                            .formatted(task.getName(), task.getProcessInstanceId(), userId));
                }
            }
        }
    }

    private Set<String> directoryUserIds() {
        DbIdentityServiceProvider tables = new DbIdentityServiceProvider();
        return engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() ->
                tables.createUserQuery().unlimitedList().stream()
                        .filter(user -> ((UserEntity) user).getPassword() == null)
                        .map(User::getId).collect(Collectors.toSet())));
    }

    private long mirroredPeople() {
        return jdbc.sql("SELECT COUNT(*) FROM ACT_ID_USER").query(Long.class).single();
    }

    private void recordFailure(String message) {
        try {
            jdbc.sql("UPDATE directory_sync SET last_attempt_at = :now, last_error = :error WHERE id = 1")
                    .param("now", now()).param("error", truncate(message, 1000)).update();
        } catch (RuntimeException databaseToo) {
            log.warn("Could not record the directory failure: {}", databaseToo.getMessage());
        }
    }

    private void event(String kind, String subject, String detail) {
        jdbc.sql("INSERT INTO directory_event (occurred_at, kind, subject, detail) VALUES (:now, :kind, :subject, :detail)")
                .param("now", now()).param("kind", kind).param("subject", truncate(subject, 200)).param("detail", truncate(detail, 2000))
                .update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static String displayName(DirectoryReader.Person person) {
        String name = Objects.toString(person.lastName(), "") + Objects.toString(person.firstName(), "");
        return name.isEmpty() ? person.id() : name;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
