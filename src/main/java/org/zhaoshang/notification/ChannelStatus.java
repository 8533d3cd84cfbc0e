package org.zhaoshang.notification;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** What administrators see of each channel: whether it can send, and how it is paced. No key, no secret. */
@Component
class ChannelStatus {

    record Line(Channel channel, boolean ready, String detail) {
    }

    private final ObjectProvider<JavaMailSender> mail;
    private final SmsGateway sms;
    private final ChannelProperties properties;
    private final UnitRobots robots;

    ChannelStatus(ObjectProvider<JavaMailSender> mail, SmsGateway sms, ChannelProperties properties, UnitRobots robots) {
        this.mail = mail;
        this.sms = sms;
        this.properties = properties;
        this.robots = robots;
    }

    List<Line> lines() {
        List<UnitRobots.View> set = robots.list();
        long wecom = set.stream().filter(r -> r.channel() == Channel.WECOM_ROBOT).count();
        long dingtalk = set.stream().filter(r -> r.channel() == Channel.DINGTALK_ROBOT).count();
        return List.of(
                new Line(Channel.EMAIL, mail.getIfAvailable() != null,
                        mail.getIfAvailable() != null ? "已配置邮件服务器（spring.mail.host）" : "未配置邮件服务器：邮件只保存在发件箱"),
                new Line(Channel.SMS, sms.configured(), sms.describe() + paced(properties.sms().perWindow(), properties.sms().window(), "每个手机号")),
                new Line(Channel.WECOM_ROBOT, wecom > 0, wecom + " 个单位已设置机器人" + paced(properties.wecomRobot().perWindow(),
                        properties.wecomRobot().window(), "每个机器人")),
                new Line(Channel.DINGTALK_ROBOT, dingtalk > 0, dingtalk + " 个单位已设置机器人" + paced(properties.dingtalkRobot().perWindow(),
                        properties.dingtalkRobot().window(), "每个机器人")));
    }

    private static String paced(int perWindow, java.time.Duration window, String per) {
        String span = window.toMinutes() >= 1 && window.toSecondsPart() == 0 ? window.toMinutes() + " 分钟" : window.toSeconds() + " 秒";
        return "；限速：" + per + "每 " + span + " 最多 " + perWindow + " 条，其间的通知合并发送";
    }
}
