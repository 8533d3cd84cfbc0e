package org.zhaoshang.notification;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.channels}: the channels beside e-mail. The robots' webhooks are set per unit by administrators
 * ({@code /admin/channels}); here are the providers' addresses, their rate limits and the SMS account.
 * {@code timeout} bounds a whole request to a provider (connect, send, answer), so a stalled provider costs one
 * attempt, never the dispatcher.
 */
@ConfigurationProperties("app.channels")
public record ChannelProperties(
        @DefaultValue("EMAIL") List<Preference> personDefault,
        @DefaultValue("1") int unitRobotMinLevel,
        @DefaultValue("PT10S") Duration timeout,
        @DefaultValue Robot wecomRobot,
        @DefaultValue Robot dingtalkRobot,
        @DefaultValue Sms sms) {

    /**
     * A group robot: where its API is, how many messages it takes per window (企业微信 and 钉钉 both document 20 per
     * minute; 钉钉 blocks a robot for 10 minutes beyond it), and how many notices one message may carry.
     */
    public record Robot(@DefaultValue("") String baseUrl, @DefaultValue("20") int perWindow, @DefaultValue("PT1M") Duration window,
            @DefaultValue("20") int maxItems, @DefaultValue("4000") int maxBytes) {
    }

    /**
     * SMS through Aliyun's SendSms (Dysmsapi 2017-05-25) unless a district defines its own {@link SmsGateway} bean.
     * {@code templateCode} names an approved notice template with the variables {@code count} and {@code first}
     * (README). Per mobile: {@code perWindow} messages per {@code window}; notices waiting for the same mobile are
     * joined into one message.
     */
    public record Sms(@DefaultValue("") String endpoint, @DefaultValue("") String accessKeyId, @DefaultValue("") String accessKeySecret,
            @DefaultValue("") String signName, @DefaultValue("") String templateCode, @DefaultValue("cn-hangzhou") String regionId,
            @DefaultValue("1") int perWindow, @DefaultValue("PT1M") Duration window, @DefaultValue("10") int maxItems) {

        boolean configured() {
            return !endpoint.isBlank() && !accessKeyId.isBlank() && !accessKeySecret.isBlank() && !signName.isBlank()
                    && !templateCode.isBlank();
        }
    }
}
