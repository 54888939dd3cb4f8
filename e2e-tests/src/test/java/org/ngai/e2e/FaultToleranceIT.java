package org.ngai.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ngai.events.EventCodec;
import org.ngai.localrun.Http;
import org.ngai.localrun.LocalCluster;
import org.ngai.localrun.RunFollower;
import org.ngai.model.engine.ReferenceEngine;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;

/**
 * The fault suite (docs/pipeline.md "Recovery", "Stalls"): real processes killed with SIGKILL at several
 * ticks, crashes at exact points of a tick (after a database write, before the publish), SIGTERM of every
 * service and a restart of all, a stalled run that names what it waits for and resumes, and instances added
 * and removed mid-run, and the Kafka broker itself killed with SIGKILL and restarted. Every run must equal the
 * in-process reference engine value for value.
 *
 * <p>It has a cluster of its own, not {@link SharedCluster}: a short stall time and checkpoint interval from
 * the start, crash points set before restarts, and one instance per service, so the instance it kills is the
 * one that owns the run, and the broker in a JVM of its own, so that it can be killed. It runs first
 * ({@link Order}), before the shared cluster starts.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {
    static LocalCluster cluster;
    static Path markers;

    @BeforeAll
    static void start() throws Exception {
        Path repo = Path.of(System.getProperty("ngai.repo", "..")).toAbsolutePath().normalize();
        Path work = repo.resolve("e2e-tests/target/cluster-faults");
        markers = work.resolve("fault-markers");
        if (Files.exists(markers)) {
            try (var files = Files.list(markers)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(markers);
        // a short stall time, so the stall test does not wait a minute; checkpoints every 5 ticks
        Map<String, String> props = Map.of(
                "ngai.runs.stall-after", "8s",
                "firm.checkpoints.interval", "5",
                "factor.checkpoints.interval", "5",
                "market.checkpoints.interval", "5");
        LocalCluster.Options o = new LocalCluster.Options(repo, work, LocalCluster.Database.H2, null, false,
                List.of("-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1"), 1).withBrokerProcess();
        cluster = LocalCluster.start(o, msg -> System.out.println("[faults] " + msg), props);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static String submit(Scenario s) throws Exception {
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        body.set("scenarioDocument", ScenarioLoader.toTree(s));
        Http.Response r = Http.post(cluster.url("firm-service") + "/api/runs", EventCodec.MAPPER.writeValueAsString(body),
                cluster.operator());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body().path("id").asText();
    }

    /** Follows a run in the background; {@link #tick} is the last tick published so far. */
    static final class Watch implements AutoCloseable {
        final AtomicInteger tick = new AtomicInteger();
        final ExecutorService pool = Executors.newSingleThreadExecutor();
        final Future<List<TickIndicators>> series;

        Watch(String runId) {
            series = pool.submit(() -> {
                try (RunFollower f = new RunFollower(cluster.bootstrapServers(), runId)) {
                    String end = f.follow(Duration.ofMinutes(10), t -> tick.accumulateAndGet(t.tick(), Math::max));
                    assertThat(end).as("run %s", runId).isEqualTo("FINISHED");
                    return f.series();
                }
            });
        }

        void awaitTick(int t) {
            await(() -> tick.get() >= t || series.isDone(), Duration.ofMinutes(4), "tick " + t);
            assertThat(series.isDone()).as("the run ended before tick %d, where a fault was due", t).isFalse();
        }

        /** Waits for tick {@code t} or the run's end, whichever comes first (a step that may land after the end). */
        void awaitTickOrEnd(int t) {
            await(() -> tick.get() >= t || series.isDone(), Duration.ofMinutes(4), "tick " + t + " or the end");
        }

        List<TickIndicators> result() throws Exception {
            return series.get();
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    static void await(BooleanSupplier c, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static void assertEqualsReference(Scenario s, List<TickIndicators> pipeline) {
        List<TickIndicators> reference = new ReferenceEngine().run(s).series();
        assertThat(pipeline).hasSize(s.ticks());
        for (int t = 0; t < s.ticks(); t++) {
            assertThat(pipeline.get(t)).as("tick %d", t + 1).isEqualTo(reference.get(t));
        }
    }

    static void assertNothingDeadLettered(String run) throws Exception {
        try (org.ngai.testsupport.EventProbe probe = new org.ngai.testsupport.EventProbe(cluster.bootstrapServers())) {
            Thread.sleep(3000);   // the probe reads the dead-letter topic from its start
            assertThat(DeadLetters.of(probe, run)).as("nothing of the run was dead-lettered").isEmpty();
        }
    }

    static String status(String service, String runId) {
        try {
            Http.Response r = Http.get(cluster.url(service) + "/api/runs/" + runId);
            return r.status() == 200 ? r.body().path("status").asText() + ": " + r.body().path("message").asText("")
                    : "HTTP " + r.status();
        } catch (Exception e) {
            return "unreachable: " + e;   // the service is down or restarting
        }
    }

    @Test
    @Order(1)
    void killNineOfEveryServiceAtSeveralTicksChangesNoNumber() throws Exception {
        Scenario s = ScenarioLoader.bundled("baseline").toBuilder().firms(5000).ticks(36).seed(31).build();
        String run = submit(s);
        try (Watch w = new Watch(run)) {
            String[] order = {"firm-service", "firm-service", "market-service", "factor-service", "indicator-service",
                    "firm-service"};
            int due = 3;
            for (String svc : order) {
                w.awaitTick(due);
                cluster.kill(svc, 0);
                cluster.restart(svc, 0);
                due = w.tick.get() + 4;
            }
            assertEqualsReference(s, w.result());
        }
        await(() -> status("firm-service", run).startsWith("FINISHED"), Duration.ofMinutes(1), "FINISHED in firm-service");
    }

    @Test
    @Order(2)
    void aCrashBetweenTheDatabaseWriteAndThePublishLosesNothing() throws Exception {
        // firm-service: halts right after storing the checkpoint of tick 10; indicator-service: right after storing
        // tick 7; both before they publish what follows
        Path firmMarker = markers.resolve("firm");
        Path indMarker = markers.resolve("indicator");
        Path oomMarker = markers.resolve("indicator-oom");
        cluster.setServiceProperty("firm-service", "ngai.fault.crash-at", "firm.after-checkpoint:10:" + firmMarker);
        cluster.setServiceProperty("indicator-service", "ngai.fault.crash-at", "indicator.after-store:7:" + indMarker);
        // and an OutOfMemoryError while tick 13 is handled: the instance must halt (exit 70), not dead-letter the event
        cluster.setServiceProperty("indicator-service", "ngai.fault.error-at", "indicator.after-store:13:" + oomMarker);
        cluster.restart("firm-service", 0);
        cluster.restart("indicator-service", 0);
        cluster.awaitConsumerGroupsStable(Duration.ofMinutes(2));
        Scenario s = ScenarioLoader.bundled("financing-support").toBuilder().firms(2000).ticks(16).seed(7).build();
        String run = submit(s);
        try (Watch w = new Watch(run)) {
            await(() -> Files.exists(indMarker), Duration.ofMinutes(4), "indicator-service to crash at tick 7");
            await(() -> !cluster.instance("indicator-service", 0).isAlive(), Duration.ofSeconds(30), "indicator exit");
            cluster.restart("indicator-service", 0);
            await(() -> Files.exists(firmMarker), Duration.ofMinutes(4), "firm-service to crash at tick 10");
            await(() -> !cluster.instance("firm-service", 0).isAlive(), Duration.ofSeconds(30), "firm exit");
            cluster.restart("firm-service", 0);
            await(() -> Files.exists(oomMarker), Duration.ofMinutes(4), "indicator-service to hit its OutOfMemoryError at tick 13");
            await(() -> !cluster.instance("indicator-service", 0).isAlive(), Duration.ofSeconds(30), "indicator halts");
            assertThat(cluster.instance("indicator-service", 0).exitValue()).as("exit status of a halt on an Error "
                    + "(EventIntake.HALT_STATUS)").isEqualTo(70);
            cluster.restart("indicator-service", 0);
            assertEqualsReference(s, w.result());
            assertNothingDeadLettered(run);
        }
    }

    @Test
    @Order(3)
    void sigtermOfEveryServiceAndTheBrokerMidRunAndARestartOfAllChangesNoNumber() throws Exception {
        Scenario s = ScenarioLoader.bundled("baseline").toBuilder().firms(4000).ticks(24).seed(3).build();
        String run = submit(s);
        try (Watch w = new Watch(run)) {
            w.awaitTick(6);
            cluster.restartAll();
            assertEqualsReference(s, w.result());
        }
    }

    @Test
    @Order(4)
    void aStalledRunSaysWhatItWaitsForAndGoesOnWhenTheServiceIsBack() throws Exception {
        Scenario s = ScenarioLoader.bundled("baseline").toBuilder().firms(3000).ticks(20).seed(19).build();
        String run = submit(s);
        try (Watch w = new Watch(run)) {
            w.awaitTick(4);
            cluster.kill("factor-service", 0);
            try {
                // stall-after is 8 s in this cluster: market-service waits for FACTOR_SUPPLIED
                await(() -> status("market-service", run).startsWith("STALLED"), Duration.ofMinutes(2), "market STALLED");
                assertThat(status("market-service", run)).contains("factor-service").contains("FACTOR_SUPPLIED");
                // firm-service names the next link of the chain, which depends on where in the tick factor-service
                // died: market-service (no clearing, no supplies) or indicator-service (no close: it waits for
                // OWNERS_REPORTED, which then names factor-service)
                await(() -> status("firm-service", run).startsWith("STALLED"), Duration.ofMinutes(1), "firm STALLED");
                String firm = status("firm-service", run);
                assertThat(firm).containsAnyOf("market-service", "indicator-service");
                if (firm.contains("from indicator-service")) {
                    await(() -> status("indicator-service", run).startsWith("STALLED"), Duration.ofMinutes(1),
                            "indicator STALLED");
                    assertThat(status("indicator-service", run)).contains("OWNERS_REPORTED from factor-service");
                }
                String metrics = Http.get(cluster.url("market-service") + "/q/metrics").text();
                // the gauge counts the runs marked STALLED in this instance's memory
                assertThat(metrics).containsPattern("transform_stalled_runs\\{[^}]*service=\"market-service\"[^}]*} 1\\.0");
            } finally {
                cluster.restart("factor-service", 0);   // the later tests need it, whatever happened above
            }
            assertEqualsReference(s, w.result());
        }
        await(() -> status("market-service", run).startsWith("FINISHED"), Duration.ofMinutes(1), "market FINISHED");
        await(() -> status("firm-service", run).startsWith("FINISHED"), Duration.ofMinutes(1), "firm FINISHED");
    }

    @Test
    @Order(5)
    void instancesAddedAndRemovedMidRunChangeNoNumber() throws Exception {
        // long enough that every step below lands while the runs are going (an added JVM takes seconds to start)
        Scenario a = ScenarioLoader.bundled("baseline").toBuilder().firms(6000).ticks(48).seed(41).build();
        Scenario b = ScenarioLoader.bundled("talent-training").toBuilder().firms(2000).ticks(48).seed(42).build();
        String runA = submit(a);
        String runB = submit(b);
        try (Watch wa = new Watch(runA); Watch wb = new Watch(runB)) {
            wa.awaitTick(3);
            // run A is paused, so the rebalances below certainly happen while it is in flight (held in memory by
            // the instance that owns it); run B goes on through them
            assertThat(Http.post(cluster.url("firm-service") + "/api/runs/" + runA + "/pause", "{}", cluster.operator())
                    .status()).isLessThan(300);
            int firm2 = cluster.addInstance("firm-service");    // a rebalance with both runs in flight
            cluster.awaitConsumerGroupsStable(Duration.ofMinutes(2));
            cluster.stopInstance("firm-service", 0);             // its partitions move to the added instance
            cluster.awaitConsumerGroupsStable(Duration.ofMinutes(2));
            assertThat(wa.series.isDone()).as("run A is paused, not ended").isFalse();
            assertThat(Http.post(cluster.url("firm-service") + "/api/runs/" + runA + "/resume", "{}", cluster.operator())
                    .status()).isLessThan(300);
            int market2 = cluster.addInstance("market-service");
            wa.awaitTickOrEnd(wa.tick.get() + 1);
            cluster.kill("market-service", market2);            // and the added matcher dies
            cluster.restart("firm-service", 0);
            assertEqualsReference(a, wa.result());
            assertEqualsReference(b, wb.result());
            cluster.stopInstance("firm-service", firm2);
        }
    }

    @Test
    @Order(6)
    void killNineOfTheBrokerMidRunAndARestartChangesNoNumber() throws Exception {
        // The broker dies twice: once briefly, once for longer than the consumers' session timeout (6 s), so
        // that every group has to be rebuilt when it is back. Producers buffer and retry meanwhile (idempotent,
        // acks=all); what the broker had acknowledged is in its log files, which a SIGKILL does not lose.
        Scenario s = ScenarioLoader.bundled("national-compute").toBuilder().firms(3000).ticks(30).seed(53).build();
        String run = submit(s);
        try (Watch w = new Watch(run)) {
            w.awaitTick(5);
            cluster.killBroker();
            Thread.sleep(2_000);
            cluster.restartBroker();
            w.awaitTick(w.tick.get() + 5);
            cluster.killBroker();
            Thread.sleep(10_000);
            cluster.restartBroker();
            assertEqualsReference(s, w.result());
            assertNothingDeadLettered(run);
        }
        for (String svc : LocalCluster.SERVICES) {
            await(() -> status(svc, run).startsWith("FINISHED"), Duration.ofMinutes(1), "FINISHED in " + svc);
        }
    }
}
