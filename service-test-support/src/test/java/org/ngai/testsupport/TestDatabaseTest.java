package org.ngai.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which database the services' tests get: the decision of {@link TestDatabase#decide}, and the real probe. */
class TestDatabaseTest {
    private final AtomicInteger embeddedStarts = new AtomicInteger();

    private TestDatabase.Embedded embedded(String url) {
        return () -> {
            embeddedStarts.incrementAndGet();
            return url;
        };
    }

    @Test
    void testDbH2WinsAndNothingIsProbedOrStarted() {
        TestDatabase.Choice c = TestDatabase.decide("H2", 5432, port -> {
            throw new AssertionError("probed");
        }, false, embedded("x"));
        assertThat(c.kind()).isEqualTo("h2");
        assertThat(c.url()).startsWith("jdbc:h2:mem:");
        assertThat(embeddedStarts).hasValue(0);
    }

    @Test
    void theMachineServerIsUsedWhenItAnswersOnTheConfiguredPort() {
        TestDatabase.Choice c = TestDatabase.decide(null, 6543, port -> port == 6543, false, embedded("x"));
        assertThat(c.postgresql()).isTrue();
        assertThat(c.url()).isEqualTo("jdbc:postgresql://127.0.0.1:6543/test");
        assertThat(c.username()).isEqualTo("postgres");
        assertThat(embeddedStarts).hasValue(0);
    }

    @Test
    void withoutAServerANonRootUserGetsTheEmbeddedPostgres() {
        TestDatabase.Choice c = TestDatabase.decide("postgresql", 5432, port -> false, false,
                embedded("jdbc:postgresql://localhost:40000/postgres?user=postgres"));
        assertThat(c.postgresql()).isTrue();
        assertThat(c.url()).isEqualTo("jdbc:postgresql://localhost:40000/postgres?user=postgres");
        assertThat(c.source()).contains("no PostgreSQL answers at 127.0.0.1:5432", "embedded PostgreSQL");
        assertThat(embeddedStarts).hasValue(1);
    }

    @Test
    void withoutAServerRootGetsH2AndTheReasonIsNamed() {
        TestDatabase.Choice c = TestDatabase.decide(null, 5432, port -> false, true, embedded("x"));
        assertThat(c.kind()).isEqualTo("h2");
        assertThat(c.source()).contains("cannot run as root", "H2");
        assertThat(embeddedStarts).hasValue(0);
    }

    @Test
    void anEmbeddedServerThatFailsFallsBackToH2NamingTheError() {
        TestDatabase.Choice c = TestDatabase.decide(null, 5432, port -> false, false, () -> {
            throw new IOException("initdb failed: invalid locale");
        });
        assertThat(c.kind()).isEqualTo("h2");
        assertThat(c.source()).contains("initdb failed: invalid locale");
    }

    @Test
    void anUnknownTestDbIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> TestDatabase.decide("mysql", 5432, port -> true, false, embedded("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TEST_DB").hasMessageContaining("mysql");
    }

    @Test
    void theProbeSeesAListeningPortAndNotAClosedOne() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            assertThat(TestDatabase.answers(s.getLocalPort())).isTrue();
            closed = s.getLocalPort();
        }
        assertThat(TestDatabase.answers(closed)).isFalse();
    }

    @Test
    void aBadPortSettingIsRejectedNamingTheVariable() {
        String before = System.getProperty(TestDatabase.PORT_PROPERTY);
        try {
            System.setProperty(TestDatabase.PORT_PROPERTY, "54x");
            assertThatThrownBy(TestDatabase::pgPort).hasMessageContaining("NGAI_TEST_PG_PORT").hasMessageContaining("54x");
            System.setProperty(TestDatabase.PORT_PROPERTY, "15432");
            assertThat(TestDatabase.pgPort()).isEqualTo(15432);
        } finally {
            if (before == null) {
                System.clearProperty(TestDatabase.PORT_PROPERTY);
            } else {
                System.setProperty(TestDatabase.PORT_PROPERTY, before);
            }
        }
    }
}
