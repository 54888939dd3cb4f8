package org.ngai.factor;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ProducerBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Topics;
import org.ngai.testsupport.KafkaBrokerTestResource;

/** The test's side of the real broker: sends envelopes keyed by run, collects what factor-service publishes. */
final class Bus implements AutoCloseable {
    final KafkaCompanion companion = new KafkaCompanion(bootstrap());
    private final ConsumerTask<String, byte[]> outputs;
    private final ProducerBuilder<String, byte[]> producer = companion.produce(String.class, byte[].class);

    Bus() {
        outputs = companion.consume(String.class, byte[].class).withOffsetReset(OffsetResetStrategy.EARLIEST)
                .withGroupId("factor-test-" + System.nanoTime())
                .fromTopics(Set.of(Topics.SUPPLIES, Topics.OWNER_REPORTS, Topics.DEAD_LETTER));
    }

    /** The test broker (the app got the same address from the test resource as kafka.bootstrap.servers). */
    static String bootstrap() {
        String b = KafkaBrokerTestResource.bootstrapServers();
        return b != null ? b : ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Sends one by one, in order, each to its type's topic. */
    void send(Envelope... events) {
        for (Envelope e : events) {
            sendRaw(EventType.valueOf(e.type()).topic, e.runId(), EventCodec.toBytes(e));
        }
    }

    void sendRaw(String topic, String key, byte[] value) {
        producer.fromRecords(new ProducerRecord<>(topic, key, value))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    /** Decoded outputs of a run of one type. */
    List<Envelope> events(String runId, EventType type) {
        return outputs.getRecords().stream()
                .filter(r -> runId.equals(r.key()) && r.topic().equals(type.topic))
                .map(r -> EventCodec.fromBytes(r.value()))
                .filter(e -> e.type().equals(type.name()))
                .toList();
    }

    List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return outputs.getRecords().stream().filter(r -> r.topic().equals(Topics.DEAD_LETTER) && key.equals(r.key()))
                .toList();
    }

    /** Waits until the condition holds on the run's outputs of one type; returns them. */
    List<Envelope> await(String runId, EventType type, Predicate<List<Envelope>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<Envelope> ev = events(runId, type);
            if (done.test(ev)) {
                return ev;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + type + " of run " + runId + "; have " + ev.size());
            }
            sleep(50);
        }
    }

    List<ConsumerRecord<String, byte[]>> awaitDeadLetters(String key, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<ConsumerRecord<String, byte[]>> dl = deadLetters(key);
            if (dl.size() >= n) {
                return dl;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " dead letters keyed " + key + ", got " + dl.size());
            }
            sleep(50);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        outputs.close();
        producer.close();
        companion.close();
    }
}
