package org.zhaoshang.handoff;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.CurrentUser;
import org.zhaoshang.project.ProjectService;

/** 项目统筹流转 in the API: push a project, read its handoffs and credit share. */
@RestController
class HandoffController {

    record HandoffRequest(String reasonCategory, String reasonText) {
    }

    private final HandoffService service;
    private final HandoffRecords records;
    private final CreditShares shares;
    private final ProjectService projects;

    HandoffController(HandoffService service, HandoffRecords records, CreditShares shares, ProjectService projects) {
        this.service = service;
        this.records = records;
        this.shares = shares;
        this.projects = projects;
    }

    @PostMapping("/api/projects/{code}/handoff")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> request(@PathVariable String code, @RequestBody HandoffRequest request) {
        return Map.of("projectCode", code, "processInstanceId",
                service.request(code, request.reasonCategory(), request.reasonText(), CurrentUser.get()));
    }

    @GetMapping("/api/projects/{code}/handoffs")
    Map<String, Object> handoffs(@PathVariable String code) {
        projects.get(code, CurrentUser.get());
        List<HandoffRecords.Handoff> list = records.of(code);
        return shares.find(code).<Map<String, Object>>map(share -> Map.of("handoffs", list, "creditShare", share))
                .orElseGet(() -> Map.of("handoffs", list));
    }
}
