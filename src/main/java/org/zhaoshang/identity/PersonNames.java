package org.zhaoshang.identity;

import org.camunda.bpm.engine.identity.User;

/** How a person's name is shown: Chinese order, family name first, no space (张 + 伟 = 张伟). */
public final class PersonNames {

    private PersonNames() {
    }

    public static String of(User user) {
        if (user == null) {
            return "";
        }
        String name = ((user.getLastName() == null ? "" : user.getLastName()) + (user.getFirstName() == null ? "" : user.getFirstName())).trim();
        return name.isEmpty() ? user.getId() : name;
    }
}
