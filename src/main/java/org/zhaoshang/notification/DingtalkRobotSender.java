package org.zhaoshang.notification;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * 钉钉自定义机器人 with 加签: {@code POST {base}/robot/send?access_token=…&timestamp=…&sign=…}, where sign is
 * Base64(HmacSHA256(secret, timestamp + "\n" + secret)), URL-encoded, and the timestamp the real time in
 * milliseconds (钉钉 refuses one more than an hour off). Markdown with {@code at.atMobiles}. 410100 (sent too fast:
 * the robot is blocked for ten minutes) and -1 are temporary; 310000 (signature, keyword or IP refused) and 300001
 * (token unknown) are refusals for good.
 */
@Component
class DingtalkRobotSender extends RobotSender {

    static final String DEFAULT_BASE = "https://oapi.dingtalk.com";
    private static final Set<Integer> TEMPORARY = Set.of(-1, 130101, 410100);

    private final ProviderHttp http;
    private final String base;

    DingtalkRobotSender(ChannelProperties properties, UnitRobots robots, PersonChannels people, ProviderHttp http) {
        super(properties.dingtalkRobot(), robots, people);
        this.http = http;
        this.base = properties.dingtalkRobot().baseUrl().isBlank() ? DEFAULT_BASE : properties.dingtalkRobot().baseUrl();
    }

    @Override
    public Channel channel() {
        return Channel.DINGTALK_ROBOT;
    }

    @Override
    Delivery post(UnitRobots.Robot robot, String markdown, List<String> mentions) {
        long timestamp = System.currentTimeMillis();
        URI uri = URI.create(base + "/robot/send?access_token=" + URLEncoder.encode(robot.key(), StandardCharsets.UTF_8)
                + "&timestamp=" + timestamp + "&sign=" + URLEncoder.encode(sign(timestamp, robot.secret()), StandardCharsets.UTF_8));
        String body = http.write(Map.of(
                "msgtype", "markdown",
                "markdown", Map.of("title", TITLE, "text", markdown),
                "at", Map.of("atMobiles", mentions, "isAtAll", false)));
        try {
            // 410100: sent too fast, 钉钉 blocks the robot for ten minutes.
            return read(http.post(uri, "application/json; charset=utf-8", body), "钉钉", TEMPORARY, 410100, Duration.ofMinutes(10));
        } catch (ProviderHttp.Unreachable e) {
            return Delivery.temporary(e.getMessage());
        }
    }

    static String sign(long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256", e);
        }
    }

    @Override
    String mentionId(PersonChannels.Settings person) {
        return person.mobile();
    }

    @Override
    String mentionText(String id) {
        return "@" + id;
    }
}
