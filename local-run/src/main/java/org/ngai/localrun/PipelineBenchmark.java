package org.ngai.localrun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
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
import org.ngai.events.EventCodec;
import org.ngai.events.Topics;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.engine.RunResult;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Benchmark of the distributed pipeline (issue 3): (a) the broker's raw throughput for records of the
 * sizes the pipeline actually sends, with the services' producer settings; (b) the pipeline's
 * firm-ticks/s and events/s for one scenario with one instance per service; (c) the reference engine
 * on the same scenario; then the ratios. Prints figures; asserts nothing.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure broker throughput, pipeline throughput and the reference engine, and print the ratios.")
public final class PipelineBenchmark implements Callable<Integer> {
    @ParentCommand
    LocalRun parent;
    @Option(names = "--scenario", defaultValue = "baseline")
    String scenario;
    @Option(names = "--firms", defaultValue = "10000")
    int firms;
    @Option(names = "--ticks", defaultValue = "60")
    int ticks;
    @Option(names = "--records", defaultValue = "20000", description = "Records per raw-broker measurement.")
    int records;

    @Override
    public Integer call() throws Exception {
        Scenario s = LocalRun.resolve(scenario, firms, ticks, null);
        Path repo = parent == null ? Path.of(".") : parent.repo;
        System.out.printf("benchmark: %s, %d firms x %d ticks, one instance per service, %d cores%n", s.name(),
                s.firms(), s.ticks(), Runtime.getRuntime().availableProcessors());
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.local(repo.toAbsolutePath().normalize()),
                msg -> System.out.println("- " + msg))) {
            // (b) pipeline
            ObjectNode body = EventCodec.MAPPER.createObjectNode();
            body.set("scenarioDocument", ScenarioLoader.toTree(s));
            long t0 = System.nanoTime();
            Http.Response created = Http.post(cluster.url("firm-service") + "/api/runs", EventCodec.MAPPER.writeValueAsString(body));
            String runId = created.body().path("id").asText();
            List<TickIndicators> series;
            String end;
            try (RunFollower f = new RunFollower(cluster.bootstrapServers(), runId)) {
                end = f.follow(Duration.ofMinutes(30), ti -> { });
                series = f.series();
            }
            double pipelineSec = (System.nanoTime() - t0) / 1e9;
            long[] volume = runVolume(cluster.bootstrapServers(), runId);
            // (a) raw broker throughput for the record sizes the run used
            int typical = (int) Math.max(200, volume[1] / Math.max(1, volume[0]));
            double raw = rawThroughput(cluster.bootstrapServers(), typical, records);
            // (c) reference engine
            RunResult ref = new ReferenceEngine().run(s);
            double refSec = ref.elapsedNanos() / 1e9;
            double firmTicks = (double) s.firms() * s.ticks();
            System.out.println();
            System.out.printf("(a) broker raw:      %,12.0f records/s  (records of %,d bytes, no compression, acks=all, idempotent)%n", raw, typical);
            System.out.printf("(b) pipeline:        %,12.0f firm-ticks/s  %,10.0f events/s  %,d events, %.1f MB, wall %.1f s (%s)%n",
                    firmTicks / pipelineSec, volume[0] / pipelineSec, volume[0], volume[1] / 1e6, pipelineSec, end);
            System.out.printf("(c) reference engine:%,12.0f firm-ticks/s  wall %.1f s%n", firmTicks / refSec, refSec);
            System.out.printf("ratios: pipeline events/s ÷ broker raw records/s = %.3f (aim >= 0.25); "
                    + "reference ÷ pipeline speed = %.1fx; pipeline wall %.1f s (aim < 60 s)%n",
                    (volume[0] / pipelineSec) / raw, pipelineSec / refSec, pipelineSec);
            System.out.println("series identical to the reference engine: " + ref.series().equals(series));
            return "FINISHED".equals(end) ? 0 : 1;
        }
    }

    /** Number of events and bytes the run put on the protocol topics. */
    static long[] runVolume(String bootstrap, String runId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        long count = 0;
        long bytes = 0;
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : Topics.all().keySet()) {
                for (PartitionInfo pi : c.partitionsFor(t)) {
                    parts.add(new TopicPartition(t, pi.partition()));
                }
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            var end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (runId.equals(r.key())) {
                        count++;
                        bytes += r.value() == null ? 0 : r.value().length;
                    }
                }
            }
        }
        return new long[] {count, bytes};
    }

    /** Produce-then-consume records/s on a scratch topic, with the services' producer settings. */
    static double rawThroughput(String bootstrap, int size, int n) {
        String topic = "bench.raw." + System.nanoTime();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262144);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        java.util.Random rnd = new java.util.Random(1);
        byte[][] payloads = new byte[64][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = new byte[size];
            for (int k = 0; k < size; k++) {
                payloads[i][k] = (byte) (rnd.nextInt(40) + 48);   // text-like, compressible like JSON
            }
        }
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> prod = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                prod.send(new ProducerRecord<>(topic, "run-" + (i % 8), payloads[i % payloads.length]));
            }
            prod.flush();
        }
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        long got = 0;
        try (KafkaConsumer<String, byte[]> cons = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo pi : cons.partitionsFor(topic)) {
                parts.add(new TopicPartition(topic, pi.partition()));
            }
            cons.assign(parts);
            cons.seekToBeginning(parts);
            while (got < n) {
                got += cons.poll(Duration.ofMillis(200)).count();
            }
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        return n / sec;
    }
}
