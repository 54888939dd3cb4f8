package org.ngai.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalKafkaBrokerTest {

    private static final int N = 20_000;

    @Test
    void everyAckedRecordIsConsumedExactlyOnce() throws Exception {
        Path tempDir;
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start(LocalKafkaBroker.Config.defaults())) {
            tempDir = kafka.logDir();
            assertThat(kafka.port()).isPositive();
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
            assertThat(kafka.formattedOnStart()).isTrue();
            assertThat(tempDir.resolve("meta.properties")).exists();

            kafka.createTopics(Map.of("orders", 4));
            kafka.createTopics(Map.of("orders", 4)); // idempotent
            try (Admin admin = admin(kafka)) {
                assertThat(admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders")
                        .partitions()).hasSize(4);
            }

            Map<String, RecordMetadata> acked = produce(kafka, "orders", 0, N);
            assertThat(acked).hasSize(N);
            assertThat(acked.values().stream().map(RecordMetadata::partition).distinct()).hasSize(4);

            List<ConsumerRecord<String, String>> consumed = consumeAll(kafka, "orders", "g1", N);
            // exactly once: same count, no duplicates, same set, same (partition, offset) as acked
            assertThat(consumed).hasSize(N);
            Map<String, ConsumerRecord<String, String>> byValue = new HashMap<>();
            for (var r : consumed) {
                assertThat(byValue.put(r.value(), r)).as("duplicate %s", r.value()).isNull();
            }
            assertThat(byValue.keySet()).isEqualTo(acked.keySet());
            acked.forEach((value, md) -> {
                var r = byValue.get(value);
                assertThat(r.partition()).isEqualTo(md.partition());
                assertThat(r.offset()).isEqualTo(md.offset());
            });
            // per key, the send order is kept (same key -> same partition -> increasing sequence)
            Map<String, Integer> lastSeqPerKey = new HashMap<>();
            for (var r : consumed) {
                int seq = Integer.parseInt(r.value().substring(r.value().indexOf('#') + 1));
                Integer prev = lastSeqPerKey.put(r.key(), seq);
                if (prev != null) {
                    assertThat(seq).isGreaterThan(prev);
                }
            }
        }
        assertThat(tempDir).doesNotExist();
    }

    @Test
    void restartOnSameLogDirKeepsDataAndDoesNotReformat(@TempDir Path dir) throws Exception {
        Path logDir = dir.resolve("kafka-data");
        String clusterId;
        String metaBefore;
        Map<String, RecordMetadata> acked;
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start(
                LocalKafkaBroker.Config.defaults().withLogDir(logDir).withAutoCreateTopics(false))) {
            assertThat(kafka.formattedOnStart()).isTrue();
            clusterId = kafka.clusterId();
            metaBefore = Files.readString(logDir.resolve("meta.properties"));
            kafka.createTopics(Map.of("kept", 3));
            acked = produce(kafka, "kept", 0, 1_000);
            // a committed group offset half-way must survive too
            List<ConsumerRecord<String, String>> firstHalf = consumeAll(kafka, "kept", "g-restart", 1_000);
            assertThat(firstHalf).hasSize(1_000);
        }
        assertThat(logDir.resolve("meta.properties")).exists();

        try (LocalKafkaBroker kafka = LocalKafkaBroker.start(
                LocalKafkaBroker.Config.defaults().withLogDir(logDir).withAutoCreateTopics(false))) {
            assertThat(kafka.formattedOnStart()).isFalse();
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            assertThat(Files.readString(logDir.resolve("meta.properties"))).isEqualTo(metaBefore);
            try (Admin admin = admin(kafka)) {
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
                assertThat(admin.describeTopics(List.of("kept")).allTopicNames().get().get("kept").partitions())
                        .hasSize(3);
                // the group resumes at the end: its committed offsets were kept
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("g-restart").partitionsToOffsetAndMetadata().get();
                assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(1_000);
            }
            List<ConsumerRecord<String, String>> again = consumeAll(kafka, "kept", "fresh-group", 1_000);
            assertThat(again).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(acked.keySet());
            // still writable after the restart (producer ids, epochs)
            assertThat(produce(kafka, "kept", 1_000, 100)).hasSize(100);
        }
        assertThat(logDir).exists(); // a given dir is not deleted
    }

    static Admin admin(LocalKafkaBroker kafka) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(p);
    }

    /** Sends {@code count} records, returns value -> metadata of every acked one. */
    static Map<String, RecordMetadata> produce(LocalKafkaBroker kafka, String topic, int from, int count)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        List<String> values = new ArrayList<>(count);
        List<Future<RecordMetadata>> futures = new ArrayList<>(count);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = from; i < from + count; i++) {
                String key = "run-" + (i % 16);
                String value = key + "#" + i;
                values.add(value);
                futures.add(producer.send(new ProducerRecord<>(topic, key, value)));
            }
            producer.flush();
        }
        Map<String, RecordMetadata> acked = new HashMap<>();
        for (int i = 0; i < count; i++) {
            acked.put(values.get(i), futures.get(i).get(30, TimeUnit.SECONDS)); // throws if not acked
        }
        return acked;
    }

    /** Polls (read_committed, from the beginning) until {@code expected} records arrived; checks that is all there is. */
    static List<ConsumerRecord<String, String>> consumeAll(LocalKafkaBroker kafka, String topic, String group,
                                                           int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // the topic holds exactly `expected` records and we stand at its end: nothing missed, nothing extra
            Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            assertThat(end.values().stream().mapToLong(Long::longValue).sum()).as("records in %s", topic)
                    .isEqualTo(expected);
            for (TopicPartition tp : assigned) {
                assertThat(consumer.position(tp)).as("position of %s", tp).isEqualTo(end.get(tp));
            }
            consumer.commitSync();
        }
        return out;
    }
}
