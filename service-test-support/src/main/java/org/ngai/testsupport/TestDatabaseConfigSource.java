package org.ngai.testsupport;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Exposes {@link TestDatabase#get()} to the services' {@code %test} profiles as {@code ngai.test.db.kind},
 * {@code ngai.test.db.url}, {@code ngai.test.db.username} and {@code ngai.test.db.password}. Registered through
 * {@code META-INF/services}, so Quarkus reads it at build time (the datasource's db-kind) and at run time.
 * Values are computed on first use only: nothing is probed or started unless a profile asks for them.
 */
public final class TestDatabaseConfigSource implements ConfigSource {
    private static final Set<String> NAMES = Set.of(TestDatabase.KIND, TestDatabase.URL, TestDatabase.USERNAME,
            TestDatabase.PASSWORD);

    @Override
    public Set<String> getPropertyNames() {
        return NAMES;
    }

    @Override
    public String getValue(String name) {
        if (!NAMES.contains(name)) {
            return null;
        }
        TestDatabase.Choice c = TestDatabase.get();
        return Map.of(TestDatabase.KIND, c.kind(), TestDatabase.URL, c.url(), TestDatabase.USERNAME, c.username(),
                TestDatabase.PASSWORD, c.password()).get(name);
    }

    @Override
    public String getName() {
        return "ngai-test-database";
    }

    @Override
    public int getOrdinal() {
        // below application.properties (250): only fills names nothing else defines
        return 150;
    }
}
