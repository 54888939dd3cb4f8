package org.ngai.service.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Checks HTTP basic credentials ({@code quarkus.http.auth.basic=true}) against the {@link Accounts}
 * configured from the environment:
 * <ul>
 * <li>{@code ngai.security.operator.username} ({@code NGAI_OPERATOR_USER}, default {@code operator}) and
 * {@code ngai.security.operator.password} ({@code NGAI_OPERATOR_PASSWORD}, no default): role
 * {@value Accounts#OPERATOR_ROLE};</li>
 * <li>{@code ngai.security.viewer.username} ({@code NGAI_VIEWER_USER}, default {@code viewer}) and
 * {@code ngai.security.viewer.password} ({@code NGAI_VIEWER_PASSWORD}, no default): role
 * {@value Accounts#VIEWER_ROLE}.</li>
 * </ul>
 * Which paths need which role is HTTP permission configuration in each service's application.properties.
 */
@ApplicationScoped
public class AccountIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private static final Logger LOG = Logger.getLogger(AccountIdentityProvider.class);

    @ConfigProperty(name = "ngai.security.operator.username", defaultValue = "operator")
    String operatorUser;
    @ConfigProperty(name = "ngai.security.operator.password")
    Optional<String> operatorPassword;
    @ConfigProperty(name = "ngai.security.viewer.username", defaultValue = "viewer")
    String viewerUser;
    @ConfigProperty(name = "ngai.security.viewer.password")
    Optional<String> viewerPassword;

    private volatile Accounts accounts;

    Accounts accounts() {
        Accounts a = accounts;
        if (a == null) {
            a = new Accounts(List.of(
                    new Accounts.Account(operatorUser, operatorPassword, Set.of(Accounts.OPERATOR_ROLE, Accounts.VIEWER_ROLE)),
                    new Accounts.Account(viewerUser, viewerPassword, Set.of(Accounts.VIEWER_ROLE))));
            accounts = a;
        }
        return a;
    }

    void onStart(@Observes StartupEvent ev) {
        if (!accounts().operatorConfigured()) {
            LOG.warn("no operator password configured (NGAI_OPERATOR_PASSWORD or ngai.security.operator.password):"
                    + " every request that creates or changes a run is refused with 401 (docs/deployment.md)");
        }
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        Optional<Accounts.Account> account = accounts().authenticate(request.getUsername(),
                request.getPassword().getPassword());
        if (account.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("wrong user name or password"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(account.get().username()))
                .addRoles(account.get().roles())
                .addCredential(request.getPassword())
                .build());
    }
}
