package org.zhaoshang.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.zhaoshang.identity.GroupIds;
import org.zhaoshang.identity.PersonNames;
import org.zhaoshang.notification.MailOutbox;
import org.zhaoshang.notification.MailTemplates;
import org.zhaoshang.notification.OutgoingMail;

/**
 * Warns administrators of a year without holiday data: from {@code app.calendar.warn-days-before} (60) days
 * before it starts, and of course while it runs. In the app ({@code @holidayWarnings.notice()} on the home
 * and holiday pages) and by one mail per year and administrator through the outbox, whose idempotency key
 * ({@code holiday-data-missing:<year>:<user>}) keeps it to one however many nodes check and however often
 * they restart. Checked daily ({@code app.calendar.data-check-cron}) and at start-up.
 */
@Component("holidayWarnings")
public class HolidayDataWarnings {

    /** A year without data: {@code daysLeft} until it starts (0 or less: it has started). */
    public record MissingYear(int year, long daysLeft) {

        public boolean started() {
            return daysLeft <= 0;
        }
    }

    static final String MAIL_KEY = "holiday-data-missing:%d:%s";

    private static final Logger log = LoggerFactory.getLogger(HolidayDataWarnings.class);

    private final WorkingDayCalendar calendar;
    private final CalendarProperties properties;
    private final Clock clock;
    private final IdentityService identityService;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final TransactionTemplate transaction;
    private final String baseUrl;

    HolidayDataWarnings(WorkingDayCalendar calendar, CalendarProperties properties, Clock clock, IdentityService identityService,
            MailOutbox outbox, MailTemplates templates, PlatformTransactionManager transactions, @Value("${app.base-url}") String baseUrl) {
        this.calendar = calendar;
        this.properties = properties;
        this.clock = clock;
        this.identityService = identityService;
        this.outbox = outbox;
        this.templates = templates;
        this.transaction = new TransactionTemplate(transactions);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** This year if it has no data, and next year if it has none and starts within {@code daysBefore} days. */
    static List<MissingYear> missing(LocalDate today, IntPredicate hasData, int daysBefore) {
        List<MissingYear> missing = new ArrayList<>();
        for (int year = today.getYear(); year <= today.getYear() + 1; year++) {
            long daysLeft = ChronoUnit.DAYS.between(today, LocalDate.of(year, 1, 1));
            if (!hasData.test(year) && daysLeft <= daysBefore) {
                missing.add(new MissingYear(year, daysLeft));
            }
        }
        return missing;
    }

    public List<MissingYear> missing() {
        return missing(LocalDate.now(clock), calendar::hasDataFor, properties.warnDaysBefore());
    }

    /** The administrators' notice (Chinese), or null when every year that matters has data. No database query. */
    public String notice() {
        List<String> parts = missing().stream().map(m -> m.started()
                ? m.year() + " 年的法定节假日与调休安排缺失，当前到期时间、提醒与督办日期按周一至周五计算"
                : m.year() + " 年的法定节假日与调休安排尚未录入（还有 " + m.daysLeft() + " 天），届时到期时间将按周一至周五计算").toList();
        return parts.isEmpty() ? null : String.join("；", parts) + "。国务院办公厅通知发布后，请在“节假日安排”页面录入。";
    }

    @Scheduled(cron = "${app.calendar.data-check-cron:0 0 8 * * *}", zone = "${app.time-zone:Asia/Shanghai}")
    void daily() {
        mailAdministratorsSafely();
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        mailAdministratorsSafely();
    }

    private void mailAdministratorsSafely() {
        try {
            mailAdministrators();
        } catch (RuntimeException e) {
            // A warning must never stop the start or the scheduler; the next check tries again.
            log.warn("Could not check for missing holiday data: {}", e.toString());
        }
    }

    /** Puts one mail per missing year into the outbox for each administrator with an address; returns how many were new. */
    public int mailAdministrators() {
        List<MissingYear> missing = missing();
        if (missing.isEmpty()) {
            return 0;
        }
        List<User> administrators = identityService.createUserQuery().memberOfGroup(GroupIds.ADMIN).unlimitedList().stream()
                .filter(u -> u.getEmail() != null && !u.getEmail().isBlank()).toList();
        if (administrators.isEmpty()) {
            log.warn("No holiday data for {} and no administrator with an e-mail address to tell", missing.stream().map(MissingYear::year).toList());
        }
        int added = 0;
        for (MissingYear year : missing) {
            for (User administrator : administrators) {
                if (enqueue(year, administrator)) {
                    added++;
                }
            }
        }
        if (added > 0) {
            log.warn("No holiday data for {}: {} mail(s) to administrators put into the outbox", missing.stream().map(MissingYear::year).toList(), added);
        }
        return added;
    }

    /** Each mail in its own transaction: a twin written by another node at the same moment only costs this one mail. */
    private boolean enqueue(MissingYear year, User administrator) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("name", PersonNames.of(administrator));
        variables.put("year", year.year());
        variables.put("started", year.started());
        variables.put("daysLeft", year.daysLeft());
        variables.put("refreshSeconds", properties.refreshInterval().toSeconds());
        variables.put("link", baseUrl + "/admin/holidays/" + year.year());
        MailTemplates.Rendered mail = templates.render("holiday-data-missing", variables);
        OutgoingMail outgoing = new OutgoingMail(MAIL_KEY.formatted(year.year(), administrator.getId()), administrator.getId(),
                administrator.getEmail(), mail.subject(), mail.body(), null, null, null, null);
        try {
            return Boolean.TRUE.equals(transaction.execute(status -> outbox.enqueue(outgoing)));
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
