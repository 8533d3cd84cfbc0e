package org.zhaoshang.notification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.HashMap;
import java.util.ArrayList;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox after commit: claims each due mail (one node wins), sends it outside any
 * transaction, records the result. A mail server that is down only delays mail: the attempt is
 * counted and retried with a doubling wait; nothing a person does waits for it.
 */
@Component
public class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 50;

    private final MailOutbox outbox;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final MailProperties properties;
    private final TransactionTemplate transaction;
    private final List<ChannelSender> channels;
    private final ChannelPacer pacer;

    OutboxDispatcher(MailOutbox outbox, ObjectProvider<JavaMailSender> mailSender, MailProperties properties,
            PlatformTransactionManager transactionManager, List<ChannelSender> channels, ChannelPacer pacer) {
        this.outbox = outbox;
        this.mailSender = mailSender;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactionManager);
        this.channels = List.copyOf(channels);
        this.pacer = pacer;
    }

    /**
     * Each run drains what is due, batch after batch, until a batch sends nothing. One batch per run capped a
     * node at 50 mails per interval: the load benchmark's 3,000 reminder mails (1,000 timers in one minute)
     * took up to 32 s after their due time at a 2 s interval, and would have taken minutes at 15 s.
     */
    @Scheduled(fixedDelayString = "${app.mail.dispatch-interval:PT15S}", initialDelayString = "PT10S")
    void scheduled() {
        if (properties.dispatchEnabled()) {
            while (dispatchDue() > 0) {
                // the next batch
            }
        }
    }

    /** The other channels on their own schedule (and scheduler thread): a slow mail server does not hold back a robot or an SMS. */
    @Scheduled(fixedDelayString = "${app.mail.dispatch-interval:PT15S}", initialDelayString = "PT11S")
    void scheduledChannels() {
        if (properties.dispatchEnabled()) {
            drainChannels();
        }
    }

    /** Rounds of {@link #dispatchChannels} until one sends nothing (every target's allowance spent or nothing due); the rows sent. */
    public int drainChannels() {
        int sent = 0;
        for (int round = dispatchChannels(); round > 0; round = dispatchChannels()) {
            sent += round;
        }
        return sent;
    }

    /**
     * One round over the other channels: for every target (a unit's robot, a mobile) with due rows, one message when
     * its rate allowance grants one, carrying as many of its rows as fit. Returns how many rows were sent. A target
     * whose allowance is spent waits for its next window; a target its channel cannot reach now (robot removed, no
     * SMS gateway) keeps its rows as HELD for an administrator.
     */
    public int dispatchChannels() {
        transaction.executeWithoutResult(status -> outbox.releaseStale(properties.sendingTimeout()));
        int sent = 0;
        for (ChannelSender sender : channels) {
            for (String target : transaction.execute(status -> outbox.dueTargets(sender.channel(), BATCH))) {
                sent += dispatchTarget(sender, target);
            }
        }
        return sent;
    }

    private int dispatchTarget(ChannelSender sender, String target) {
        Channel channel = sender.channel();
        String unavailable = sender.unavailable(target);
        if (unavailable != null) {
            for (long id : transaction.execute(status -> outbox.dueIds(channel, target, BATCH))) {
                if (Boolean.TRUE.equals(transaction.execute(status -> outbox.claim(id)))) {
                    transaction.executeWithoutResult(status -> outbox.markHeld(id, unavailable));
                }
            }
            return 0;
        }
        String paceKey = channel + ":" + target;
        if (!pacer.acquire(paceKey, sender.perWindow(), sender.window())) {
            transaction.executeWithoutResult(status -> outbox.defer(channel, target, pacer.windowEnd(paceKey, sender.window())));
            return 0;
        }
        List<OutboxMail> claimed = new ArrayList<>();
        for (long id : transaction.execute(status -> outbox.dueIds(channel, target, sender.maxItems()))) {
            if (Boolean.TRUE.equals(transaction.execute(status -> outbox.claim(id)))) {
                claimed.add(outbox.find(id).orElseThrow());
            }
        }
        if (claimed.isEmpty()) {
            return 0;
        }
        int fitting = Math.max(1, Math.min(sender.fitting(claimed), claimed.size()));
        List<OutboxMail> message = claimed.subList(0, fitting);
        claimed.subList(fitting, claimed.size()).forEach(rest -> transaction.executeWithoutResult(status -> outbox.unclaim(rest.id())));
        Delivery delivery = sender.send(target, message);
        switch (delivery.outcome()) {
            case SENT -> message.forEach(row -> transaction.executeWithoutResult(status -> outbox.markSent(row.id())));
            case PERMANENT -> {
                // Logged without the target's key or address beyond the unit / the mobile's last digits.
                log.warn("{} message to {} refused for good ({} notices): {}", channel, shown(channel, target), message.size(), delivery.detail());
                message.forEach(row -> transaction.executeWithoutResult(status -> outbox.markFailedAttempt(row.id(), delivery.detail(), 1, Duration.ZERO)));
            }
            case TEMPORARY -> {
                Duration wait = backoff(message.get(0).attempts());
                if (delivery.retryAfter() != null && delivery.retryAfter().compareTo(wait) > 0) {
                    wait = delivery.retryAfter();
                }
                Duration next = wait;
                log.warn("{} message to {} not sent (attempt {}), next try in {}: {}", channel, shown(channel, target),
                        message.get(0).attempts() + 1, next, delivery.detail());
                message.forEach(row -> transaction.executeWithoutResult(status -> outbox.markFailedAttempt(row.id(), delivery.detail(),
                        properties.maxAttempts(), next)));
            }
        }
        return delivery.outcome() == Delivery.Outcome.SENT ? message.size() : 0;
    }

    private static String shown(Channel channel, String target) {
        return channel == Channel.SMS && target.length() > 4 ? "***" + target.substring(target.length() - 4) : target;
    }

    /**
     * Delivers what is due now; returns how many mails were sent or handed back for the next batch. A batch goes over
     * one SMTP connection (a connection per mail made delivery ten times slower in the escalation-burst benchmark); a
     * mail the server refuses is retried on its own schedule, the others count as sent. Each step ends by
     * {@code attempt-timeout} ({@link SmtpDeadline}): a mail the server is too slow to take counts as one failed attempt,
     * the mails after it go back, due at once, for the next batch on a new connection.
     */
    public int dispatchDue() {
        transaction.executeWithoutResult(status -> outbox.releaseStale(properties.sendingTimeout()));
        JavaMailSender sender = mailSender.getIfAvailable();
        List<OutboxMail> claimed = new ArrayList<>();
        for (long id : transaction.execute(status -> outbox.dueIds(BATCH))) {
            if (Boolean.TRUE.equals(transaction.execute(status -> outbox.claim(id)))) {
                claimed.add(outbox.find(id).orElseThrow());
            }
        }
        if (claimed.isEmpty()) {
            return 0;
        }
        if (sender == null) {
            claimed.forEach(mail -> transaction.executeWithoutResult(status -> outbox.markHeld(mail.id())));
            return 0;
        }
        Map<Long, Exception> failed = new HashMap<>();
        List<MimeMessage> messages = new ArrayList<>();
        List<OutboxMail> sending = new ArrayList<>();
        for (OutboxMail mail : claimed) {
            try {
                messages.add(toMime(sender, mail));
                sending.add(mail);
            } catch (Exception e) {
                failed.put(mail.id(), e);
            }
        }
        List<OutboxMail> handedBack = new ArrayList<>();
        if (sender instanceof JavaMailSenderImpl smtp) {
            deliver(smtp, sending, messages, failed, handedBack);
        } else {
            send(sender, sending, messages, failed);
        }
        int sent = 0;
        for (OutboxMail mail : claimed) {
            Exception problem = failed.get(mail.id());
            if (handedBack.contains(mail)) {
                transaction.executeWithoutResult(status -> outbox.unclaim(mail.id()));
            } else if (problem == null) {
                transaction.executeWithoutResult(status -> outbox.markSent(mail.id()));
                sent++;
            } else if (permanent(problem)) {
                // 5xx (no such mailbox, address refused) or an address that cannot be written: retrying would
                // give the same answer. FAILED at once, visible on /admin/outbox for a corrected resend.
                log.warn("Mail {} to {} refused for good: {}", mail.id(), mail.recipientAddress(), problem.getMessage());
                transaction.executeWithoutResult(status -> outbox.markFailedAttempt(mail.id(), describe(problem), 1, Duration.ZERO));
            } else {
                Duration wait = backoff(mail.attempts());
                log.warn("Mail {} to {} not sent (attempt {}), next try in {}: {}", mail.id(), mail.recipientAddress(),
                        mail.attempts() + 1, wait, problem.getMessage());
                transaction.executeWithoutResult(status -> outbox.markFailedAttempt(mail.id(), describe(problem), properties.maxAttempts(), wait));
            }
        }
        return sent + handedBack.size();
    }

    /**
     * The batch over one connection, each step within the deadline. A server that cannot be reached (or is too slow to
     * greet) fails the whole batch for now; a mail it is too slow to take fails alone, and the mails after it are handed
     * back; a server that drops the connection after a mail gets a new one for the next.
     */
    private void deliver(JavaMailSenderImpl smtp, List<OutboxMail> sending, List<MimeMessage> messages, Map<Long, Exception> failed,
            List<OutboxMail> handedBack) {
        SmtpDeadline.Connection connection = null;
        try {
            for (int i = 0; i < sending.size(); i++) {
                if (connection == null || !connection.usable()) {
                    if (connection != null) {
                        connection.close();
                    }
                    try {
                        connection = SmtpDeadline.Connection.open(smtp, properties.attemptTimeout());
                    } catch (MessagingException | RuntimeException e) {
                        connection = null;
                        sending.subList(i, sending.size()).forEach(mail -> failed.put(mail.id(), e));
                        return;
                    }
                }
                try {
                    connection.send(messages.get(i));
                } catch (SmtpDeadline.TimedOut e) {
                    failed.put(sending.get(i).id(), e);
                    handedBack.addAll(sending.subList(i + 1, sending.size()));
                    return;
                } catch (MessagingException | RuntimeException e) {
                    failed.put(sending.get(i).id(), e);
                }
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** Any other {@link JavaMailSender}: the whole batch at once, as it sends it. */
    private static void send(JavaMailSender sender, List<OutboxMail> sending, List<MimeMessage> messages, Map<Long, Exception> failed) {
        try {
            sender.send(messages.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // Per message where the server said so, else (no connection at all) every message of the batch.
            Map<Object, Exception> byMessage = e.getFailedMessages();
            for (int i = 0; i < sending.size(); i++) {
                Exception cause = byMessage.isEmpty() ? e : byMessage.get(messages.get(i));
                if (cause != null) {
                    failed.put(sending.get(i).id(), cause);
                }
            }
        } catch (Exception e) {
            sending.forEach(mail -> failed.put(mail.id(), e));
        }
    }

    /** A refusal the server gave for good (SMTP 5xx) or an address that cannot be used; 4xx and I/O errors are temporary. */
    static boolean permanent(Throwable problem) {
        for (Throwable t = problem; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.mail.internet.AddressException) {
                return true;
            }
            int code = t instanceof SMTPAddressFailedException address ? address.getReturnCode()
                    : t instanceof SMTPSendFailedException send ? send.getReturnCode()
                    : t instanceof SMTPSenderFailedException sender ? sender.getReturnCode() : -1;
            if (code >= 500) {
                return true;
            }
            if (code >= 400) {
                return false;
            }
        }
        return false;
    }

    Duration backoff(int attemptsSoFar) {
        Duration wait = properties.firstRetry().multipliedBy(1L << Math.min(attemptsSoFar, 20));
        return wait.compareTo(properties.maxRetryWait()) > 0 ? properties.maxRetryWait() : wait;
    }

    private MimeMessage toMime(JavaMailSender sender, OutboxMail mail) throws Exception {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(mail.recipientAddress());
        helper.setSubject(mail.subject());
        helper.setText(mail.body(), false);
        // Lets an administrator find the outbox row of a mail in the mailbox.
        message.setHeader("X-Zhaoshang-Outbox-Id", Long.toString(mail.id()));
        return message;
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage() + (root != e ? " (" + root.getMessage() + ")" : "");
    }
}
