package org.zhaoshang.notification;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * 企业微信群机器人: {@code POST {base}/cgi-bin/webhook/send?key=…} with a markdown message ({@code <@userid>}
 * mentions). Answers {@code {"errcode":0}}; 45009 (rate limited) and -1 (busy) are temporary, 93000 (webhook no longer
 * valid) and the other documented codes are refusals for good.
 */
@Component
class WecomRobotSender extends RobotSender {

    static final String DEFAULT_BASE = "https://qyapi.weixin.qq.com";
    private static final Set<Integer> TEMPORARY = Set.of(-1, 45009, 45033);

    private final ProviderHttp http;
    private final String base;

    WecomRobotSender(ChannelProperties properties, UnitRobots robots, PersonChannels people, ProviderHttp http) {
        super(properties.wecomRobot(), robots, people);
        this.http = http;
        this.base = properties.wecomRobot().baseUrl().isBlank() ? DEFAULT_BASE : properties.wecomRobot().baseUrl();
    }

    @Override
    public Channel channel() {
        return Channel.WECOM_ROBOT;
    }

    @Override
    Delivery post(UnitRobots.Robot robot, String markdown, List<String> mentions) {
        URI uri = URI.create(base + "/cgi-bin/webhook/send?key=" + URLEncoder.encode(robot.key(), StandardCharsets.UTF_8));
        String body = http.write(Map.of("msgtype", "markdown", "markdown", Map.of("content", markdown)));
        try {
            // 45009: the robot's 20 messages a minute are spent; the next window is at most a minute away.
            return read(http.post(uri, "application/json; charset=utf-8", body), "企业微信", TEMPORARY, 45009, Duration.ofMinutes(1));
        } catch (ProviderHttp.Unreachable e) {
            return Delivery.temporary(e.getMessage());
        }
    }

    @Override
    String mentionId(PersonChannels.Settings person) {
        return person.wecomUserId();
    }

    @Override
    String mentionText(String id) {
        return "<@" + id + ">";
    }
}
