package org.zhaoshang.briefing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
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
 * 月通报: assembles the ranking of the streets and parks for the previous month (and, after a quarter's
 * last month, for the quarter), publishes it and mails it to the district leaders and the units.
 */
@Service
public class BriefingService {

    static final String MONTH = "MONTH";
    static final String QUARTER = "QUARTER";
    static final String HALF = "HALF";

    private final BriefingRecords records;
    private final BriefingFiguresQuery figures;
    private final OrgDirectory directory;
    private final IdentityService identityService;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final String baseUrl;

    BriefingService(BriefingRecords records, BriefingFiguresQuery figures, OrgDirectory directory, IdentityService identityService,
            MailOutbox outbox, MailTemplates templates, @Value("${app.base-url}") String baseUrl) {
        this.records = records;
        this.figures = figures;
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
        List<String> units = directory.hostUnits().stream().map(OrgUnit::code).toList();
        var targets = records.targets(month.getYear());
        records.insertRows(id, MONTH, BriefingScore.rank(figures.figures(units, month.atDay(1), month.atEndOfMonth()), targets, 1));
        if (quarterEnd) {
            LocalDate quarterStart = month.minusMonths(2).atDay(1);
            records.insertRows(id, QUARTER, BriefingScore.rank(figures.figures(units, quarterStart, month.atEndOfMonth()), targets, 3));
        }
        if (month.getMonthValue() % 6 == 0) {
            LocalDate halfStart = month.minusMonths(5).atDay(1);
            records.insertRows(id, HALF, BriefingScore.rank(figures.figures(units, halfStart, month.atEndOfMonth()), targets, 6));
        }
        return id;
    }

    /**
     * The units to interview (约谈): the last three of the quarter's ranking, or at the half-year's end of the
     * half-year's (半年考核, policies 000 and 003); none for a month that does not end a quarter.
     */
    public List<String> bottomThree(long briefingId) {
        BriefingRecords.Briefing briefing = records.find(briefingId).orElseThrow();
        List<BriefingRecords.Row> rows = records.rows(briefingId, briefing.interviewScope());
        return rows.subList(Math.max(0, rows.size() - 3), rows.size()).stream().map(BriefingRecords.Row::unit).toList();
    }

    /** Publishes and mails the briefing to the district leaders and to every member of the units (once per person). */
    @Transactional
    public void publish(long briefingId, String comment, String user) {
        BriefingRecords.Briefing briefing = records.find(briefingId).orElseThrow();
        records.publish(briefingId, comment, user);
        String top = records.rows(briefingId, MONTH).stream().limit(3).map(r -> directory.unitName(r.unit())).collect(Collectors.joining("、"));
        Map<String, User> to = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>(List.of(GroupIds.LEADER));
        directory.hostUnits().forEach(unit -> groups.add(unit.code()));
        for (String group : groups) {
            identityService.createUserQuery().memberOfGroup(group).unlimitedList().forEach(u -> to.putIfAbsent(u.getId(), u));
        }
        for (User person : to.values()) {
            if (person.getEmail() == null || person.getEmail().isBlank()) {
                continue;
            }
            Map<String, Object> variables = new HashMap<>();
            variables.put("name", PersonNames.of(person));
            variables.put("label", label(briefing));
            variables.put("quarter", briefing.quarterLabel());
            variables.put("comment", comment);
            variables.put("top", top);
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
