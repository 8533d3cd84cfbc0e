package org.zhaoshang.notification;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.system.ApiException;

/**
 * The units' group robots (单位工作群机器人), set by administrators. A webhook key is a secret: it is stored here,
 * shown masked, and read only when a message is sent.
 */
@Service
public class UnitRobots {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,200}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OrgDirectory directory;

    UnitRobots(JdbcClient jdbc, Clock clock, OrgDirectory directory) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.directory = directory;
    }

    /** A robot with its secrets, for the sender only. */
    record Robot(String unitCode, Channel channel, String key, String secret) {
    }

    /** What pages and the API show: never the key, only its last four characters. */
    public record View(String unitCode, String unitName, Channel channel, String maskedKey, boolean signed, String updatedBy,
            OffsetDateTime updatedAt) {
    }

    Optional<Robot> find(String unitCode, Channel channel) {
        return jdbc.sql("SELECT unit_code, channel, webhook_key, secret FROM unit_robot WHERE unit_code = :unit AND channel = :channel")
                .param("unit", unitCode).param("channel", channel.name())
                .query((rs, n) -> new Robot(rs.getString(1), Channel.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /** The robot channels a unit has. */
    public List<Channel> channelsOf(String unitCode) {
        return jdbc.sql("SELECT channel FROM unit_robot WHERE unit_code = :unit ORDER BY channel").param("unit", unitCode)
                .query(String.class).list().stream().map(Channel::valueOf).toList();
    }

    public List<View> list() {
        var names = directory.unitNames();
        return jdbc.sql("SELECT * FROM unit_robot ORDER BY unit_code, channel")
                .query((rs, n) -> new View(rs.getString("unit_code"), names.apply(rs.getString("unit_code")),
                        Channel.valueOf(rs.getString("channel")), mask(rs.getString("webhook_key")), rs.getString("secret") != null,
                        rs.getString("updated_by"), rs.getObject("updated_at", OffsetDateTime.class)))
                .list();
    }

    /**
     * Sets a unit's robot. {@code webhook} may be the key alone or the whole webhook address as the group's settings
     * show it (…/webhook/send?key=… for 企业微信, …/robot/send?access_token=… for 钉钉). 钉钉 robots must be signed
     * (加签, secret "SEC…"): an unsigned robot would accept anyone's posts that know its address.
     */
    @Transactional
    public View save(String unitCode, String channelName, String webhook, String secret, String actor) {
        Channel channel = robotChannel(channelName);
        if (directory.findUnit(unitCode).isEmpty()) {
            throw ApiException.notFound("单位不存在：" + unitCode);
        }
        String key = keyOf(channel, webhook);
        String signing = secret == null || secret.isBlank() ? null : secret.trim();
        if (channel == Channel.DINGTALK_ROBOT && (signing == null || !signing.startsWith("SEC") || signing.length() > 200)) {
            throw ApiException.badField("secret", "钉钉机器人须在安全设置中开启“加签”，并填写以 SEC 开头的密钥");
        }
        if (channel == Channel.WECOM_ROBOT && signing != null) {
            throw ApiException.badField("secret", "企业微信群机器人没有加签密钥，请留空");
        }
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("DELETE FROM unit_robot WHERE unit_code = :unit AND channel = :channel")
                .param("unit", unitCode).param("channel", channel.name()).update();
        jdbc.sql("""
                INSERT INTO unit_robot (unit_code, channel, webhook_key, secret, updated_by, updated_at)
                VALUES (:unit, :channel, :key, :secret, :actor, :now)""")
                .param("unit", unitCode).param("channel", channel.name()).param("key", key).param("secret", signing)
                .param("actor", actor).param("now", now).update();
        return list().stream().filter(v -> v.unitCode().equals(unitCode) && v.channel() == channel).findFirst().orElseThrow();
    }

    @Transactional
    public void remove(String unitCode, String channelName) {
        Channel channel = robotChannel(channelName);
        int removed = jdbc.sql("DELETE FROM unit_robot WHERE unit_code = :unit AND channel = :channel")
                .param("unit", unitCode).param("channel", channel.name()).update();
        if (removed == 0) {
            throw ApiException.notFound(directory.unitName(unitCode) + "未设置" + channel.label() + "机器人");
        }
    }

    static Channel robotChannel(String name) {
        return org.zhaoshang.system.Labelled.parse(Channel.class, name).filter(Channel::isRobot)
                .orElseThrow(() -> ApiException.badField("channel", "机器人渠道只能是企业微信群（WECOM_ROBOT）或钉钉群（DINGTALK_ROBOT）：" + name));
    }

    private static String keyOf(Channel channel, String webhook) {
        String value = webhook == null ? "" : webhook.trim();
        if (value.startsWith("http://") || value.startsWith("https://")) {
            String parameter = channel == Channel.WECOM_ROBOT ? "key" : "access_token";
            String query;
            try {
                query = URI.create(value).getRawQuery();
            } catch (IllegalArgumentException e) {
                query = null;
            }
            value = "";
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.startsWith(parameter + "=")) {
                        value = pair.substring(parameter.length() + 1);
                    }
                }
            }
        }
        if (!KEY.matcher(value).matches()) {
            throw ApiException.badField("webhook", channel == Channel.WECOM_ROBOT
                    ? "请填写企业微信群机器人的 Webhook 地址或其中的 key"
                    : "请填写钉钉机器人的 Webhook 地址或其中的 access_token");
        }
        return value;
    }

    static String mask(String key) {
        return key == null ? "" : "••••" + key.substring(Math.max(0, key.length() - 4));
    }
}
