package org.zhaoshang.demo;

import org.zhaoshang.system.StartupStep;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.zhaoshang.briefing.BriefingMetric;
import org.zhaoshang.briefing.BriefingProcess;
import org.zhaoshang.briefing.BriefingRecords;
import org.zhaoshang.briefing.BriefingSchedule;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.OrgUnitKind;
import org.zhaoshang.identity.PersonNames;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectRegistration;
import org.zhaoshang.review.ReviewMeetingService;
import org.zhaoshang.review.ReviewService;
import org.zhaoshang.unitreport.UnitReportProcess;
import org.zhaoshang.unitreport.UnitReportSchedule;

/**
 * The demo district's past (profile {@code demo}): a year of projects driven through the real processes
 * by the demo people, so that the ledger, the dashboard, the briefings and Cockpit show a history a
 * manager recognises — most steps on time, 环保 slower than the others, some overdue and escalated,
 * vetoes, handoffs, key projects, agreements with missed milestones, and work open today. The industry
 * departments bring some projects and pass them on (ranked in their own group); 合作交流办 sets the yearly
 * targets and records landed projects' 税收 monthly until a report comes (split 三七 in the rankings); the
 * briefings interview the last three of each quarter, half-year and year and the units that miss their
 * half-year targets. Every unit sends its reports (单位报送: weekly 招商动态, the monthly three forms, quarterly
 * and annual reports) for the last {@code app.demo.history.report-months}, a few late, a few sent back by the head or
 * by 合作交流办.
 * <p>
 * The engine clock is moved forward through the year (every task, timer, mail and escalation gets the
 * time it would have had) while nobody can log in yet: this runs during start-up, before the web server
 * accepts requests and before the job executor starts, and only when the ledger is empty. The people's
 * choices come from a seeded random generator, so every fresh start shows the same district.
 */
@Component
@Profile("demo")
public class DemoHistory implements StartupStep {

    @Override
    public int order() {
        return StartupStep.DEMO_HISTORY;
    }

    @Override
    public void run() {
        seedIfEmpty();
    }


    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    /** The departments that bring projects of their industries in the demo (and get targets). */
    static final List<String> INVESTMENT_DEPARTMENTS = List.of(GroupIds.GONGXIN, GroupIds.SHANGWU, GroupIds.NONGYE, GroupIds.KEJI);
    /** Every twelfth registration (in time order, from the sixth on) is a department's, the four in turn. */
    static final int DEPARTMENT_EVERY = 12;
    static final List<String> MEETING_MEMBERS = List.of(GroupIds.GONGXIN, GroupIds.HUANBAO, GroupIds.XIAOFANG, GroupIds.SHANGWU, GroupIds.FAGAI);
    static final List<LocalTime> STEPS = List.of(LocalTime.of(9, 0), LocalTime.of(10, 0), LocalTime.of(11, 0), LocalTime.of(14, 0),
            LocalTime.of(15, 0), LocalTime.of(16, 0), LocalTime.of(17, 0), LocalTime.of(18, 30));
    static final List<LocalTime> EARLY_STEPS = List.of(LocalTime.of(10, 0), LocalTime.of(16, 0));

    /** What a seeding run did (for the log and the test). */
    public record Summary(int projects, int completedTasks, int openTasks, int failures, int firedJobs, int meetings, Duration took) {
    }

    private final ProcessEngine engine;
    private final JdbcClient jdbc;
    private final WorkingDayCalendar calendar;
    private final OrgDirectory directory;
    private final ReviewService reviews;
    private final ReviewMeetingService meetings;
    private final BriefingSchedule briefingSchedule;
    private final UnitReportSchedule reportSchedule;
    private final int reportMonths;
    private final int weeklyReportMonths;
    private final BriefingRecords briefingRecords;
    private final DemoTasks tasks;
    private final int projectCount;
    private final int months;
    private final long randomSeed;

    DemoHistory(ProcessEngine engine, JdbcClient jdbc, WorkingDayCalendar calendar, OrgDirectory directory, ReviewService reviews,
            ReviewMeetingService meetings, BriefingSchedule briefingSchedule, UnitReportSchedule reportSchedule, BriefingRecords briefingRecords,
            DemoTasks tasks, @Value("${app.demo.history.report-months:3}") int reportMonths,
            @Value("${app.demo.history.weekly-report-months:3}") int weeklyReportMonths,
            @Value("${app.demo.history.projects:0}") int projectCount, @Value("${app.demo.history.months:12}") int months,
            @Value("${app.demo.history.seed:20261201}") long randomSeed) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.directory = directory;
        this.reviews = reviews;
        this.meetings = meetings;
        this.briefingSchedule = briefingSchedule;
        this.reportSchedule = reportSchedule;
        this.reportMonths = reportMonths;
        this.weeklyReportMonths = weeklyReportMonths;
        this.briefingRecords = briefingRecords;
        this.tasks = tasks;
        this.projectCount = projectCount;
        this.months = months;
        this.randomSeed = randomSeed;
    }

    /** At start-up: seeds the configured history into an empty ledger; a ledger with projects is left alone. */
    public void seedIfEmpty() {
        if (projectCount <= 0 || jdbc.sql("SELECT COUNT(*) FROM investment_project").query(Long.class).single() > 0) {
            return;
        }
        Instant now = Instant.now();
        LocalDate first = LocalDate.ofInstant(now, calendar.zone()).minusMonths(months).withDayOfMonth(1);
        log.info("Seeding the demo history: {} projects since {} (first start only; takes a minute)", projectCount, first);
        Summary summary = seed(projectCount, first, now, randomSeed);
        log.info("Demo history seeded: {}", summary);
    }

    /**
     * Drives {@code count} projects registered between {@code first} and {@code end} through the
     * processes, moving the engine clock from {@code first} to {@code end}; the clock is reset afterwards.
     */
    public Summary seed(int count, LocalDate first, Instant end, long seed) {
        Instant started = Instant.now();
        Run run = new Run(new Random(seed), new Random(seed + 1), new Random(seed + 2), first, end);
        try {
            run.go(count);
        } finally {
            ClockUtil.reset();
            engine.getIdentityService().clearAuthentication();
        }
        return new Summary(run.codes.size(), run.completed, run.openTaskCount(), run.failures, run.firedJobs, run.meetingCount,
                Duration.between(started, Instant.now()));
    }

    /** One seeding run: the simulated district's state. */
    private final class Run {

        final Random random;
        /** Choices added later (targets) draw from their own generator, so the others stay as they were. */
        final Random more;
        /**
         * Each project's facts and scenario, drawn in the order of registration only: the people's timing draws
         * follow the order the database lists tasks created at the same instant in, which is not reproducible.
         */
        final Random projectRandom;
        final LocalDate first;
        final Instant end;
        final Set<String> codes = new HashSet<>();
        final Set<String> briefingInstances = new HashSet<>();
        /** 单位报送 instances opened by the run (the reporting days' start timer, armed for the last report-months). */
        final Set<String> reportInstances = new HashSet<>();
        final Set<String> reportsBefore = new HashSet<>();
        boolean reportTimerArmed;
        final Map<String, DemoTasks.Plan> plans = new HashMap<>();
        final TreeMap<LocalDate, List<Runnable>> agenda = new TreeMap<>();
        final Map<String, List<String>> members = new HashMap<>();
        final Map<String, StaffUser> people = new HashMap<>();
        final Map<String, Boolean> seededInstances = new HashMap<>();
        final ManagementService management = engine.getManagementService();
        String lastRegistered;
        int completed;
        int failures;
        int firedJobs;
        int meetingCount;

        Run(Random random, Random more, Random projectRandom, LocalDate first, Instant end) {
            this.random = random;
            this.more = more;
            this.projectRandom = projectRandom;
            this.first = first;
            this.end = end;
        }

        void go(int count) {
            List<OrgUnit> units = directory.hostUnits();
            LocalDate last = LocalDate.ofInstant(end, calendar.zone()).minusDays(3);
            LocalDate start = landedEarlier(units, count);
            List<LocalDate> workingDays = new ArrayList<>();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                if (calendar.isWorkingDay(d)) {
                    workingDays.add(d);
                }
            }
            List<OrgUnit> departments = INVESTMENT_DEPARTMENTS.stream().map(code -> directory.findUnit(code).orElseThrow()).toList();
            TreeMap<LocalDate, List<OrgUnit>> registrations = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                LocalDate day = workingDays.get(random.nextInt(workingDays.size()));
                registrations.computeIfAbsent(day, d -> new ArrayList<>()).add(DemoProjects.pick(random, units));
            }
            int k = 0;
            for (Map.Entry<LocalDate, List<OrgUnit>> day : registrations.entrySet()) {
                for (OrgUnit area : day.getValue()) {
                    OrgUnit unit = k % DEPARTMENT_EVERY == DEPARTMENT_EVERY / 2 - 1 ? departments.get(k / DEPARTMENT_EVERY % departments.size()) : area;
                    k++;
                    at(day.getKey(), () -> register(unit));
                }
            }
            scheduleMeetings(last);
            ClockUtil.setCurrentTime(Date.from(start.atStartOfDay(calendar.zone()).toInstant()));
            setTargets(units, departments, count);
            scheduleTaxEntries(last);
            for (LocalDate day = start; !day.atStartOfDay(calendar.zone()).toInstant().isAfter(end); day = day.plusDays(1)) {
                if (day.equals(first)) {
                    armBriefingTimer();
                }
                if (day.equals(reportsFrom())) {
                    armReportTimer();
                }
                // Before the year shown only the few projects that landed earlier run: two steps a day are enough.
                for (LocalTime time : day.isBefore(first) ? EARLY_STEPS : STEPS) {
                    Instant t = day.atTime(time).atZone(calendar.zone()).toInstant();
                    if (t.isAfter(end)) {
                        break;
                    }
                    advanceTo(t);
                    if (time.equals(LocalTime.of(10, 0))) {
                        List<Runnable> actions = agenda.remove(day);
                        if (actions != null) {
                            actions.forEach(this::safely);
                        }
                        if (calendar.isWorkingDay(day)) {
                            for (String code : tasks.needingFollowUp(codes)) {
                                safely(() -> tasks.followUp(code, random, this::staff));
                            }
                        }
                    }
                    if (calendar.isWorkingDay(day)) {
                        work(t);
                    }
                }
            }
            advanceTo(end);
        }

        /**
         * 落地较早的项目: a few projects registered about seventeen months before the end, reviewed at a meeting of their
         * own, so that they land more than a year before the end and their first yearly 后评价 (policy 001: 从项目落地
         * 到运营五年) falls in the year shown. Returns the day the run starts.
         */
        LocalDate landedEarlier(List<OrgUnit> units, int count) {
            LocalDate start = LocalDate.ofInstant(end, calendar.zone()).minusMonths(17).withDayOfMonth(1);
            if (!start.isBefore(first)) {
                return first;
            }
            LocalDate day = calendar.isWorkingDay(start) ? start : calendar.nextWorkingDay(start);
            for (int i = 0; i < Math.max(2, count / 60); i++) {
                OrgUnit unit = DemoProjects.pick(random, units);
                int index = i;
                at(day, () -> {
                    register(unit, true);
                    tasks.landedEarlier(lastRegistered, index);
                });
            }
            LocalDate meeting = calendar.plusWorkingDays(day, 18);
            String title = "%d年%d月项目论证会".formatted(meeting.getYear(), meeting.getMonthValue());
            at(calendar.plusWorkingDays(day, 10), () -> {
                long id = meetings.plan(new ReviewMeetingService.MeetingPlan(title, meeting, "区政府第一会议室", "wangfang", MEETING_MEMBERS),
                        cooperationOffice()).id();
                meetingCount++;
                at(meeting, () -> holdMeeting(id));
            });
            return start;
        }

        void at(LocalDate day, Runnable action) {
            agenda.computeIfAbsent(day, d -> new ArrayList<>()).add(action);
        }

        void register(OrgUnit unit) {
            register(unit, false);
        }

        void register(OrgUnit unit, boolean modest) {
            StaffUser officer = officerOf(unit.code());
            ProjectRegistration project = DemoProjects.next(projectRandom, unit);
            ReviewService.Started started = reviews.registerAndStart(modest ? DemoProjects.modest(project) : project, officer);
            codes.add(started.projectCode());
            tasks.newProject(started.projectCode(), projectRandom);
            lastRegistered = started.projectCode();
            if (unit.kind() == OrgUnitKind.DEPARTMENT) {
                // A department passes its project on to a street or park (policy 004: 傳導相關平臺).
                tasks.passOn(started.projectCode());
            }
        }

        /**
         * 合作交流办 sets each year's targets (the first year only when the history starts in January, so the
         * first annual ranking is a ranking of a short year without targets): the streets and parks and the four
         * industry departments, around what a unit of this district brings in a year — some reach them, some do not.
         */
        void setTargets(List<OrgUnit> units, List<OrgUnit> departments, int count) {
            int lastYear = LocalDate.ofInstant(end, calendar.zone()).getYear();
            double months = Math.max(1, java.time.temporal.ChronoUnit.MONTHS.between(first, LocalDate.ofInstant(end, calendar.zone())) + 1);
            double perUnit = count * (1 - 1.0 / DEPARTMENT_EVERY) / units.size() * 12 / months;
            double perDepartment = count / (double) DEPARTMENT_EVERY / departments.size() * 12 / months;
            for (int year = first.getMonthValue() == 1 ? first.getYear() : first.getYear() + 1; year <= lastYear; year++) {
                for (OrgUnit unit : units) {
                    target(unit, year, BriefingMetric.NEW_PROJECTS, perUnit);
                    target(unit, year, BriefingMetric.SIGNED, perUnit * 0.5);
                    target(unit, year, BriefingMetric.LANDED, perUnit * 0.3);
                    target(unit, year, BriefingMetric.DOMESTIC_FUNDS, perUnit * 0.06 * 4000);
                    target(unit, year, BriefingMetric.TAX, perUnit * 0.2 * 20);
                    if (more.nextBoolean()) {
                        target(unit, year, BriefingMetric.FOREIGN_CAPITAL, perUnit * 0.02 * 1500);
                    }
                }
                for (OrgUnit department : departments) {
                    target(department, year, BriefingMetric.NEW_PROJECTS, Math.max(2, perDepartment));
                    target(department, year, BriefingMetric.LANDED, Math.max(1, perDepartment * 0.3));
                }
            }
        }

        void target(OrgUnit unit, int year, BriefingMetric metric, double around) {
            long value = Math.max(1, Math.round(around * (0.6 + 0.9 * more.nextDouble())));
            briefingRecords.setTarget(unit.code(), year, metric, BigDecimal.valueOf(value), cooperationOffice().id());
        }

        /** On the 10th (or the next working day) 合作交流办 records last month's 税收 of landed projects without a report. */
        void scheduleTaxEntries(LocalDate last) {
            for (YearMonth month = YearMonth.from(first).plusMonths(1); !month.atDay(1).isAfter(last); month = month.plusMonths(1)) {
                YearMonth taxMonth = month.minusMonths(1);
                at(calendar.onOrNextWorkingDay(month.atDay(10)), () -> tasks.recordTax(taxMonth, codes, cooperationOffice()));
            }
        }

        /** 项目论证会: monthly, on the third Thursday (or the next working day), planned ten days before. */
        void scheduleMeetings(LocalDate last) {
            int n = 0;
            for (LocalDate month = first.withDayOfMonth(1); !month.isAfter(last); month = month.plusMonths(1)) {
                LocalDate thursday = month.with(TemporalAdjusters.dayOfWeekInMonth(3, java.time.DayOfWeek.THURSDAY));
                LocalDate date = calendar.isWorkingDay(thursday) ? thursday : calendar.nextWorkingDay(thursday);
                LocalDate planOn = date.minusDays(10);
                if (planOn.isBefore(first) || date.isAfter(last)) {
                    continue;
                }
                String title = "%d年第%d次项目论证会".formatted(date.getYear(), ++n);
                at(planOn, () -> {
                    long id = meetings.plan(new ReviewMeetingService.MeetingPlan(title, date, "区政府第一会议室",
                            random.nextBoolean() ? "wangfang" : "zhangjun", MEETING_MEMBERS), cooperationOffice()).id();
                    meetingCount++;
                    at(date, () -> holdMeeting(id));
                });
            }
        }

        void holdMeeting(long id) {
            StaffUser organiser = cooperationOffice();
            meetings.recordAttendance(id, Set.copyOf(MEETING_MEMBERS), organiser);
            for (ReviewMeetingService.AgendaItem item : meetings.get(id).agenda()) {
                meetings.recordVotes(id, item.id(), tasks.meetingVotes(item, MEETING_MEMBERS), organiser);
            }
            meetings.conclude(id, organiser);
        }

        /** The briefing's start timer, armed at deployment for the real next date, fires in the simulated months too. */
        /** The units' reports are seeded for the last {@code reportMonths} of the history (a year in the demo). */
        LocalDate reportsFrom() {
            LocalDate from = LocalDate.ofInstant(end, calendar.zone()).minusMonths(reportMonths);
            return from.isBefore(first) ? first : from;
        }

        /**
         * The weekly 招商动态 are seeded for the last {@code weeklyReportMonths} only (a dozen units every week of a year would
         * double the first start): before then the reporting days' timer opens on the 1st of each month only.
         */
        LocalDate weeklyFrom() {
            LocalDate from = LocalDate.ofInstant(end, calendar.zone()).minusMonths(weeklyReportMonths).withDayOfMonth(1);
            return from.isBefore(first) ? first : from;
        }

        /** The next reporting day the run lets the timer fire on: every Monday and 1st, before {@link #weeklyFrom} the 1sts only. */
        Date nextReportOpening() {
            ZonedDateTime next = reportSchedule.next(ClockUtil.getCurrentTime().toInstant());
            LocalDate weeklyFrom = weeklyFrom();
            while (next.toLocalDate().isBefore(weeklyFrom) && next.getDayOfMonth() != 1) {
                next = reportSchedule.next(next.toInstant());
            }
            return Date.from(next.toInstant());
        }

        void rearmReportTimer() {
            Job timer = management.createJobQuery().processDefinitionKey(UnitReportProcess.PROCESS_KEY).timers()
                    .activityId(UnitReportProcess.START_TIMER).singleResult();
            if (timer != null) {
                management.setJobDuedate(timer.getId(), nextReportOpening());
            }
        }

        /** The reporting days' start timer, moved to the first Monday or 1st from {@link #reportsFrom}; later firings follow. */
        void armReportTimer() {
            Job timer = management.createJobQuery().processDefinitionKey(UnitReportProcess.PROCESS_KEY).timers()
                    .activityId(UnitReportProcess.START_TIMER).singleResult();
            if (timer != null) {
                engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(UnitReportProcess.PROCESS_KEY).unlimitedList()
                        .forEach(pi -> reportsBefore.add(pi.getId()));
                management.setJobDuedate(timer.getId(), nextReportOpening());
                reportTimerArmed = true;
            }
        }

        /** Instances the reporting day opened; finished ones are dropped (their tasks are done). */
        void noteReports() {
            Set<String> running = new HashSet<>();
            engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(UnitReportProcess.PROCESS_KEY).unlimitedList()
                    .forEach(pi -> running.add(pi.getId()));
            reportInstances.retainAll(running);
            running.removeAll(reportsBefore);
            reportInstances.addAll(running);
        }

        void armBriefingTimer() {
            Job timer = management.createJobQuery().processDefinitionKey(BriefingProcess.PROCESS_KEY).timers()
                    .activityId(BriefingProcess.START_TIMER).singleResult();
            if (timer != null) {
                ClockUtil.setCurrentTime(Date.from(first.atStartOfDay(calendar.zone()).toInstant()));
                management.setJobDuedate(timer.getId(), Date.from(briefingSchedule.next(ClockUtil.getCurrentTime().toInstant()).toInstant()));
            }
        }

        /** Moves the clock to {@code t}, firing every timer due on the way at its own time. */
        void advanceTo(Instant t) {
            while (true) {
                Job next = management.createJobQuery().timers().duedateLowerThan(Date.from(t.plusMillis(1))).withRetriesLeft().active()
                        .orderByJobDuedate().asc().listPage(0, 50).stream().filter(this::ours).findFirst().orElse(null);
                if (next == null) {
                    break;
                }
                Instant due = next.getDuedate().toInstant();
                Instant now = ClockUtil.getCurrentTime().toInstant();
                ClockUtil.setCurrentTime(Date.from(due.isAfter(now) ? due.plusSeconds(30) : now));
                try {
                    management.executeJob(next.getId());
                    firedJobs++;
                } catch (RuntimeException e) {
                    failures++;
                    log.warn("Demo history: timer {} of {} failed: {}", next.getId(), next.getProcessDefinitionKey(), e.getMessage());
                    management.setJobRetries(next.getId(), 0);
                }
                noteBriefings();
                if (next.getProcessInstanceId() == null && UnitReportProcess.PROCESS_KEY.equals(next.getProcessDefinitionKey())) {
                    noteReports();
                    rearmReportTimer();
                }
            }
            if (t.isAfter(ClockUtil.getCurrentTime().toInstant())) {
                ClockUtil.setCurrentTime(Date.from(t));
            }
        }

        /** Timers of the seeded cases and the briefing's start timer; other data in the database is not touched. */
        boolean ours(Job job) {
            if (job.getProcessInstanceId() == null) {
                return BriefingProcess.PROCESS_KEY.equals(job.getProcessDefinitionKey())
                        || reportTimerArmed && UnitReportProcess.PROCESS_KEY.equals(job.getProcessDefinitionKey());
            }
            if (briefingInstances.contains(job.getProcessInstanceId()) || reportInstances.contains(job.getProcessInstanceId())) {
                return true;
            }
            return seededInstances.computeIfAbsent(job.getProcessInstanceId(), id -> {
                var instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
                return instance != null && codes.contains(instance.getBusinessKey());
            });
        }

        void noteBriefings() {
            engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(BriefingProcess.PROCESS_KEY).unlimitedList()
                    .forEach(pi -> {
                        // The first briefing of the run is the month before it starts.
                        if (pi.getBusinessKey() != null && pi.getBusinessKey().compareTo("BRIEFING-" + first.minusMonths(1).toString().substring(0, 7)) >= 0) {
                            briefingInstances.add(pi.getId());
                        }
                    });
        }

        /** People act on the open tasks whose planned time has come. */
        void work(Instant t) {
            List<Task> open = openTasks();
            open.sort(Comparator.comparing(Task::getCreateTime));
            Set<String> touched = new HashSet<>();
            for (Task task : open) {
                // A step done earlier in this pass may have ended its siblings (a veto ends the other reviews).
                if (touched.contains(task.getProcessInstanceId())
                        && engine.getTaskService().createTaskQuery().taskId(task.getId()).count() == 0) {
                    continue;
                }
                DemoTasks.Plan plan = plans.computeIfAbsent(task.getId(), id -> tasks.plan(task, random, end));
                boolean claimNow = plan.claimAt() != null && task.getAssignee() == null && !plan.claimAt().isAfter(t);
                boolean completeNow = plan.completeAt() != null && !plan.completeAt().isAfter(t);
                if (plan.done() || !(claimNow || completeNow)) {
                    continue;
                }
                String actor = actorOf(task);
                if (actor == null) {
                    plan.markDone();
                    continue;
                }
                try {
                    if (claimNow) {
                        as(actor, () -> engine.getTaskService().claim(task.getId(), actor));
                    }
                    if (completeNow) {
                        plan.markDone();
                        touched.add(task.getProcessInstanceId());
                        tasks.complete(task, actor, staff(actor), random);
                        completed++;
                    }
                } catch (RuntimeException e) {
                    plan.markDone();
                    if (engine.getTaskService().createTaskQuery().taskId(task.getId()).count() == 0) {
                        // Ended by an earlier step of this round (a veto cancels the other reviews): nobody failed.
                        continue;
                    }
                    failures++;
                    log.warn("Demo history: {} of {} by {} failed: {}", task.getTaskDefinitionKey(), task.getProcessInstanceId(), actor, e.getMessage());
                }
            }
        }

        List<Task> openTasks() {
            List<Task> open = new ArrayList<>();
            if (!codes.isEmpty()) {
                open.addAll(engine.getTaskService().createTaskQuery().processInstanceBusinessKeyIn(codes.toArray(String[]::new)).unlimitedList());
            }
            for (String pi : briefingInstances) {
                open.addAll(engine.getTaskService().createTaskQuery().processInstanceId(pi).unlimitedList());
            }
            if (!reportInstances.isEmpty()) {
                open.addAll(engine.getTaskService().createTaskQuery().processInstanceIdIn(reportInstances.toArray(String[]::new)).unlimitedList());
            }
            return open;
        }

        int openTaskCount() {
            return openTasks().size();
        }

        /** The assignee, else a member of the first candidate group (the same person for a task type and unit, mostly). */
        String actorOf(Task task) {
            String preferred = tasks.preferredActor(task);
            if (preferred != null) {
                return preferred;
            }
            if (task.getAssignee() != null) {
                return task.getAssignee();
            }
            String group = engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                    .filter(l -> "candidate".equals(l.getType()) && l.getGroupId() != null).map(IdentityLink::getGroupId).findFirst().orElse(null);
            if (group == null) {
                return null;
            }
            List<String> people = membersOf(group);
            if (people.isEmpty()) {
                return null;
            }
            // Heads of units rarely do the work themselves: prefer the staff.
            String head = directory.findUnit(group).map(OrgUnit::headUserId).orElse(null);
            List<String> staff = people.stream().filter(p -> !p.equals(head)).toList();
            return DemoProjects.pick(random, staff.isEmpty() ? people : staff);
        }

        List<String> membersOf(String group) {
            return members.computeIfAbsent(group, g -> engine.getIdentityService().createUserQuery().memberOfGroup(g).unlimitedList().stream()
                    .map(User::getId).sorted().toList());
        }

        StaffUser officerOf(String unit) {
            return staff(tasks.officerOf(unit));
        }

        StaffUser cooperationOffice() {
            return staff("huangtao");
        }

        StaffUser staff(String userId) {
            return people.computeIfAbsent(userId, id -> {
                IdentityService identity = engine.getIdentityService();
                User user = identity.createUserQuery().userId(id).singleResult();
                return new StaffUser(id, user == null ? id : PersonNames.of(user),
                        identity.createGroupQuery().groupMember(id).unlimitedList().stream().map(Group::getId).toList());
            });
        }

        void as(String userId, Runnable action) {
            IdentityService identity = engine.getIdentityService();
            identity.setAuthentication(userId, staff(userId).groupIds());
            try {
                action.run();
            } finally {
                identity.clearAuthentication();
            }
        }

        void safely(Runnable action) {
            try {
                action.run();
            } catch (RuntimeException e) {
                failures++;
                log.warn("Demo history: an action on {} failed: {}", ClockUtil.getCurrentTime(), e.getMessage());
            }
        }
    }
}
