package org.zhaoshang.monitoring;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.CurrentUser;
import org.zhaoshang.identity.StaffUser;

/** The dashboard's JSON API (the page /dashboard is built on it). */
@RestController
class DashboardController {

    private final DashboardService service;

    DashboardController(DashboardService service) {
        this.service = service;
    }

    @GetMapping("/api/dashboard/processes")
    List<DashboardService.ProcessChoice> processes() {
        return service.processes();
    }

    @GetMapping("/api/dashboard/bottlenecks")
    DashboardService.Bottlenecks bottlenecks(@RequestParam(required = false) String process, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String industry, @RequestParam(required = false) String chain,
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) Boolean keyOnly, @RequestParam(required = false) String groupBy) {
        StaffUser user = CurrentUser.get();
        return service.bottlenecks(service.filter(process, version, from, to, industry, chain, unit, keyOnly, user), groupBy, user);
    }

    @GetMapping("/api/dashboard/overdue")
    List<DashboardService.OverdueItem> overdue(@RequestParam(required = false) String process, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String industry, @RequestParam(required = false) String chain,
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) Boolean keyOnly, @RequestParam(required = false) String task) {
        StaffUser user = CurrentUser.get();
        return service.overdue(service.filter(process, version, from, to, industry, chain, unit, keyOnly, user), task, user);
    }

    /** Weekly medians of one step; the period defaults to the last 26 weeks. */
    @GetMapping("/api/dashboard/trend")
    List<DashboardService.WeekPoint> trend(@RequestParam(required = false) String process, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String industry, @RequestParam(required = false) String chain,
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) Boolean keyOnly, @RequestParam(required = false) String task) {
        StaffUser user = CurrentUser.get();
        LocalDate end = to == null ? LocalDate.now() : to;
        return service.trend(service.filter(process, version, from == null ? end.minusWeeks(26) : from, end, industry, chain, unit, keyOnly, user),
                task, user);
    }

    @GetMapping("/api/dashboard/diagram")
    Map<String, String> diagram(@RequestParam String process, @RequestParam(required = false) Integer version) {
        CurrentUser.get();
        return Map.of("process", process, "xml", service.diagram(process, version));
    }
}
