package org.ngai.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.Topics;

/**
 * Test helper on a real broker: sends envelopes (or raw bytes) keyed by run, and reads back every
 * event of a run from the beginning of the protocol topics, waiting until a condition holds.
 */
public final class EventProbe implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    public EventProbe(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (String topic : Topics.all().keySet()) {
            for (PartitionInfo pi : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(topic, pi.partition()));
            }
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    public void send(Envelope... events) {
        for (Envelope e : events) {
            String topic = org.ngai.events.EventType.valueOf(e.type()).topic;
            producer.send(new ProducerRecord<>(topic, e.runId(), EventCodec.toBytes(e)));
        }
        producer.flush();
    }

    public void sendRaw(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
        producer.flush();
    }

    /** Every decodable event of a run seen so far (all topics but the dead-letter topic), in arrival order. */
    public List<Envelope> events(String runId) {
        poll(Duration.ofMillis(50));
        List<Envelope> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            if (runId.equals(r.key()) && !r.topic().equals(Topics.DEAD_LETTER)) {
                try {
                    out.add(EventCodec.fromBytes(r.value()));
                } catch (IllegalArgumentException ignored) {
                    // a malformed record a test sent on purpose
                }
            }
        }
        return out;
    }

    /** Dead-letter records (any run). */
    public List<ConsumerRecord<String, byte[]>> deadLetters() {
        poll(Duration.ofMillis(50));
        return records.stream().filter(r -> r.topic().equals(Topics.DEAD_LETTER)).toList();
    }

    /** Waits until the run's events satisfy the condition; returns them. */
    public List<Envelope> await(String runId, Predicate<List<Envelope>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Envelope> ev = events(runId);
            if (done.test(ev)) {
                return ev;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for the events of run " + runId + "; have "
                        + ev.stream().map(e -> e.type() + "@" + e.tick() + "/" + e.part()).toList());
            }
            poll(Duration.ofMillis(100));
        }
    }

    public void awaitDeadLetters(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (deadLetters().size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " dead letters, got " + deadLetters().size());
            }
            poll(Duration.ofMillis(100));
        }
    }

    public static long count(List<Envelope> ev, String type, int tick) {
        return ev.stream().filter(e -> e.type().equals(type) && e.tick() == tick).count();
    }

    private void poll(Duration d) {
        consumer.poll(d).forEach(records::add);
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }

    public static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
