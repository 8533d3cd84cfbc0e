package org.zhaoshang.leadofficial;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.CurrentUser;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;

/** 五个一 in the API: start it for an approved project, read a project's panel. */
@RestController
class KeyProjectController {

    private final KeyProjectRecords records;
    private final KeyProjectLeadService service;
    private final ProjectService projects;

    KeyProjectController(KeyProjectRecords records, KeyProjectLeadService service, ProjectService projects) {
        this.records = records;
        this.service = service;
        this.projects = projects;
    }

    @PostMapping("/api/projects/{code}/key-project-lead")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> start(@PathVariable String code) {
        return Map.of("projectCode", code, "processInstanceId", service.start(code, CurrentUser.get()));
    }

    @GetMapping("/api/projects/{code}/key-project")
    KeyProjectRecords.Panel panel(@AuthenticationPrincipal StaffUser user, @PathVariable String code) {
        projects.get(code, user);
        return records.panel(code).orElseThrow(() -> ApiException.notFound("该项目尚未启动五个一包联"));
    }
}
