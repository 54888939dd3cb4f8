package org.ngai.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountsTest {
    private final Accounts accounts = new Accounts(List.of(
            new Accounts.Account("op", Optional.of("s3cret-from-env"), Set.of(Accounts.OPERATOR_ROLE)),
            new Accounts.Account("viewer", Optional.empty(), Set.of(Accounts.VIEWER_ROLE))));

    @Test
    void rightCredentialsSignInWithTheirRoles() {
        assertThat(accounts.authenticate("op", "s3cret-from-env".toCharArray()))
                .hasValueSatisfying(a -> assertThat(a.roles()).containsExactly(Accounts.OPERATOR_ROLE));
        assertThat(accounts.operatorConfigured()).isTrue();
    }

    @Test
    void wrongOrMissingCredentialsDoNot() {
        assertThat(accounts.authenticate("op", "s3cret".toCharArray())).isEmpty();
        assertThat(accounts.authenticate("op", "".toCharArray())).isEmpty();
        assertThat(accounts.authenticate("viewer", "s3cret-from-env".toCharArray())).isEmpty();
        assertThat(accounts.authenticate(null, null)).isEmpty();
    }

    @Test
    void anAccountWithoutPasswordCannotSignIn() {
        // no fallback: an unset or blank password is not the empty password
        assertThat(accounts.authenticate("viewer", "".toCharArray())).isEmpty();
        Accounts none = new Accounts(List.of(new Accounts.Account("operator", Optional.of("  "), Set.of(Accounts.OPERATOR_ROLE))));
        assertThat(none.authenticate("operator", "  ".toCharArray())).isEmpty();
        assertThat(none.authenticate("operator", "".toCharArray())).isEmpty();
        assertThat(none.operatorConfigured()).isFalse();
    }
}
