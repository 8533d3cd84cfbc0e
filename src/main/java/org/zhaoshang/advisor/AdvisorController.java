package org.zhaoshang.advisor;

import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.system.ApiException;

/** 招商顾问 and 引荐来源 as JSON (README, "A tour: 招商顾问 and who brought a project"). */
@RestController
class AdvisorController {

    record IntroducerChange(String kind, Long advisorId, String name, String reason) {
    }

    private final Advisors advisors;
    private final Introducers introducers;
    private final java.time.Clock clock;

    AdvisorController(Advisors advisors, Introducers introducers, java.time.Clock clock) {
        this.advisors = advisors;
        this.introducers = introducers;
        this.clock = clock;
    }

    @GetMapping("/api/advisors")
    List<Advisors.Advisor> list() {
        return advisors.list();
    }

    @PostMapping("/api/advisors")
    @ResponseStatus(HttpStatus.CREATED)
    Advisors.Advisor create(@AuthenticationPrincipal StaffUser user, @RequestBody Advisors.AdvisorForm form) {
        return advisors.create(form, user);
    }

    @PutMapping("/api/advisors/{id}")
    Advisors.Advisor update(@AuthenticationPrincipal StaffUser user, @PathVariable long id, @RequestBody Advisors.AdvisorForm form) {
        return advisors.update(id, form, user);
    }

    /** Projects registered in the period by who introduced them, with their outcome (default: this year so far). */
    @GetMapping("/api/advisors/figures")
    List<Introducers.Figures> figures(@AuthenticationPrincipal StaffUser user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        if (!user.seesWholeDistrict()) {
            throw ApiException.forbidden("引荐来源统计供区领导和区级部门查看");
        }
        LocalDate end = date("to", to, LocalDate.now(clock));
        LocalDate start = date("from", from, end.withDayOfYear(1));
        if (start.isAfter(end)) {
            throw ApiException.badField("from", "开始日期不能晚于结束日期");
        }
        return introducers.figures(start, end);
    }

    @PutMapping("/api/projects/{code}/introducer")
    IntroducerRecords.Introducer change(@AuthenticationPrincipal StaffUser user, @PathVariable String code,
            @RequestBody IntroducerChange change) {
        return introducers.change(code, change.kind(), change.advisorId(), change.name(), change.reason(), user);
    }

    private static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badField(field, "日期格式应为 yyyy-MM-dd：" + value);
        }
    }
}
