package org.zhaoshang.notification;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.CurrentUser;

/**
 * {@code /api/admin/unit-robots}: administrators set each unit's 企业微信 / 钉钉 group robot
 * ({@code PUT /{unit}/{channel}} with {@code {"webhook": "…", "secret": "SEC…"}}), remove it, and post a test
 * message through the outbox. Keys are never returned.
 */
@RestController
@RequestMapping("/api/admin/unit-robots")
class UnitRobotController {

    record RobotSettings(String webhook, String secret) {
    }

    private final UnitRobots robots;
    private final RobotTestMessages tests;

    UnitRobotController(UnitRobots robots, RobotTestMessages tests) {
        this.robots = robots;
        this.tests = tests;
    }

    @GetMapping
    List<UnitRobots.View> list() {
        return robots.list();
    }

    @PutMapping("/{unit}/{channel}")
    UnitRobots.View save(@PathVariable String unit, @PathVariable String channel, @RequestBody RobotSettings settings) {
        return robots.save(unit, channel, settings.webhook(), settings.secret(), CurrentUser.get().id());
    }

    @DeleteMapping("/{unit}/{channel}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String unit, @PathVariable String channel) {
        robots.remove(unit, channel);
    }

    @PostMapping("/{unit}/test")
    List<OutboxMail> test(@PathVariable String unit) {
        return tests.post(unit, CurrentUser.get().id());
    }
}
