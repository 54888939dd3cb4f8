package org.ngai.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Fresh accounts for a service under test (docs/deployment.md, "Who may change a run"): a random
 * operator and viewer password per test JVM, handed to the service as
 * {@code ngai.security.operator.password} / {@code ngai.security.viewer.password}. No password is written
 * in any file. Register with {@code @WithTestResource(value = OperatorCredentials.class, scope = GLOBAL)};
 * tests sign in with {@link #OPERATOR}, {@link #operatorPassword()}, {@link #VIEWER}, {@link #viewerPassword()}.
 */
public class OperatorCredentials implements QuarkusTestResourceLifecycleManager {
    public static final String OPERATOR = "test-operator";
    public static final String VIEWER = "test-viewer";
    private static final String OPERATOR_PASSWORD = random();
    private static final String VIEWER_PASSWORD = random();

    /** A password of 24 random bytes, URL-safe base64. */
    public static String random() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String operatorPassword() {
        return OPERATOR_PASSWORD;
    }

    public static String viewerPassword() {
        return VIEWER_PASSWORD;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("ngai.security.operator.username", OPERATOR,
                "ngai.security.operator.password", OPERATOR_PASSWORD,
                "ngai.security.viewer.username", VIEWER,
                "ngai.security.viewer.password", VIEWER_PASSWORD);
    }

    @Override
    public void stop() {
    }
}
