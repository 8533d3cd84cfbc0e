package org.zhaoshang.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.zhaoshang.agreement.AgreementProcess;
import org.zhaoshang.agreement.AgreementRecords;
import org.zhaoshang.agreement.AgreementRegistration;
import org.zhaoshang.agreement.AgreementService;
import org.zhaoshang.agreement.EvidenceService;
import org.zhaoshang.agreement.IncentivePaymentService;
import org.zhaoshang.agreement.MilestoneStatus;
import org.zhaoshang.agreement.MilestoneType;
import org.zhaoshang.agreement.PaymentRules;
import org.zhaoshang.briefing.BriefingProcess;
import org.zhaoshang.unitreport.UnitReportProcess;
import org.zhaoshang.briefing.ProjectTaxService;
import org.zhaoshang.briefing.TaxFigures;
import org.zhaoshang.calendar.WorkingDayCalendar;
import org.zhaoshang.handoff.HandoffProcess;
import org.zhaoshang.handoff.HandoffRecords;
import org.zhaoshang.handoff.HandoffService;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.leadofficial.KeyProjectLeadProcess;
import org.zhaoshang.project.Industry;
import org.zhaoshang.project.InvestmentProject;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.project.ProjectStage;
import org.zhaoshang.review.ReviewMeetingService;
import org.zhaoshang.review.ReviewProcess;

/**
 * How the demo people behave: for each seeded case a scenario (which review vetoes, which project is
 * handed off, whose milestone is missed, where a case stalls), for each task when it is claimed and
 * completed (mostly within its SLA; 环保 often late), and what the form holds when it is submitted.
 * Everything goes through the same engine and service calls as Tasklist and the app's pages.
 */
@Component
@Profile("demo")
class DemoTasks {

    static final String FUNDING_INCENTIVE = "资金到位奖励";

    /** A tiny valid PDF: evidence files are typed by content. */
    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** When a person acts on a task; {@code completeAt == null}: not before the history ends (still open today). */
    static final class Plan {
        private final Instant claimAt;
        private final Instant completeAt;
        private boolean done;

        Plan(Instant claimAt, Instant completeAt) {
            this.claimAt = claimAt;
            this.completeAt = completeAt;
        }

        Instant claimAt() {
            return claimAt;
        }

        Instant completeAt() {
            return completeAt;
        }

        boolean done() {
            return done;
        }

        void markDone() {
            done = true;
        }
    }

    /** One case's course, drawn when it is registered. */
    static final class Scenario {
        boolean returnOnce;
        boolean environmentAsksMore;
        boolean returned;
        String industryOpinion;
        String veto; // environment, fire, or null
        boolean deferred;
        String meeting; // REJECT (majority 不同意), VETO (环保 不同意 at the meeting), or null
        boolean deferredDone;
        String stallAt; // a task key where the case stops, or null
        boolean handoff;
        boolean handoffAccepted;
        List<String> candidates = List.of();
        boolean handoffPushed;
        boolean agreement;
        boolean agreementRegistered;
        LocalDate approvedOn;
        int signAfterDays;
        boolean missMilestone;
        boolean missed;
        boolean payment;
        boolean paymentRequested;
        boolean leaderDeclines;
        boolean planReturned;
        /** 资金到位 far below target: 未达成, 合作交流办 proposes the lower target, 区领导 decide (pro rata or in full). */
        boolean fundingShort;
        boolean fullPayment;
        /** 资金到位 slightly below target: 例外达成, approved by the department head. */
        boolean fundingNearly;
        boolean fundingPaymentRequested;
        /** Registered before the year shown and kept on time, so that its yearly 后评价 falls in the year shown. */
        boolean punctual;
    }

    private final ProcessEngine engine;
    private final WorkingDayCalendar calendar;
    private final OrgDirectory directory;
    private final ProjectService projects;
    private final HandoffService handoffs;
    private final HandoffRecords handoffRecords;
    private final AgreementService agreements;
    private final AgreementRecords agreementRecords;
    private final EvidenceService evidence;
    private final IncentivePaymentService payments;
    private final org.zhaoshang.operations.SendBackService sendBacks;
    private final ProjectTaxService taxes;
    private final TaxFigures taxFigures;
    private final Map<String, Scenario> scenarios = new HashMap<>();
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    DemoTasks(org.springframework.jdbc.core.simple.JdbcClient jdbc, ProcessEngine engine, WorkingDayCalendar calendar, OrgDirectory directory,
            ProjectService projects, HandoffService handoffs,
            HandoffRecords handoffRecords, AgreementService agreements, AgreementRecords agreementRecords, EvidenceService evidence,
            IncentivePaymentService payments, org.zhaoshang.operations.SendBackService sendBacks, ProjectTaxService taxes, TaxFigures taxFigures) {
        this.jdbc = jdbc;
        this.taxes = taxes;
        this.taxFigures = taxFigures;
        this.sendBacks = sendBacks;
        this.engine = engine;
        this.calendar = calendar;
        this.directory = directory;
        this.projects = projects;
        this.handoffs = handoffs;
        this.handoffRecords = handoffRecords;
        this.agreements = agreements;
        this.agreementRecords = agreementRecords;
        this.evidence = evidence;
        this.payments = payments;
    }

    void newProject(String code, Random random) {
        Scenario s = new Scenario();
        s.returnOnce = random.nextInt(100) < 12;
        s.environmentAsksMore = random.nextInt(100) < 7;
        int opinion = random.nextInt(100);
        // 淘汰类 is the industry department's 不同意 for the 论证会 (policy 001), no longer the end of the review.
        s.industryOpinion = opinion < 5 ? "ELIMINATED" : opinion < 9 ? "RESTRICTED" : opinion < 60 ? "ENCOURAGED" : "PERMITTED";
        int veto = random.nextInt(100);
        s.veto = veto < 5 ? "environment" : veto < 8 ? "fire" : null;
        s.deferred = random.nextInt(100) < 8;
        int stall = random.nextInt(100);
        s.stallAt = stall < 4 ? ReviewProcess.TASK_ENVIRONMENT : stall < 6 ? ReviewProcess.TASK_PRECHECK : stall < 8 ? ReviewProcess.TASK_INDUSTRY
                : stall < 9 ? AgreementProcess.TASK_REPORT : null;
        s.handoff = random.nextInt(100) < 10;
        s.handoffAccepted = random.nextInt(100) < 70;
        s.agreement = random.nextInt(100) < 80;
        s.signAfterDays = 7 + random.nextInt(30);
        s.missMilestone = random.nextInt(100) < 15;
        s.payment = random.nextInt(100) < 45;
        s.leaderDeclines = random.nextInt(100) < 10;
        int meeting = random.nextInt(100);
        s.meeting = meeting < 6 ? "REJECT" : meeting < 8 ? "VETO" : null;
        int funding = random.nextInt(100);
        s.fundingShort = funding < 8;
        s.fullPayment = s.fundingShort && random.nextInt(4) == 0;
        s.fundingNearly = funding >= 8 && funding < 15;
        scenarios.put(code, s);
    }

    /**
     * A department's project: a project of its own industry (鼓励类) that passes the review, is passed on to a street
     * or park once approved, accepted there and signed — so the demo shows a department's 三七分成.
     */
    void passOn(String code) {
        Scenario s = scenarios.get(code);
        s.industryOpinion = "ENCOURAGED";
        s.veto = null;
        s.meeting = null;
        s.stallAt = null;
        s.handoff = true;
        s.handoffAccepted = true;
        s.agreement = true;
    }

    /**
     * 合作交流办 records {@code month}'s 税收 of up to four projects that had landed by its end and have no report
     * for its year, the projects that moved first (their tax is split 三七 in the ranking).
     */
    void recordTax(java.time.YearMonth month, java.util.Set<String> codes, StaffUser user) {
        List<String> landed = jdbc.sql("""
                SELECT p.code FROM investment_project p LEFT JOIN credit_share cs ON cs.project_code = p.code
                WHERE p.stage IN ('REGISTERED', 'FUNDED', 'CONSTRUCTION', 'OPERATING') AND EXISTS (SELECT 1 FROM project_history h
                    WHERE h.project_id = p.id AND h.event_type = 'STAGE_CHANGED' AND h.to_stage = p.stage AND h.occurred_at < :end)
                ORDER BY CASE WHEN cs.project_code IS NULL THEN 1 ELSE 0 END, p.code""")
                .param("end", month.plusMonths(1).atDay(1).atStartOfDay(calendar.zone()).toOffsetDateTime()).query(String.class).list();
        int recorded = 0;
        for (String code : landed) {
            if (recorded == 4) {
                break;
            }
            if (!codes.contains(code) || taxFigures.ofProject(code).stream().anyMatch(f -> f.source().report() && f.period().year() == month.getYear())) {
                continue;
            }
            BigDecimal amount = projects.find(code).orElseThrow().totalInvestment().multiply(new BigDecimal("0.002")).max(BigDecimal.ONE)
                    .setScale(2, RoundingMode.HALF_UP);
            taxes.record(code, month.toString(), amount, "区税务局" + month.getYear() + "年" + month.getMonthValue() + "月入库数据", user);
            recorded++;
        }
    }

    /**
     * A project that landed early enough for its first yearly 后评价 to fall in the year shown: no detours, every step
     * on time, an agreement and a payment; the first two of them also carry the corrected verification rules
     * (a 资金到位 missed and lowered by the district's leaders; one accepted as an exception by the department head).
     */
    void landedEarlier(String code, int index) {
        Scenario s = scenarios.get(code);
        s.punctual = true;
        s.returnOnce = false;
        s.environmentAsksMore = false;
        s.industryOpinion = "ENCOURAGED";
        s.veto = null;
        s.meeting = null;
        s.deferred = false;
        s.stallAt = null;
        s.handoff = false;
        s.agreement = true;
        s.signAfterDays = 5;
        s.missMilestone = false;
        s.payment = true;
        s.leaderDeclines = false;
        s.fundingShort = index == 0;
        s.fullPayment = false;
        s.fundingNearly = index == 1;
    }

    /**
     * How the 论证会's member departments vote on a project: mostly 同意; once 补充材料后再议 where the case says so;
     * 环保 voting 不同意 (a veto at the meeting) or a majority against (不予通过) in some cases; a 淘汰类 opinion is
     * the industry department's 不同意 and the meeting follows it, with 环保 and 消防 not against (so no veto).
     */
    Map<String, ReviewMeetingService.VoteInput> meetingVotes(ReviewMeetingService.AgendaItem item, List<String> members) {
        Scenario s = scenarios.get(item.projectCode());
        boolean deferred = s != null && s.deferred && !s.deferredDone;
        if (deferred) {
            s.deferredDone = true;
        }
        boolean eliminated = item.guidance() != null && item.guidance().against();
        String course = deferred ? "DEFER" : s != null && "VETO".equals(s.meeting) ? "VETO"
                : eliminated || s != null && "REJECT".equals(s.meeting) ? "REJECT" : "PASS";
        Map<String, ReviewMeetingService.VoteInput> votes = new HashMap<>();
        for (String department : members) {
            boolean safety = department.equals(GroupIds.HUANBAO) || department.equals(GroupIds.XIAOFANG);
            ReviewMeetingService.VoteInput vote = switch (course) {
                case "DEFER" -> switch (department) {
                    case GroupIds.GONGXIN, GroupIds.HUANBAO -> new ReviewMeetingService.VoteInput("AGREE", null);
                    case GroupIds.SHANGWU -> new ReviewMeetingService.VoteInput("DISAGREE", "投资强度不足，请补充论证");
                    default -> new ReviewMeetingService.VoteInput("ABSTAIN", null);
                };
                case "VETO" -> department.equals(GroupIds.HUANBAO)
                        ? new ReviewMeetingService.VoteInput("DISAGREE", "项目新增排放总量超出区域环境容量")
                        : new ReviewMeetingService.VoteInput("AGREE", null);
                case "REJECT" -> safety ? new ReviewMeetingService.VoteInput("AGREE", null)
                        : new ReviewMeetingService.VoteInput("DISAGREE", !eliminated ? "投资强度和亩均效益低于园区准入标准"
                                : department.equals(item.guidance().department()) ? "产业指导意见为淘汰类，不同意引进" : "同意产业指导部门意见");
                default -> new ReviewMeetingService.VoteInput("AGREE", null);
            };
            votes.put(department, vote);
        }
        return votes;
    }

    // --- timing ---------------------------------------------------------------------------------------------

    /**
     * How long a case that stops at a step may stay open at the end of the history: a district has work stuck for days
     * or weeks, escalated, but nothing for months (issue 23).
     */
    static final Duration LONGEST_STALL = Duration.ofDays(50);

    Plan plan(Task task, Random random, Instant historyEnd) {
        String key = task.getTaskDefinitionKey();
        if (key.equals(ReviewProcess.TASK_MEETING)) {
            return new Plan(null, null); // concluded by the meeting's votes
        }
        Instant created = task.getCreateTime().toInstant();
        Scenario s = scenario(task);
        Instant due = task.getDueDate() != null ? task.getDueDate().toInstant() : calendar.dueAfter(created, 3).toInstant();
        Instant completeAt;
        if (s != null && key.equals(s.stallAt)) {
            s.stallAt = null; // once
            // Stuck: still open today when it came in the last weeks; one that came earlier was taken up again weeks
            // after its due date (reminded and escalated on the way).
            completeAt = Duration.between(created, historyEnd).compareTo(LONGEST_STALL) <= 0 ? null
                    : workingTime(calendar.plusWorkingDays(LocalDate.ofInstant(due, calendar.zone()), 10 + random.nextInt(16)), random);
        } else if (random.nextInt(100) < latePercent(task) && (s == null || !s.punctual)) {
            completeAt = workingTime(calendar.plusWorkingDays(LocalDate.ofInstant(due, calendar.zone()), 1 + random.nextInt(7)), random);
        } else {
            long span = Math.max(Duration.between(created, due).toMinutes(), 60);
            // A report must still pass the head before its day: officers who are on time draft in the first half.
            double latest = key.equals(UnitReportProcess.TASK_DRAFT) ? 0.4 : 0.85;
            completeAt = workingTime(created.plus(Duration.ofMinutes((long) (span * (0.1 + latest * random.nextDouble())))), random);
        }
        Instant claimAt = null;
        if (random.nextInt(100) < 70) {
            Instant until = completeAt != null ? completeAt : due;
            claimAt = created.plus(Duration.ofMinutes((long) (Math.max(Duration.between(created, until).toMinutes(), 1) * (0.05 + 0.5 * random.nextDouble()))));
        }
        return new Plan(claimAt, completeAt);
    }

    /** 环保 is the district's bottleneck; units and leaders are late more often than the departments. */
    private int latePercent(Task task) {
        return switch (task.getTaskDefinitionKey()) {
            case ReviewProcess.TASK_ENVIRONMENT -> 40;
            case ReviewProcess.TASK_FIRE -> 18;
            case KeyProjectLeadProcess.TASK_REPORT, AgreementProcess.TASK_REPORT, ReviewProcess.TASK_CORRECT -> 22;
            case KeyProjectLeadProcess.TASK_ACCEPT, KeyProjectLeadProcess.TASK_APPROVE_PLAN, KeyProjectLeadProcess.TASK_COORDINATE -> 20;
            case HandoffProcess.TASK_FEEDBACK, UnitReportProcess.TASK_DRAFT -> 15;
            default -> 10;
        };
    }

    /** The instant itself when it falls in working hours, else 10:00–16:00 of the next working day. */
    private Instant workingTime(Instant instant, Random random) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, calendar.zone());
        if (calendar.isWorkingDay(local.toLocalDate()) && !local.toLocalTime().isBefore(LocalTime.of(9, 0))
                && local.toLocalTime().isBefore(LocalTime.of(17, 30))) {
            return instant;
        }
        LocalDate day = calendar.isWorkingDay(local.toLocalDate()) && local.toLocalTime().isBefore(LocalTime.of(9, 0)) ? local.toLocalDate()
                : calendar.nextWorkingDay(local.toLocalDate());
        return workingTime(day, random);
    }

    private Instant workingTime(LocalDate day, Random random) {
        return day.atTime(10 + random.nextInt(7), random.nextInt(60)).atZone(calendar.zone()).toInstant();
    }

    // --- who and what ---------------------------------------------------------------------------------------

    /** The person a task is meant for by the case itself (the proposed lead official), or null. */
    String preferredActor(Task task) {
        if (task.getTaskDefinitionKey().equals(KeyProjectLeadProcess.TASK_ACCEPT)) {
            return (String) engine.getTaskService().getVariable(task.getId(), KeyProjectLeadProcess.LEAD_OFFICIAL);
        }
        return null;
    }

    void complete(Task task, String actor, StaffUser user, Random random) {
        Scenario s = scenario(task);
        if (s != null && s.environmentAsksMore && task.getTaskDefinitionKey().equals(ReviewProcess.TASK_ENVIRONMENT)) {
            // 退回补充材料 through the same operation Tasklist's button uses.
            s.environmentAsksMore = false;
            if (task.getAssignee() == null) {
                engine.getTaskService().claim(task.getId(), actor);
            }
            sendBacks.sendBack(task.getId(), DemoProjects.pick(random, List.of("请补充环境影响评价报告及专家评审意见", "请补充污染物排放总量指标来源说明")), user);
            return;
        }
        Map<String, Object> v = variables(task, user, random);
        engine.getIdentityService().setAuthentication(actor, user.groupIds());
        try {
            engine.getTaskService().complete(task.getId(), v);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private Map<String, Object> variables(Task task, StaffUser user, Random random) {
        Scenario s = scenario(task);
        Map<String, Object> v = new HashMap<>();
        String id = task.getId();
        switch (task.getTaskDefinitionKey()) {
            // 项目评审
            case ReviewProcess.TASK_PRECHECK -> {
                if (s != null && s.returnOnce && !s.returned) {
                    s.returned = true;
                    v.put(ReviewProcess.PRECHECK_DECISION, "RETURN");
                    v.put(ReviewProcess.PRECHECK_COMMENT, DemoProjects.pick(random, List.of("缺少投资方营业执照及近两年财务报表", "项目用地需求与说明不一致，请补正",
                            "请补充投资方资信证明")));
                } else {
                    v.put(ReviewProcess.PRECHECK_DECISION, "PASS");
                }
            }
            case ReviewProcess.TASK_CORRECT -> {
                InvestmentProject p = project(task);
                v.put(ReviewProcess.PROJECT_NAME, p.name());
                v.put(ReviewProcess.INVESTOR, p.investor());
                v.put(ReviewProcess.TOTAL_INVESTMENT, p.totalInvestment().doubleValue());
                v.put(ReviewProcess.LAND_AREA, p.landArea().doubleValue());
                v.put(ReviewProcess.PROJECT_DESCRIPTION, p.description() == null ? "已补充材料" : p.description());
                v.put(ReviewProcess.CORRECTION_NOTE, "已按预审意见补充材料");
            }
            case ReviewProcess.TASK_INDUSTRY -> {
                String opinion = s == null ? "ENCOURAGED" : s.industryOpinion;
                v.put(ReviewProcess.INDUSTRY_OPINION, opinion);
                v.put(ReviewProcess.INDUSTRY_NOTE, switch (opinion) {
                    case "ENCOURAGED" -> "属《产业结构调整指导目录》鼓励类，符合区产业链布局";
                    case "PERMITTED" -> "属允许类，建议提高投资强度";
                    case "RESTRICTED" -> "属限制类，须严格控制新增产能并落实能耗替代";
                    default -> "属淘汰类落后工艺，不予支持";
                });
            }
            case ReviewProcess.TASK_ENVIRONMENT -> decision(v, s != null && "environment".equals(s.veto), ReviewProcess.ENVIRONMENT_DECISION,
                    ReviewProcess.ENVIRONMENT_COMMENT, "项目选址位于生态保护红线内，环境容量不足", "须同步建设废气处理设施，执行排污许可", random);
            case ReviewProcess.TASK_FIRE -> decision(v, s != null && "fire".equals(s.veto), ReviewProcess.FIRE_DECISION, ReviewProcess.FIRE_COMMENT,
                    "厂区布局无法满足消防车道和防火间距要求", "按规范设置消防车道，甲类仓库单独设置", random);
            case ReviewProcess.TASK_SUPPLEMENT -> v.put(ReviewProcess.SUPPLEMENT_NOTE, "已补充投资强度测算和亩均税收承诺");
            case ReviewProcess.TASK_SUPPLEMENT_INDUSTRY, ReviewProcess.TASK_SUPPLEMENT_ENVIRONMENT, ReviewProcess.TASK_SUPPLEMENT_FIRE ->
                    v.put(ReviewProcess.ANSWER_NOTE, "已按要求补充材料，详见项目台账附件");
            case ReviewProcess.TASK_GOVERNMENT -> {
                boolean disagree = random.nextInt(100) < 4;
                v.put(ReviewProcess.GOVERNMENT_DECISION, disagree ? "DISAGREE" : "AGREE");
                v.put(ReviewProcess.GOVERNMENT_COMMENT, disagree ? "用地指标紧张，暂缓供地" : "同意按规划条件供地");
            }
            // 五个一
            case KeyProjectLeadProcess.TASK_PROPOSE -> {
                String previous = (String) engine.getTaskService().getVariable(id, KeyProjectLeadProcess.LEAD_OFFICIAL);
                String leader = "wangfang".equals(previous) ? "zhangjun" : previous == null && random.nextBoolean() ? "zhangjun" : "wangfang";
                v.put(KeyProjectLeadProcess.LEAD_OFFICIAL, leader);
                v.put(KeyProjectLeadProcess.LEAD_DEPARTMENT, leadDepartment(project(task).industry()));
                v.put(KeyProjectLeadProcess.PROPOSAL_NOTE, "分管领域对口");
            }
            case KeyProjectLeadProcess.TASK_ACCEPT -> {
                if (s != null && s.leaderDeclines) {
                    s.leaderDeclines = false;
                    v.put(KeyProjectLeadProcess.LEAD_DECISION, "DECLINE");
                    v.put(KeyProjectLeadProcess.DECLINE_REASON, "近期包联项目较多，建议由其他领导牵头");
                } else {
                    v.put(KeyProjectLeadProcess.LEAD_DECISION, "ACCEPT");
                }
            }
            case KeyProjectLeadProcess.TASK_TEAM -> {
                InvestmentProject p = project(task);
                String lead = (String) engine.getTaskService().getVariable(id, KeyProjectLeadProcess.LEAD_DEPARTMENT);
                v.put(KeyProjectLeadProcess.TEAM_DEPARTMENTS, new ArrayList<>(lead.equals(GroupIds.FAGAI) ? List.of(GroupIds.FAGAI)
                        : List.of(lead, GroupIds.FAGAI)));
                v.put(KeyProjectLeadProcess.HOST_CONTACT, officerOf(p.hostUnit()));
                v.put(KeyProjectLeadProcess.HOST_CONTACT_PHONE, "022-2437" + (1000 + random.nextInt(9000)));
            }
            case KeyProjectLeadProcess.TASK_PLAN -> {
                InvestmentProject p = project(task);
                LocalDate today = today();
                v.put(KeyProjectLeadProcess.PLAN_MILESTONES, "完成工商注册｜%s｜%s\n首期资金到位｜区商务局｜%s\n开工建设｜%s｜%s".formatted(
                        directory.unitName(p.hostUnit()), today.plusDays(60), today.plusDays(150), directory.unitName(p.hostUnit()), today.plusDays(240)));
            }
            case KeyProjectLeadProcess.TASK_APPROVE_PLAN -> {
                if (s != null && !s.planReturned && random.nextInt(100) < 10) {
                    s.planReturned = true;
                    v.put(KeyProjectLeadProcess.PLAN_DECISION, "RETURN");
                    v.put(KeyProjectLeadProcess.PLAN_COMMENT, "请细化资金到位节点并明确责任人");
                } else {
                    v.put(KeyProjectLeadProcess.PLAN_DECISION, "APPROVE");
                }
            }
            case KeyProjectLeadProcess.TASK_REPORT -> {
                boolean problem = random.nextInt(100) < 12;
                v.put(KeyProjectLeadProcess.REPORT_PROGRESS, DemoProjects.pick(random, List.of("前期手续办理中，已完成项目备案", "施工图设计已完成，正在办理施工许可",
                        "厂房主体施工进度过半", "设备采购合同已签订", "按推进方案有序推进")));
                v.put(KeyProjectLeadProcess.FUNDS_ARRIVED, (double) (random.nextInt(50) * 100));
                v.put(KeyProjectLeadProcess.NEEDS_COORDINATION, problem);
                if (problem) {
                    v.put(KeyProjectLeadProcess.REPORT_PROBLEMS, DemoProjects.pick(random, List.of("电力增容需协调供电公司", "规划指标调整需区领导协调",
                            "周边道路配套滞后")));
                }
            }
            case KeyProjectLeadProcess.TASK_COORDINATE -> v.put(KeyProjectLeadProcess.RESOLUTION, "已召开专题协调会，明确责任单位和完成时限");
            // 项目统筹流转
            case HandoffProcess.TASK_CHOOSE -> {
                InvestmentProject p = project(task);
                List<String> others = new ArrayList<>(directory.hostUnits().stream().map(OrgUnit::code).filter(u -> !u.equals(p.hostUnit())).toList());
                java.util.Collections.shuffle(others, random);
                List<String> chosen = others.subList(0, 2);
                if (s != null) {
                    s.candidates = List.copyOf(chosen);
                }
                v.put(HandoffProcess.CANDIDATE_UNITS, String.join(",", chosen));
            }
            case HandoffProcess.TASK_FEEDBACK -> {
                String unit = (String) engine.getTaskService().getVariable(id, HandoffProcess.CANDIDATE_UNIT);
                boolean accept = s != null && s.handoffAccepted && !s.candidates.isEmpty() && s.candidates.get(0).equals(unit);
                v.put(HandoffProcess.FEEDBACK_DECISION, accept ? "ACCEPT" : "DECLINE");
                if (!accept) {
                    v.put(HandoffProcess.FEEDBACK_REASON, DemoProjects.pick(random, List.of("本单位暂无符合条件的工业用地", "与本单位主导产业不符", "环境容量已接近上限")));
                }
            }
            case HandoffProcess.TASK_PICK -> {
                long handoff = ((Number) engine.getTaskService().getVariable(id, HandoffProcess.HANDOFF_ID)).longValue();
                v.put(HandoffProcess.HOST_UNIT, handoffRecords.accepted(handoff).get(0));
                v.put(HandoffProcess.HOST_NOTE, "载体条件和产业配套更优");
            }
            case HandoffProcess.TASK_DISTRICT -> {
                if (random.nextBoolean()) {
                    InvestmentProject p = project(task);
                    v.put(HandoffProcess.DISTRICT_DECISION, "NAME_HOST");
                    v.put(HandoffProcess.HOST_UNIT, directory.hostUnits().stream().map(OrgUnit::code).filter(u -> !u.equals(p.originUnit()))
                            .filter(u -> s == null || !s.candidates.contains(u)).findFirst().orElseThrow());
                    v.put(HandoffProcess.HOST_NOTE, "区领导协调落地");
                } else {
                    v.put(HandoffProcess.DISTRICT_DECISION, "PUSH_CITY");
                }
            }
            case HandoffProcess.TASK_CITY -> {
                v.put(HandoffProcess.CITY_RESULT, "LOST");
                v.put(HandoffProcess.LOSS_REASON, "市级协调后投资方选择外省落地");
            }
            // 协议分阶段跟踪
            case AgreementProcess.TASK_REPORT -> {
                AgreementRecords.Milestone m = milestone(task);
                evidence.upload(m.id(), m.title() + "佐证材料.pdf", PDF, null, user);
                BigDecimal actual = m.type() == MilestoneType.FUNDING ? fundingActual(m, s, random) : m.targetValue();
                v.put(AgreementProcess.ACTUAL_VALUE, actual.doubleValue());
                v.put(AgreementProcess.REPORT_TEXT, m.title() + "已完成，附相关证明材料");
            }
            case AgreementProcess.TASK_VERIFY -> {
                // The verifier compares the reported actual with the target (issue 21): below it, 例外达成 or 未达成.
                AgreementRecords.Milestone m = milestone(task);
                boolean miss = s != null && s.missMilestone && !s.missed && m.type() == MilestoneType.CONSTRUCTION;
                if (miss) {
                    s.missed = true;
                }
                boolean reached = m.actualValue() != null && m.actualValue().compareTo(m.targetValue()) >= 0;
                if (!miss && reached) {
                    v.put(AgreementProcess.VERIFICATION, "MET");
                    v.put(AgreementProcess.VERIFICATION_NOTE, "经核验，材料真实有效，实际完成值达到目标");
                } else if (!miss && s != null && s.fundingNearly) {
                    v.put(AgreementProcess.VERIFICATION, "MET_BY_EXCEPTION");
                    v.put(AgreementProcess.VERIFICATION_NOTE, "差额系外汇结汇汇率折算所致，外方已按协议币种足额汇出，银行回单附后");
                } else {
                    v.put(AgreementProcess.VERIFICATION, "MISSED");
                    v.put(AgreementProcess.VERIFICATION_NOTE, m.type() == MilestoneType.CONSTRUCTION ? "现场核查未开工，施工许可尚未取得"
                            : "实际完成值低于协议目标，佐证材料显示到位资金不足");
                }
            }
            case AgreementProcess.TASK_APPROVE_EXCEPTION -> {
                v.put(AgreementProcess.EXCEPTION_DECISION, "APPROVE");
                v.put(AgreementProcess.EXCEPTION_NOTE, "理由充分，佐证材料齐全，同意按达成处理");
            }
            case AgreementProcess.TASK_EXPLAIN -> v.put(AgreementProcess.EXPLANATION, milestone(task).type() == MilestoneType.FUNDING
                    ? "受外方股东出资计划调整影响，首期资金未能全额到位，企业承诺以现有资金完成一期建设"
                    : "施工许可审批延后，企业已完成施工招标，预计两个月内开工");
            case AgreementProcess.TASK_DECIDE -> {
                AgreementRecords.Milestone m = milestone(task);
                if (m.type() == MilestoneType.FUNDING && m.actualValue() != null) {
                    // A lower target is only a proposal: the district's leaders decide it.
                    v.put(AgreementProcess.SHORTFALL_DECISION, "RENEGOTIATE");
                    v.put(AgreementProcess.NEW_TARGET_VALUE, m.actualValue().doubleValue());
                    v.put(AgreementProcess.NEW_DUE_DATE, today().plusDays(45).toString());
                    v.put(AgreementProcess.DECISION_NOTE, "按企业实际出资能力重新协商首期到位资金，报区领导决定");
                } else {
                    v.put(AgreementProcess.SHORTFALL_DECISION, "RESCHEDULE");
                    v.put(AgreementProcess.NEW_DUE_DATE, today().plusDays(60).toString());
                    v.put(AgreementProcess.DECISION_NOTE, "同意调整开工时限，由承载单位加强跟踪");
                }
            }
            case AgreementProcess.TASK_DECIDE_TARGET -> {
                boolean full = s != null && s.fullPayment;
                v.put(AgreementProcess.TARGET_DECISION, "APPROVE");
                v.put(AgreementProcess.PAYMENT_BASIS, full ? "FULL" : "PRO_RATA");
                v.put(AgreementProcess.TARGET_DECISION_NOTE, "区政策资金领导小组%d年第%d次会议研究同意调整%s".formatted(today().getYear(),
                        today().getMonthValue(), full ? "，项目属重大产业链项目，奖励全额兑付" : "，奖励按实际到位比例兑付"));
            }
            case AgreementProcess.TASK_CLOSE -> v.put(AgreementProcess.CLOSE_NOTE, "各履约节点均已达成");
            case AgreementProcess.TASK_REVIEW_PAYMENT -> {
                v.put(AgreementProcess.PAYMENT_DECISION, "APPROVE");
                v.put(AgreementProcess.PAYMENT_NOTE, "符合协议约定");
            }
            case AgreementProcess.TASK_EVALUATE -> {
                // Around the agreement's targets: most reach them, some fall short enough to be flagged.
                List<AgreementRecords.Milestone> targets = agreementRecords.milestones(
                        ((Number) engine.getTaskService().getVariable(id, AgreementProcess.AGREEMENT_ID)).longValue());
                v.put(AgreementProcess.FIXED_ASSET_INVESTMENT, figure(targets, MilestoneType.FIXED_ASSET_INVESTMENT, 1000 + random.nextInt(9000), random));
                v.put(AgreementProcess.JOBS, figure(targets, MilestoneType.ANNUAL_JOBS, 50 + random.nextInt(300), random).intValue());
                v.put(AgreementProcess.OUTPUT_VALUE, figure(targets, MilestoneType.ANNUAL_OUTPUT, 2000 + random.nextInt(20000), random));
                v.put(AgreementProcess.TAX, figure(targets, MilestoneType.ANNUAL_TAX, 100 + random.nextInt(900), random));
                v.put(AgreementProcess.EVALUATION_NOTE, "按年度统计数据填报");
            }
            case AgreementProcess.TASK_RECOVER -> {
                v.put(AgreementProcess.RECOVERED_AMOUNT, 0);
                v.put(AgreementProcess.RECOVERY_NOTE, "已发催缴通知");
            }
            // 单位报送: the officer completes what the ledger filled in; heads and 合作交流办 send a few back.
            case UnitReportProcess.TASK_DRAFT -> reportDraft(id, random, v);
            case UnitReportProcess.TASK_APPROVE -> {
                boolean back = random.nextInt(100) < 6;
                v.put(UnitReportProcess.APPROVAL_DECISION, back ? "RETURN" : "APPROVE");
                v.put(UnitReportProcess.APPROVAL_NOTE, back ? DemoProjects.pick(random, List.of("请补充重点项目服务事项的责任人和时限",
                        "在谈项目进展写得过简，请补充下一步计划")) : "同意报送");
            }
            case UnitReportProcess.TASK_RECEIVE -> {
                boolean back = random.nextInt(100) < 3;
                v.put(UnitReportProcess.RECEIPT_DECISION, back ? "RETURN" : "RECEIVE");
                if (back) {
                    v.put(UnitReportProcess.RECEIPT_NOTE, "跟踪反馈单缺少下一步工作安排，请补正后重新报送");
                }
            }
            // 月通报 / 季检查
            case BriefingProcess.TASK_REVIEW -> v.put(BriefingProcess.BRIEFING_COMMENT, "请各单位对照年度目标查找差距，加快在谈项目转化");
            case BriefingProcess.TASK_INTERVIEW -> {
                v.put(BriefingProcess.INTERVIEW_DATE, today().toString());
                v.put(BriefingProcess.ATTENDEES, "区领导、区合作交流办、被约谈单位主要负责同志");
                v.put(BriefingProcess.MEASURES, "建立在谈项目周调度机制，逐项明确签约时限");
            }
            case BriefingProcess.TASK_CHECK -> {
                v.put(BriefingProcess.CHECK_RESULT, random.nextInt(100) < 80 ? "DONE" : "NOT_DONE");
                v.put(BriefingProcess.CHECK_NOTE, "现场检查项目储备库和周调度记录");
            }
            default -> {
            }
        }
        return v;
    }

    /** An officer's report: the ledger's prefilled lines completed, the rest in a district's usual words. */
    private void reportDraft(String taskId, Random random, Map<String, Object> v) {
        String kind = String.valueOf(engine.getTaskService().getVariable(taskId, UnitReportProcess.REPORT_KIND));
        java.util.function.Function<String, String> prefilled = key -> {
            Object value = engine.getTaskService().getVariable(taskId, key);
            return value == null ? "" : value.toString().replace("——", "已落实");
        };
        switch (kind) {
            case "WEEKLY" -> {
                v.put(UnitReportProcess.WEEKLY_NEWS, DemoProjects.pick(random, List.of("本周接待客商%d批，赴外地走访企业%d家".formatted(1 + random.nextInt(4),
                        random.nextInt(3)), "本周对接在谈项目%d个，完成项目资料预审".formatted(1 + random.nextInt(5)), "本周参加区招商推介会，收集项目线索%d条"
                        .formatted(1 + random.nextInt(6)))));
                v.put(UnitReportProcess.NEXT_WEEK_PLAN, "跟进在谈项目，准备项目论证会材料");
            }
            case "MONTHLY" -> {
                v.put(UnitReportProcess.SITUATION_NOTE, "本月重点项目按计划推进，用地和环评事项正在协调");
                String tracking = prefilled.apply(UnitReportProcess.TRACKING_FEEDBACK);
                v.put(UnitReportProcess.TRACKING_FEEDBACK, tracking.isBlank() ? "本月新收集招商信息2条，正在核实投资意向" : tracking);
                String services = prefilled.apply(UnitReportProcess.SERVICE_LIST);
                v.put(UnitReportProcess.SERVICE_LIST, services.isBlank() ? "走访辖区重点企业，宣讲招商政策" : services);
            }
            case "QUARTERLY" -> v.put(UnitReportProcess.QUARTER_REPORT, prefilled.apply(UnitReportProcess.QUARTER_REPORT)
                    .replace("主要工作：", "主要工作：围绕主导产业开展精准招商，组织外出招商%d次。".formatted(2 + random.nextInt(5)))
                    .replace("存在问题：", "存在问题：项目落地用地指标紧张。").replace("下季度打算：", "下季度打算：加快在谈项目签约。"));
            default -> {
                v.put(UnitReportProcess.ANNUAL_SUMMARY, prefilled.apply(UnitReportProcess.ANNUAL_SUMMARY)
                        .replace("主要做法和成效：", "主要做法和成效：坚持产业链招商和以商招商。").replace("存在问题：", "存在问题：大项目储备不足。"));
                v.put(UnitReportProcess.NEXT_YEAR_PLAN, "围绕主导产业链储备一批、签约一批、落地一批，确保完成年度目标任务");
            }
        }
    }

    /** 资金到位 as reported: the (changed) target once the leaders lowered it; short, nearly or fully reached otherwise. */
    private static BigDecimal fundingActual(AgreementRecords.Milestone m, Scenario s, Random random) {
        if (m.status() == MilestoneStatus.ADJUSTED) {
            return m.targetValue();
        }
        double share = s != null && s.fundingShort ? 0.72 + 0.14 * random.nextDouble()
                : s != null && s.fundingNearly ? 0.96 + 0.03 * random.nextDouble() : 1.0 + 0.1 * random.nextDouble();
        BigDecimal actual = m.targetValue().multiply(BigDecimal.valueOf(share)).setScale(0, RoundingMode.DOWN);
        return share < 1 ? actual.min(m.targetValue().subtract(BigDecimal.ONE)) : actual.max(m.targetValue());
    }

    /** A post-evaluation figure: 62–125% of the agreement's target of that kind, else the fallback. */
    private static Double figure(List<AgreementRecords.Milestone> milestones, MilestoneType type, int fallback, Random random) {
        return milestones.stream().filter(m -> m.type() == type).findFirst()
                .map(m -> m.targetValue().multiply(BigDecimal.valueOf(0.62 + 0.63 * random.nextDouble())).setScale(0, RoundingMode.HALF_UP)
                        .doubleValue())
                .orElse((double) fallback);
    }

    private static void decision(Map<String, Object> v, boolean veto, String decisionKey, String commentKey, String vetoReason, String condition,
            Random random) {
        if (veto) {
            v.put(decisionKey, "VETO");
            v.put(commentKey, vetoReason);
        } else if (random.nextInt(100) < 25) {
            v.put(decisionKey, "AGREE_WITH_CONDITIONS");
            v.put(commentKey, condition);
        } else {
            v.put(decisionKey, "AGREE");
        }
    }

    // --- actions of the case outside tasks ------------------------------------------------------------------

    /** The seeded cases in a stage where {@link #followUp} may act (one query a day). */
    List<String> needingFollowUp(java.util.Set<String> codes) {
        return jdbc.sql("SELECT code, stage FROM investment_project WHERE stage IN ('APPROVED', 'REGISTERED', 'FUNDED', 'CONSTRUCTION') ORDER BY code")
                .query((rs, n) -> {
                    String code = rs.getString("code");
                    Scenario s = codes.contains(code) ? scenarios.get(code) : null;
                    boolean funded = !"APPROVED".equals(rs.getString("stage")) && !"REGISTERED".equals(rs.getString("stage"));
                    boolean acts = s != null && ((s.handoff && !s.handoffPushed) || (s.agreement && !s.agreementRegistered)
                            || (s.payment && !s.paymentRequested) || (funded && s.agreementRegistered && !s.fundingPaymentRequested));
                    return acts ? code : null;
                }).list().stream().filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Once a day: an approved project may be pushed to the district platform (the host unit cannot host
     * it), or gets its agreement signed; a landed project may request its 落地奖励.
     */
    void followUp(String code, Random random, java.util.function.Function<String, StaffUser> staff) {
        Scenario s = scenarios.get(code);
        InvestmentProject p = projects.find(code).orElse(null);
        if (s == null || p == null) {
            return;
        }
        LocalDate today = today();
        if (p.stage() == ProjectStage.APPROVED) {
            if (s.approvedOn == null) {
                s.approvedOn = today;
            }
            if (s.handoff && !s.handoffPushed && !today.isBefore(s.approvedOn.plusDays(3))) {
                s.handoffPushed = true;
                boolean department = directory.findUnit(p.hostUnit()).map(u -> u.kind() == org.zhaoshang.identity.OrgUnitKind.DEPARTMENT).orElse(false);
                handoffs.request(code, department ? "OTHER" : "LAND", department ? "行业部门对接的项目，本部门不是承载载体，推送至街道、园区承接"
                        : "本单位暂无可用工业用地，无法满足项目用地需求", staff.apply(officerOf(p.hostUnit())));
                return;
            }
            if (s.agreement && !s.agreementRegistered && !handoffRecords.hasOpen(code) && !today.isBefore(s.approvedOn.plusDays(s.signAfterDays))) {
                s.agreementRegistered = true;
                agreements.register(code, agreement(p, today, random), staff.apply("huangtao"));
            }
        }
        if (s.payment && !s.paymentRequested && p.stage() != ProjectStage.APPROVED) {
            for (AgreementRecords.Agreement a : agreementRecords.agreementsOf(code)) {
                if (!a.active()) {
                    continue;
                }
                AgreementRecords.Incentive landing = agreementRecords.incentives(a.id()).get(0);
                boolean unlocked = agreementRecords.milestones(a.id()).stream().filter(m -> landing.milestoneIds().contains(m.id()))
                        .allMatch(m -> m.status() == MilestoneStatus.MET);
                if (unlocked) {
                    s.paymentRequested = true;
                    payments.request(a.id(), landing.id(), landing.cap().multiply(new BigDecimal("0.6")).setScale(0, RoundingMode.HALF_UP),
                            "企业按协议申请落地奖励", staff.apply("huangtao"));
                }
            }
        }
        if (s.agreementRegistered && !s.fundingPaymentRequested && (p.stage() == ProjectStage.FUNDED || p.stage() == ProjectStage.CONSTRUCTION)) {
            requestFundingIncentive(code, s, staff);
        }
    }

    /**
     * 资金到位奖励 once 资金到位 is verified: the amount the rules allow — the cap, or its pro-rata share when the
     * milestone was met below the signed target (a target the leaders lowered, an exception the head accepted).
     */
    private void requestFundingIncentive(String code, Scenario s, java.util.function.Function<String, StaffUser> staff) {
        for (AgreementRecords.Agreement a : agreementRecords.agreementsOf(code)) {
            AgreementRecords.Incentive funding = agreementRecords.incentives(a.id()).stream().filter(i -> i.name().equals(FUNDING_INCENTIVE))
                    .findFirst().orElse(null);
            if (!a.active() || funding == null || !funding.milestoneIds().stream().map(agreementRecords::milestone)
                    .allMatch(m -> m.status() == MilestoneStatus.MET)) {
                continue;
            }
            s.fundingPaymentRequested = true;
            PaymentRules.ProRata share = payments.payable(funding);
            payments.request(a.id(), funding.id(), share.payable(), share.reduced() ? "按完成比例 " + share.percent() + " 申请资金到位奖励"
                    : "企业按协议申请资金到位奖励", staff.apply("huangtao"));
        }
    }

    private AgreementRegistration agreement(InvestmentProject p, LocalDate today, Random random) {
        BigDecimal total = p.totalInvestment();
        BigDecimal funding = total.multiply(new BigDecimal("0.4")).setScale(0, RoundingMode.HALF_UP);
        List<AgreementRegistration.MilestonePlan> milestones = List.of(
                milestone(MilestoneType.REGISTRATION, "完成工商注册", BigDecimal.ONE, today.plusDays(30 + random.nextInt(30))),
                milestone(MilestoneType.FUNDING, "首期资金到位", funding, today.plusDays(90 + random.nextInt(60))),
                milestone(MilestoneType.CONSTRUCTION, "项目开工建设", BigDecimal.ONE, today.plusDays(150 + random.nextInt(60))),
                milestone(MilestoneType.OPERATION, "项目建成投产", BigDecimal.ONE, today.plusDays(300 + random.nextInt(120))),
                // Yearly targets the five-year 后评价 compares with (policy 001: 固投、就业、产值、税收).
                milestone(MilestoneType.FIXED_ASSET_INVESTMENT, "固定资产投资", total.multiply(new BigDecimal("0.6")).setScale(0, RoundingMode.HALF_UP),
                        today.plusDays(720)),
                milestone(MilestoneType.ANNUAL_TAX, "达产后年度税收", total.multiply(new BigDecimal("0.03")).max(BigDecimal.TEN).setScale(0, RoundingMode.HALF_UP),
                        today.plusDays(1080)));
        BigDecimal landingCap = total.multiply(new BigDecimal("0.01")).max(BigDecimal.TEN).min(new BigDecimal("300")).setScale(0, RoundingMode.HALF_UP);
        List<AgreementRegistration.IncentivePlan> incentives = List.of(new AgreementRegistration.IncentivePlan("落地奖励", landingCap, List.of(1)),
                new AgreementRegistration.IncentivePlan(FUNDING_INCENTIVE, landingCap, List.of(2)),
                new AgreementRegistration.IncentivePlan("投产奖励", landingCap.multiply(BigDecimal.valueOf(2)), List.of(4)));
        return new AgreementRegistration("XY-" + p.code().substring(3), today, "东丽区人民政府；" + p.investor(), total, milestones, incentives);
    }

    private static AgreementRegistration.MilestonePlan milestone(MilestoneType type, String title, BigDecimal target, LocalDate due) {
        return new AgreementRegistration.MilestonePlan(type.name(), title, target, null, due, null, null);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static String leadDepartment(Industry industry) {
        return switch (industry) {
            case SMART_MANUFACTURING, NEW_GENERATION_IT -> GroupIds.GONGXIN;
            case NEW_ENERGY_MATERIALS, BIOMEDICINE -> GroupIds.KEJI; // as in industry-department.dmn
            case AGRI_CULTURE_TOURISM -> GroupIds.NONGYE;
            default -> GroupIds.SHANGWU;
        };
    }

    /** The unit's 招商专员 (its first member who is not its head). */
    String officerOf(String unit) {
        String head = directory.findUnit(unit).map(OrgUnit::headUserId).orElse(null);
        return engine.getIdentityService().createUserQuery().memberOfGroup(unit).unlimitedList().stream().map(u -> u.getId()).sorted()
                .filter(u -> !u.equals(head)).findFirst().orElse(head);
    }

    private Scenario scenario(Task task) {
        String key = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult()
                .getBusinessKey();
        return key == null ? null : scenarios.get(key);
    }

    private InvestmentProject project(Task task) {
        return projects.find(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult().getBusinessKey()).orElseThrow();
    }

    private AgreementRecords.Milestone milestone(Task task) {
        return agreementRecords.milestone(((Number) engine.getTaskService().getVariable(task.getId(), AgreementProcess.MILESTONE_ID)).longValue());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(calendar.now(), calendar.zone());
    }
}
