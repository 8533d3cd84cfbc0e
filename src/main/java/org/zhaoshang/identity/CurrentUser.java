package org.zhaoshang.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The person behind the current request. */
public final class CurrentUser {

    private CurrentUser() {
    }

    /** The logged-in staff user; fails when called outside an authenticated request (a programming error). */
    public static StaffUser get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof StaffUser user) {
            return user;
        }
        throw new IllegalStateException("No authenticated staff user in this request");
    }
}
