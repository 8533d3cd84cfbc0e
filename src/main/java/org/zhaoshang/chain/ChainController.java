package org.zhaoshang.chain;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.Industry;

/** 产业链 as JSON: the chains, one chain with its figures, who leads it, its target companies. */
@RestController
@RequestMapping("/api/chains")
class ChainController {

    /** 分管区领导, 牵头部门, 招商队伍 (user ids), a note. */
    record LeadForm(String leader, String leadDepartment, List<String> team, String note) {
    }

    record TargetForm(String name, String ranking, String note) {
    }

    record MoveForm(String status, String projectCode, String note) {
    }

    private final IndustryChains chains;
    private final ChainReviews reviews;
    private final org.zhaoshang.advisor.Introducers introducers;
    private final java.time.Clock clock;

    ChainController(IndustryChains chains, ChainReviews reviews, org.zhaoshang.advisor.Introducers introducers, java.time.Clock clock) {
        this.chains = chains;
        this.introducers = introducers;
        this.reviews = reviews;
        this.clock = clock;
    }

    @GetMapping
    List<IndustryChains.Chain> list() {
        return chains.list();
    }

    @GetMapping("/{chain}")
    Map<String, Object> one(@PathVariable String chain, @RequestParam(required = false) Integer year) {
        Industry industry = IndustryChains.chain(chain);
        int y = year == null ? java.time.Year.now(clock).getValue() : year;
        return Map.of("chain", chains.get(industry), "figures", chains.figures(industry, y), "projects", chains.projects(industry, 200),
                "introducers", introducers.figures(java.time.LocalDate.of(y, 1, 1), java.time.LocalDate.of(y, 12, 31), industry).stream()
                        .filter(f -> f.registered() > 0).toList());
    }

    /** The chain's monthly reviews (产业链月度研判), newest month first, at most the last two years. */
    @GetMapping("/{chain}/reviews")
    List<ChainReviews.Review> reviews(@PathVariable String chain) {
        return reviews.list(IndustryChains.chain(chain), 24);
    }

    @PutMapping("/{chain}")
    IndustryChains.Chain lead(@AuthenticationPrincipal StaffUser user, @PathVariable String chain, @RequestBody LeadForm form) {
        return chains.lead(IndustryChains.chain(chain), form.leader(), form.leadDepartment(), form.team(), form.note(), user);
    }

    @PostMapping("/{chain}/targets")
    @ResponseStatus(HttpStatus.CREATED)
    IndustryChains.Target addTarget(@AuthenticationPrincipal StaffUser user, @PathVariable String chain, @RequestBody TargetForm form) {
        return chains.addTarget(IndustryChains.chain(chain), form.name(), form.ranking(), form.note(), user);
    }

    @PutMapping("/targets/{id}/status")
    IndustryChains.Target move(@AuthenticationPrincipal StaffUser user, @PathVariable long id, @RequestBody MoveForm form) {
        return chains.move(id, form.status(), form.projectCode(), form.note(), user);
    }

    @GetMapping("/targets/{id}/events")
    List<IndustryChains.TargetEvent> events(@PathVariable long id) {
        chains.target(id).orElseThrow(() -> org.zhaoshang.system.ApiException.notFound("招商图谱中没有这家企业：" + id));
        return chains.events(id);
    }
}
