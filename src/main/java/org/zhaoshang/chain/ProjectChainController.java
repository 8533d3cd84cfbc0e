package org.zhaoshang.chain;

import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.Industry;

/** A project's 产业链, changed with a reason: {@code PUT /api/projects/{code}/chain {"chain": …, "reason": …}}. */
@RestController
class ProjectChainController {

    record ChainForm(String chain, String reason) {
    }

    private final IndustryChains chains;

    ProjectChainController(IndustryChains chains) {
        this.chains = chains;
    }

    @PutMapping("/api/projects/{code}/chain")
    Map<String, String> change(@AuthenticationPrincipal StaffUser user, @PathVariable String code, @RequestBody ChainForm form) {
        Industry chain = chains.changeChain(code, form.chain(), form.reason(), user);
        return Map.of("chain", chain.name(), "chainLabel", chain.label());
    }
}
