package org.zhaoshang.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Outside the demo profile the first administrator's password comes from ADMIN_PASSWORD and must not be weak. */
class AdministratorPasswordTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void missingPasswordStopsTheStartWithAClearMessage(String password) {
        assertThatThrownBy(() -> IdentityBootstrap.requireStrongPassword(password))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ADMIN_PASSWORD")
                .hasMessageContaining("未设置管理员密码");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "admin", "short", "ADMIN", "123456789", "at-least-10-chars", "NoDigitsHere!", "Alllowercase12"})
    void weakPasswordIsRefused(String password) {
        assertThatThrownBy(() -> IdentityBootstrap.requireStrongPassword(password))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("管理员密码过于简单");
    }

    @Test
    void longPasswordIsAccepted() {
        assertThatCode(() -> IdentityBootstrap.requireStrongPassword("Zs-2026-long-secret")).doesNotThrowAnyException();
    }
}
