package org.zhaoshang.notification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A unit's group robot: the due notices of one unit become one markdown digest, @-mentioning the people concerned
 * who chose so. Subclasses know their provider's address, signature and answers.
 */
abstract class RobotSender implements ChannelSender {

    static final String TITLE = "招商引资项目协同平台";

    private final ChannelProperties.Robot limits;
    private final UnitRobots robots;
    private final PersonChannels people;

    RobotSender(ChannelProperties.Robot limits, UnitRobots robots, PersonChannels people) {
        this.limits = limits;
        this.robots = robots;
        this.people = people;
    }

    @Override
    public String unavailable(String unitCode) {
        return robots.find(unitCode, channel()).isPresent() ? null : "该单位未设置" + channel().label() + "机器人";
    }

    @Override
    public int perWindow() {
        return limits.perWindow();
    }

    @Override
    public Duration window() {
        return limits.window();
    }

    @Override
    public int maxItems() {
        return limits.maxItems();
    }

    @Override
    public int fitting(List<OutboxMail> rows) {
        int bytes = bytes(header(rows.size()));
        int count = 0;
        for (OutboxMail row : rows) {
            bytes += bytes(item(row, null));
            if (count > 0 && bytes > limits.maxBytes()) {
                break;
            }
            count++;
        }
        return count;
    }

    @Override
    public Delivery send(String unitCode, List<OutboxMail> rows) {
        UnitRobots.Robot robot = robots.find(unitCode, channel()).orElse(null);
        if (robot == null) {
            return Delivery.permanent(unavailable(unitCode));
        }
        Set<String> mentions = new LinkedHashSet<>();
        StringBuilder text = new StringBuilder(header(rows.size()));
        for (OutboxMail row : rows) {
            String mention = mentionOf(row.recipientUserId());
            if (mention != null) {
                mentions.add(mention);
            }
            text.append(item(row, mention));
        }
        return post(robot, text.toString().strip(), new ArrayList<>(mentions));
    }

    /**
     * Reads a robot's answer, the same for 企业微信 and 钉钉: {@code {"errcode":0}} is sent; a code in
     * {@code temporary} is tried again (after {@code waitAfterLimit} for {@code limitCode}, the provider's rate limit);
     * any other code is a refusal for good. An answer without errcode is judged by its HTTP status.
     */
    static Delivery read(ProviderHttp.Answer answer, String provider, java.util.Set<Integer> temporary, int limitCode,
            Duration waitAfterLimit) {
        if (answer.body() == null || !answer.body().has("errcode")) {
            return ProviderHttp.withoutCode(answer, provider);
        }
        int code = answer.body().path("errcode").asInt();
        if (code == 0) {
            return Delivery.sent();
        }
        String message = provider + " errcode " + code + "：" + answer.body().path("errmsg").asText("");
        return temporary.contains(code) ? Delivery.temporary(message, code == limitCode ? waitAfterLimit : null) : Delivery.permanent(message);
    }

    /** Posts the markdown; {@code mentions} are the ids/mobiles to @. */
    abstract Delivery post(UnitRobots.Robot robot, String markdown, List<String> mentions);

    /** The id by which the provider @-mentions a person (userid, mobile); null when they have none. */
    abstract String mentionId(PersonChannels.Settings person);

    /** How a mention is written in the text. */
    abstract String mentionText(String id);

    private String mentionOf(String userId) {
        if (userId == null) {
            return null;
        }
        PersonChannels.Settings person = people.of(userId);
        return person.wants(Preference.GROUP_MENTION) ? mentionId(person) : null;
    }

    private static String header(int count) {
        return "**" + TITLE + (count > 1 ? "：" + count + " 条通知" : "：通知") + "**\n\n";
    }

    private String item(OutboxMail row, String mention) {
        StringBuilder line = new StringBuilder("> ").append(plain(row.subject()));
        if (mention != null) {
            line.append(' ').append(mentionText(mention));
        }
        line.append('\n');
        if (row.link() != null) {
            line.append("[查看与办理](").append(row.link().replace(")", "%29").replace(" ", "%20")).append(")\n");
        }
        return line.append('\n').toString();
    }

    /**
     * Text from people (project names, reasons) cannot format the message or mention anyone: markdown and mention
     * characters become their full-width forms, line breaks spaces.
     */
    static String plain(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(switch (c) {
                case '<' -> '＜';
                case '>' -> '＞';
                case '[' -> '［';
                case ']' -> '］';
                case '*' -> '＊';
                case '_' -> '＿';
                case '`' -> '｀';
                case '#' -> '＃';
                case '@' -> '＠';
                case '\r', '\n', '\t' -> ' ';
                default -> c;
            });
        }
        return out.toString();
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
