package org.zhaoshang.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * SMS to a person's mobile through the {@link SmsGateway}. Notices waiting for the same mobile go as one message
 * ("您有 N 条招商待办通知，首条：…"): an approved SMS template has fixed text, and providers allow a mobile only a
 * few messages a minute and an hour.
 */
@Component
class SmsSender implements ChannelSender {

    /** Aliyun's limit for one variable of a notice template. */
    static final int VARIABLE_LENGTH = 35;

    private final SmsGateway gateway;
    private final ChannelProperties.Sms settings;

    SmsSender(SmsGateway gateway, ChannelProperties properties) {
        this.gateway = gateway;
        this.settings = properties.sms();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String unavailable(String mobile) {
        return gateway.configured() ? null : "未配置短信网关";
    }

    @Override
    public int perWindow() {
        return settings.perWindow();
    }

    @Override
    public Duration window() {
        return settings.window();
    }

    @Override
    public int maxItems() {
        return settings.maxItems();
    }

    @Override
    public int fitting(List<OutboxMail> rows) {
        return rows.size();
    }

    @Override
    public Delivery send(String mobile, List<OutboxMail> rows) {
        return gateway.send(mobile, Map.of("count", Integer.toString(rows.size()), "first", first(rows.get(0).subject())));
    }

    /** The subject without the 【…】 marks SMS reserve for the signature, cut to a template variable's length. */
    static String first(String subject) {
        String text = subject == null ? "" : subject.replace("【", "").replace("】", "：").replaceAll("\\s+", " ").strip();
        if (text.codePointCount(0, text.length()) <= VARIABLE_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, VARIABLE_LENGTH - 1)) + "…";
    }
}
