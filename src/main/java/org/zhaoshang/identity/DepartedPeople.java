package org.zhaoshang.identity;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the session of a person who is no longer a user: removed from the district's directory (directory mode) or
 * deleted in Camunda Admin. Each request of a logged-in person checks that the user still exists, at most once per
 * {@code app.directory.session-recheck} (30 s) per person and node, so a removal takes effect within that time plus the directory's refresh.
 * The session is invalidated and the request goes on anonymous: the page asks for a login, the API answers 401.
 * Added to every security filter chain by system.SecurityConfiguration (not a servlet filter of its own).
 */
@Component
public class DepartedPeople {

    private final long recheckMillis;
    private static final Logger log = LoggerFactory.getLogger(DepartedPeople.class);

    private final IdentityService identityService;
    private final Map<String, Long> presentAt = new ConcurrentHashMap<>();

    DepartedPeople(IdentityService identityService,
            @org.springframework.beans.factory.annotation.Value("${app.directory.session-recheck:PT30S}") java.time.Duration recheck) {
        this.identityService = identityService;
        this.recheckMillis = recheck.toMillis();
    }

    /** A new filter for one security filter chain (placed before its authorization check). */
    public OncePerRequestFilter sessionFilter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (authentication != null && authentication.getPrincipal() instanceof StaffUser person && !stillHere(person.id())) {
                    log.warn("Session of {} ended: the user no longer exists (removed from the directory or in Admin)", person.id());
                    HttpSession session = request.getSession(false);
                    if (session != null) {
                        session.invalidate();
                    }
                    SecurityContextHolder.clearContext();
                }
                chain.doFilter(request, response);
            }
        };
    }

    private boolean stillHere(String userId) {
        long now = System.currentTimeMillis();
        Long checked = presentAt.get(userId);
        if (checked != null && now - checked < recheckMillis) {
            return true;
        }
        boolean present = identityService.createUserQuery().userId(userId).count() > 0;
        if (present) {
            presentAt.put(userId, now);
        } else {
            presentAt.remove(userId);
        }
        return present;
    }
}
