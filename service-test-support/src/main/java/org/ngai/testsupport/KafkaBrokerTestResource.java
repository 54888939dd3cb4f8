package org.ngai.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.ngai.events.Topics;
import org.ngai.kafka.local.LocalKafkaBroker;

/**
 * One real Apache Kafka broker (KRaft, from Maven Central jars) for all test classes of a service:
 * register with {@code @WithTestResource(value = KafkaBrokerTestResource.class, scope = GLOBAL)}.
 * Random port, temporary log dir removed afterwards; every protocol topic is created with
 * {@link Topics#PARTITIONS} partitions. Returning {@code kafka.bootstrap.servers} also keeps Kafka
 * Dev Services off. An external broker can be used instead with {@code NGAI_KAFKA_BOOTSTRAP}.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {
    private static volatile LocalKafkaBroker broker;
    private static volatile String bootstrap;

    @Override
    public Map<String, String> start() {
        String external = System.getenv("NGAI_KAFKA_BOOTSTRAP");
        if (external != null && !external.isBlank()) {
            bootstrap = external;
        } else {
            broker = LocalKafkaBroker.start(LocalKafkaBroker.Config.defaults());
            broker.createTopics(Topics.all());
            bootstrap = broker.bootstrapServers();
        }
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** The bootstrap servers of the running test broker (for KafkaCompanion in tests). */
    public static String bootstrapServers() {
        return bootstrap;
    }
}
