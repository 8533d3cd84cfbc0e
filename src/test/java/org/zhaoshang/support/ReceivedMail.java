package org.zhaoshang.support;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

/** What an in-JVM SMTP server received, for tests that count the mails of their own cases. */
public final class ReceivedMail {

    /** The subject of the administrators' mail about a year without holiday data (calendar.HolidayDataWarnings). */
    static final String HOLIDAY_DATA_MISSING = "【节假日数据缺失】";

    private ReceivedMail() {
    }

    /**
     * Every mail received but the administrators' notice of a year without holiday data, which each node's start-up
     * check sends from 60 days before such a year: a mail about the calendar, none of a case's business.
     */
    public static List<MimeMessage> aboutCases(GreenMail smtp) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> !subject(mail).startsWith(HOLIDAY_DATA_MISSING)).toList();
    }

    private static String subject(MimeMessage mail) {
        try {
            return String.valueOf(mail.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
