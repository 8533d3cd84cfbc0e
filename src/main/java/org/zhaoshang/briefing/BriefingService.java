package org.zhaoshang.briefing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.identity.OrgUnit;
import org.zhaoshang.identity.PersonNames;
import org.zhaoshang.notification.MailOutbox;
import org.zhaoshang.notification.MailTemplates;
import org.zhaoshang.notification.OutgoingMail;

/**
 * 月通报: assembles the ranking for the previous month — the streets and parks, and apart from them the
 * departments with targets for the year — and after a quarter's last month the quarter's, after June and
 * December the half-year's, after December the year's; decides who is interviewed (约谈, {@link InterviewRule});
 * publishes it and mails it to the district leaders and the ranked units.
 */
@Service
public class BriefingService {

    public static final String MONTH = "MONTH";
    static final String QUARTER = "QUARTER";
    static final String HALF = "HALF";
    static final String YEAR = "YEAR";

    private final BriefingRecords records;
    private final BriefingFiguresQuery figures;
    private final BriefingProperties properties;
    private final OrgDirectory directory;
    private final IdentityService identityService;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final String baseUrl;

    BriefingService(BriefingRecords records, BriefingFiguresQuery figures, BriefingProperties properties, OrgDirectory directory,
            IdentityService identityService, MailOutbox outbox, MailTemplates templates, @Value("${app.base-url}") String baseUrl) {
        this.records = records;
        this.figures = figures;
        this.properties = properties;
        this.directory = directory;
        this.identityService = identityService;
        this.outbox = outbox;
        this.templates = templates;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The briefing of the month before {@code today}; assembled once (a repeated call returns the same). */
    @Transactional
    public long assemble(LocalDate today, String processInstanceId) {
        YearMonth month = YearMonth.from(today).minusMonths(1);
        String label = month.toString();
        var existing = records.findByLabel(label);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        boolean quarterEnd = month.getMonthValue() % 3 == 0;
        String quarterLabel = quarterEnd ? "%d-Q%d".formatted(month.getYear(), month.getMonthValue() / 3) : null;
        long id = records.insert(label, month.atDay(1), month.atEndOfMonth(), quarterLabel, processInstanceId);
        var targets = records.targets(month.getYear());
        Map<BriefingGroup, List<String>> groups = new EnumMap<>(BriefingGroup.class);
        groups.put(BriefingGroup.AREA, directory.hostUnits().stream().map(OrgUnit::code).toList());
        // Departments are ranked once 合作交流办 has given them targets for the year (policy 004: 明确…部门招商引资目标任务).
        groups.put(BriefingGroup.DEPARTMENT, directory.investmentDepartments().stream().map(OrgUnit::code)
                .filter(code -> targets.getOrDefault(code, Map.of()).values().stream().anyMatch(t -> t.signum() > 0)).toList());
        List<String> units = groups.values().stream().flatMap(List::stream).toList();
        List<InterviewRule.Ranking> rankings = new ArrayList<>();
        for (Map.Entry<String, Integer> scope : scopes(month).entrySet()) {
            int months = scope.getValue();
            Map<String, UnitFigures> byUnit = new HashMap<>();
            figures.figures(units, month.minusMonths(months - 1L).atDay(1), month.atEndOfMonth()).forEach(f -> byUnit.put(f.unit(), f));
            for (Map.Entry<BriefingGroup, List<String>> group : groups.entrySet()) {
                if (group.getValue().isEmpty()) {
                    continue;
                }
                List<UnitFigures.Ranked> ranked = BriefingScore.rank(group.getValue().stream().map(byUnit::get).toList(), targets, months);
                records.insertRows(id, scope.getKey(), group.getKey(), ranked);
                rankings.add(new InterviewRule.Ranking(scope.getKey(), group.getKey(), ranked));
            }
        }
        records.insertReasons(id, InterviewRule.reasons(month, rankings, targets, properties.targetMissMetrics()));
        return id;
    }

    /** The rankings of a briefing ending with {@code month} and their length in months. */
    static Map<String, Integer> scopes(YearMonth month) {
        Map<String, Integer> scopes = new LinkedHashMap<>();
        scopes.put(MONTH, 1);
        if (month.getMonthValue() % 3 == 0) {
            scopes.put(QUARTER, 3);
        }
        if (month.getMonthValue() % 6 == 0) {
            scopes.put(HALF, 6);
        }
        if (month.getMonthValue() == 12) {
            scopes.put(YEAR, 12);
        }
        return scopes;
    }

    /** The units to interview (约谈) after the briefing, each once whatever the number of reasons (by unit code). */
    public List<String> interviewUnits(long briefingId) {
        return List.copyOf(records.reasons(briefingId).keySet());
    }

    /** Publishes and mails the briefing to the district leaders and to every member of the units (once per person). */
    @Transactional
    public void publish(long briefingId, String comment, String user) {
        BriefingRecords.Briefing briefing = records.find(briefingId).orElseThrow();
        records.publish(briefingId, comment, user);
        String top = records.rows(briefingId, MONTH, BriefingGroup.AREA).stream().limit(3).map(r -> directory.unitName(r.unit()))
                .collect(Collectors.joining("、"));
        List<String> interviewed = interviewUnits(briefingId).stream().map(directory::unitName).toList();
        Map<String, User> to = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>(List.of(GroupIds.LEADER));
        // Everyone ranked: the streets and parks, and the departments of this briefing's department ranking.
        records.rows(briefingId, MONTH).forEach(row -> groups.add(row.unit()));
        for (String group : groups) {
            identityService.createUserQuery().memberOfGroup(group).unlimitedList().forEach(u -> to.putIfAbsent(u.getId(), u));
        }
        for (User person : to.values()) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("name", PersonNames.of(person));
            variables.put("label", label(briefing));
            variables.put("quarter", briefing.quarterLabel());
            variables.put("comment", comment);
            variables.put("top", top);
            variables.put("interviewed", interviewed.isEmpty() ? null : String.join("、", interviewed));
            variables.put("link", baseUrl + "/briefings/" + briefingId);
            MailTemplates.Rendered mail = templates.render("briefing-published", variables);
            outbox.enqueue(new OutgoingMail("briefing:%d:%s".formatted(briefingId, person.getId()), person.getId(), person.getEmail(),
                    mail.subject(), mail.body(), null, briefing.processInstanceId(), null, null));
        }
    }

    /** e.g. "2026年11月" */
    static String label(BriefingRecords.Briefing briefing) {
        return briefing.periodStart().getYear() + "年" + briefing.periodStart().getMonthValue() + "月";
    }
}
