package org.zhaoshang.notification;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.zhaoshang.identity.CurrentUser;
import org.zhaoshang.identity.OrgDirectory;
import org.zhaoshang.system.ApiException;

/** 通知渠道 (administrators): the channels' state, and each unit's 企业微信 / 钉钉 group robot. */
@Controller
@RequestMapping("/admin/channels")
class ChannelPageController {

    private final ChannelStatus status;
    private final UnitRobots robots;
    private final RobotTestMessages tests;
    private final OrgDirectory directory;

    ChannelPageController(ChannelStatus status, UnitRobots robots, RobotTestMessages tests, OrgDirectory directory) {
        this.status = status;
        this.robots = robots;
        this.tests = tests;
        this.directory = directory;
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("channels", status.lines());
        model.addAttribute("robots", robots.list());
        model.addAttribute("units", directory.units().stream()
                .filter(u -> u.kind() != org.zhaoshang.identity.OrgUnitKind.SYSTEM).toList());
        model.addAttribute("robotChannels", List.of(Channel.WECOM_ROBOT, Channel.DINGTALK_ROBOT));
        return "admin/channels";
    }

    @PostMapping("/robots")
    String save(@RequestParam String unit, @RequestParam String channel, @RequestParam(required = false) String webhook,
            @RequestParam(required = false) String secret, RedirectAttributes redirect) {
        try {
            UnitRobots.View saved = robots.save(unit, channel, webhook, secret, CurrentUser.get().id());
            redirect.addFlashAttribute("notice", "已保存" + saved.unitName() + "的" + saved.channel().label() + "机器人（" + saved.maskedKey() + "）");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/channels";
    }

    @PostMapping("/robots/remove")
    String remove(@RequestParam String unit, @RequestParam String channel, RedirectAttributes redirect) {
        try {
            robots.remove(unit, channel);
            redirect.addFlashAttribute("notice", "已删除" + directory.unitName(unit) + "的" + UnitRobots.robotChannel(channel).label() + "机器人");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/channels";
    }

    @PostMapping("/robots/test")
    String test(@RequestParam String unit, RedirectAttributes redirect) {
        try {
            int rows = tests.post(unit, CurrentUser.get().id()).size();
            redirect.addFlashAttribute("notice", "测试消息已排入发件箱（" + rows + " 条），发送结果见通知发件箱");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/channels";
    }
}
