package org.zhaoshang.notification;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.system.ApiException;

/** A test message into a unit's groups, through the outbox like every notice, so the page shows how it went. */
@Component
class RobotTestMessages {

    private final MailOutbox outbox;
    private final UnitRobots robots;
    private final OrgDirectory directory;
    private final Clock clock;

    RobotTestMessages(MailOutbox outbox, UnitRobots robots, OrgDirectory directory, Clock clock) {
        this.outbox = outbox;
        this.robots = robots;
        this.directory = directory;
        this.clock = clock;
    }

    @Transactional
    public List<OutboxMail> post(String unitCode, String actor) {
        if (robots.channelsOf(unitCode).isEmpty()) {
            throw ApiException.badField("unit", directory.unitName(unitCode) + "尚未设置工作群机器人");
        }
        String key = "robot-test:%s:%d".formatted(unitCode, clock.millis());
        String subject = "【测试】" + directory.unitName(unitCode) + "工作群已接入招商引资项目协同平台（" + directory.personName(actor) + "发送）";
        outbox.enqueueForUnit(new OutgoingMail(key, null, null, subject, subject + "\n", null, null, null, null), unitCode, null);
        return outbox.ofUnitNotice(key, unitCode);
    }
}
