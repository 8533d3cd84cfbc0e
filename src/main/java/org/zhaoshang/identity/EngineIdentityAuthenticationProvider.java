package org.zhaoshang.identity;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The one login: Spring Security checks passwords against Camunda's identity service, so users and
 * groups managed in Camunda Admin are the users of the whole product. Camunda throttles repeated
 * failures itself (login attempts, delay, lock-out).
 */
@Component
public class EngineIdentityAuthenticationProvider implements AuthenticationProvider {

    static final String BAD_CREDENTIALS = "用户名或密码错误";
    static final String DIRECTORY_DOWN = "统一身份目录暂时无法连接，请稍后再试";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EngineIdentityAuthenticationProvider.class);
    static final String LOCKED = "连续输错密码次数过多，账号已锁定，请联系系统管理员解锁";

    private final IdentityService identityService;
    private final ProcessEngineConfigurationImpl engineConfiguration;

    EngineIdentityAuthenticationProvider(ProcessEngine engine) {
        this.identityService = engine.getIdentityService();
        this.engineConfiguration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName() == null ? "" : authentication.getName().trim();
        Object credentials = authentication.getCredentials();
        if (userId.isEmpty() || credentials == null || !passwordMatches(userId, credentials.toString())) {
            if (lockedForGood(userId)) {
                throw new LockedException(LOCKED);
            }
            throw new BadCredentialsException(BAD_CREDENTIALS);
        }
        return authenticatedAs(userId);
    }

    /** Directory mode: the directory checks the password; one that cannot be reached is not a wrong password. */
    private boolean passwordMatches(String userId, String password) {
        try {
            return identityService.checkPassword(userId, password);
        } catch (org.camunda.bpm.engine.impl.identity.IdentityProviderException directoryDown) {
            log.warn("Login of {} refused: the directory cannot be reached ({})", userId, directoryDown.getMessage());
            throw new AuthenticationServiceException(DIRECTORY_DOWN, directoryDown);
        }
    }

    /**
     * Camunda's lock-out after loginMaxAttempts failures (10) lasts until an administrator unlocks the account
     * (Admin → 用户 → 解锁, or POST /engine-rest/user/{id}/unlock); the short locks before it expire by themselves.
     * Only the former is worth telling the person, who otherwise would try again and again.
     */
    private boolean lockedForGood(String userId) {
        User user = userId.isEmpty() ? null : identityService.createUserQuery().userId(userId).singleResult();
        return user instanceof UserEntity entity && entity.getAttempts() >= engineConfiguration.getLoginMaxAttempts();
    }

    /** The authentication of a user whose password was already checked (by Camunda's webapp login). */
    public Authentication authenticatedAs(String userId) {
        StaffUser principal = staffUser(userId).orElseThrow(() -> new BadCredentialsException(BAD_CREDENTIALS));
        List<SimpleGrantedAuthority> authorities = principal.groupIds().stream().map(SimpleGrantedAuthority::new).toList();
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
    }

    /** A person with their groups, e.g. the initiator of a process, for the same checks a request gets. */
    public java.util.Optional<StaffUser> staffUser(String userId) {
        User user = userId == null ? null : identityService.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            return java.util.Optional.empty();
        }
        List<String> groupIds = identityService.createGroupQuery().groupMember(userId).unlimitedList().stream()
                .map(Group::getId)
                .toList();
        return java.util.Optional.of(new StaffUser(userId, PersonNames.of(user), groupIds));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
