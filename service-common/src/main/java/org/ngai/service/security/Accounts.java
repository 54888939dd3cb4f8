package org.ngai.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The service's accounts for HTTP basic authentication (docs/deployment.md, "Who may change a run"):
 * an operator, who may create, pause, resume and cancel runs (role {@value #OPERATOR_ROLE}), and an
 * optional viewer, who may read when reads are closed (role {@value #VIEWER_ROLE}). Passwords come only
 * from the environment; an account without one cannot sign in, so with no password configured every
 * request that changes a run is refused. There is no default password.
 */
public final class Accounts {
    public static final String OPERATOR_ROLE = "run-operator";
    public static final String VIEWER_ROLE = "run-viewer";

    /** One account: its name, its password if configured, its roles. */
    public record Account(String username, Optional<String> password, Set<String> roles) {
        public Account {
            password = password.filter(p -> !p.isBlank());
            roles = Set.copyOf(roles);
        }

        boolean matches(String user, char[] pass) {
            if (password.isEmpty()) {
                return false;
            }
            // constant time in the password's content: no early exit on the first differing byte
            boolean u = MessageDigest.isEqual(username.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
            boolean p = MessageDigest.isEqual(password.get().getBytes(StandardCharsets.UTF_8),
                    new String(pass).getBytes(StandardCharsets.UTF_8));
            return u & p;
        }
    }

    private final List<Account> accounts;

    public Accounts(List<Account> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    /** The account these credentials sign in to, if any. */
    public Optional<Account> authenticate(String username, char[] password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        Optional<Account> found = Optional.empty();
        for (Account a : accounts) {
            if (a.matches(username, password) && found.isEmpty()) {
                found = Optional.of(a);
            }
        }
        return found;
    }

    /** Whether the operator account has a password (otherwise no run can be created or changed). */
    public boolean operatorConfigured() {
        return accounts.stream().anyMatch(a -> a.roles().contains(OPERATOR_ROLE) && a.password().isPresent());
    }
}
