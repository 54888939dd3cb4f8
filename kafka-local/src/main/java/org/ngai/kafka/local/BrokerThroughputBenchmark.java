package org.ngai.kafka.local;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Prints producer and consumer throughput (records/s, MB/s) against a {@link LocalKafkaBroker}: 1,000,000
 * records of ~200 and ~2,000 bytes, producer with linger.ms=5, batch.size=131072, lz4 (none if lz4-java is
 * missing), acks=all, idempotence on; topic with 4 partitions. No assertions, just figures.
 *
 * <pre>
 * java -cp "kafka-local/target/ngai-kafka-local-0.1.0-SNAPSHOT.jar:kafka-local/target/lib/*" \
 *      org.ngai.kafka.local.BrokerThroughputBenchmark [--records N] [--sizes 200,2000] [--bootstrap host:port]
 *      [--compression lz4|none|zstd|snappy|gzip]
 * </pre>
 * Without {@code --bootstrap} the broker runs in this JVM on a temporary directory.
 */
public final class BrokerThroughputBenchmark {

    private BrokerThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int records = 1_000_000;
        int[] sizes = {200, 2000};
        String bootstrap = null;
        String compressionOverride = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--bootstrap" -> bootstrap = args[++i];
                case "--compression" -> compressionOverride = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String compression = compressionOverride != null ? compressionOverride : lz4Available() ? "lz4" : "none";
        System.out.printf(Locale.ROOT, "java %s, %d cpus, compression=%s, records=%d%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), compression, records);

        LocalKafkaBroker broker = null;
        try {
            if (bootstrap == null) {
                long t0 = System.nanoTime();
                broker = LocalKafkaBroker.start(LocalKafkaBroker.Config.defaults().withAutoCreateTopics(false));
                bootstrap = broker.bootstrapServers();
                System.out.printf(Locale.ROOT, "in-JVM broker %s started in %d ms%n", bootstrap,
                        (System.nanoTime() - t0) / 1_000_000);
            }
            for (int size : sizes) {
                String topic = "bench-" + size + "-" + System.currentTimeMillis();
                if (broker != null) {
                    broker.createTopics(Map.of(topic, 4));
                }
                produce(bootstrap, topic, records, size, compression);
                consume(bootstrap, topic, records, size);
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    static boolean lz4Available() {
        try {
            Class.forName("net.jpountz.lz4.LZ4Factory", false, BrokerThroughputBenchmark.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void produce(String bootstrap, String topic, int records, int size, String compression)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        byte[][] payloads = payloads(size);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> error = new AtomicReference<>();
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < records; i++) {
                // keys spread over 64 "runs", as the simulation keys by run id
                producer.send(new ProducerRecord<>(topic, "run-" + (i & 63), payloads[i & 4095]), (md, e) -> {
                    if (e != null) {
                        error.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (error.get() != null) {
            System.out.println("produce error: " + error.get());
        }
        System.out.printf(Locale.ROOT, "produce %7d x %5d B: %6.2f s, %,10.0f records/s, %7.1f MB/s (acked %d)%n",
                records, size, s, records / s, records * (double) size / s / 1e6, acked.get());
    }

    private static void consume(String bootstrap, String topic, int records, int size) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        long count = 0;
        long bytes = 0;
        long t0 = System.nanoTime();
        long deadline = t0 + Duration.ofMinutes(5).toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (count < records && System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                for (var r : batch) {
                    count++;
                    bytes += r.value().length;
                }
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "consume %7d x %5d B: %6.2f s, %,10.0f records/s, %7.1f MB/s%n",
                count, size, s, count / s, bytes / s / 1e6);
    }

    /**
     * 4096 distinct JSON-ish payloads of exactly {@code size} bytes with random numbers, cycled through, so
     * that compression sees realistic (not identical) records.
     */
    private static byte[][] payloads(int size) {
        java.util.Random rnd = new java.util.Random(42);
        byte[][] pool = new byte[4096][];
        for (int k = 0; k < pool.length; k++) {
            StringBuilder sb = new StringBuilder(size + 32);
            sb.append("{\"eventId\":\"").append(new java.util.UUID(rnd.nextLong(), rnd.nextLong()))
                    .append("\",\"type\":\"FirmReport\",\"tick\":").append(rnd.nextInt(500)).append(",\"v\":[");
            while (sb.length() < size - 2) {
                sb.append(String.format(Locale.ROOT, "%.6f,", rnd.nextGaussian() * 1000));
            }
            sb.setLength(size - 2);
            sb.append("]}");
            pool[k] = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return pool;
    }
}
