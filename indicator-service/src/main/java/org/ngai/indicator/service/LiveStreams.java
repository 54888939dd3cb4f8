package org.ngai.indicator.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.ngai.model.engine.IndicatorTable;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;

/**
 * Live tick streams per run: the aggregation step pushes each closed tick into the run's
 * {@link BroadcastProcessor}; a subscriber first gets the ticks already stored, then the live ones, then
 * a final element with status FINISHED or CANCELLED, and the stream completes.
 */
@ApplicationScoped
public class LiveStreams {
    public static final String RUNNING = "RUNNING";

    /** One element of the stream: a closed tick's headline national indicators (null where undefined). */
    public record TickElement(int tick, String quarter, String status, Map<String, Double> values) {
        public static TickElement of(TickIndicators t, String status) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (Indicator i : IndicatorTable.HEADLINE) {
                double v = t.get(i);
                values.put(i.key, Double.isFinite(v) ? v : null);
            }
            return new TickElement(t.tick(), t.quarter(), status, values);
        }

        static TickElement end(TickIndicators last, String status) {
            return last == null ? new TickElement(0, null, status, Map.of()) : of(last, status);
        }

        boolean terminal() {
            return !RUNNING.equals(status);
        }
    }

    /** What is stored when a subscriber connects: the ticks so far and, for an ended run, its final status. */
    public record Replay(List<TickIndicators> stored, String finalStatus) {
    }

    private static final class Hub {
        final BroadcastProcessor<TickElement> processor = BroadcastProcessor.create();
    }

    private final Map<String, Hub> hubs = new ConcurrentHashMap<>();

    /** A tick of the run closed (called after it is stored). */
    public void tick(String runId, TickIndicators ind) {
        Hub hub = hubs.get(runId);
        if (hub != null) {
            hub.processor.onNext(TickElement.of(ind, RUNNING));
        }
    }

    /** The run ended (called after its status is stored): final element, then completion. */
    public void finish(String runId, String status, TickIndicators last) {
        Hub hub = hubs.remove(runId);
        if (hub != null) {
            hub.processor.onNext(TickElement.end(last, status));
            hub.processor.onComplete();
        }
    }

    /** Subscribers currently attached (tests, diagnostics). */
    public int openHubs() {
        return hubs.size();
    }

    /**
     * The stream of one run. {@code replay} reads the database (blocking); it is called after the live
     * subscription is in place, so no tick falls between the stored ones and the live ones.
     */
    public Multi<TickElement> stream(String runId, Supplier<Replay> replay) {
        return Multi.createFrom().<TickElement>emitter(em -> {
            Hub hub = hubs.computeIfAbsent(runId, k -> new Hub());
            Gate gate = new Gate(em);
            Cancellable live = hub.processor.subscribe().with(gate::live, gate::fail, gate::completed);
            em.onTermination(live::cancel);
            Replay r;
            try {
                r = replay.get();
            } catch (RuntimeException ex) {
                em.fail(ex);
                return;
            }
            List<TickElement> stored = new ArrayList<>(r.stored().size());
            for (TickIndicators t : r.stored()) {
                stored.add(TickElement.of(t, RUNNING));
            }
            TickElement end = null;
            if (r.finalStatus() != null) {
                end = TickElement.end(r.stored().isEmpty() ? null : r.stored().get(r.stored().size() - 1), r.finalStatus());
                // a hub made for a run that had already ended gets no more elements
                hubs.remove(runId, hub);
            }
            gate.replayed(stored, end);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Orders stored and live elements for one subscriber: each tick once, ascending; then the end. */
    private static final class Gate {
        private final MultiEmitter<? super TickElement> em;
        private final List<TickElement> pending = new ArrayList<>();
        private boolean replayed;
        private boolean liveCompleted;
        private boolean done;
        private int lastTick;

        Gate(MultiEmitter<? super TickElement> em) {
            this.em = em;
        }

        synchronized void live(TickElement e) {
            if (replayed) {
                deliver(e);
            } else {
                pending.add(e);
            }
        }

        synchronized void fail(Throwable t) {
            if (!done) {
                done = true;
                em.fail(t);
            }
        }

        synchronized void completed() {
            if (replayed) {
                finish();
            } else {
                liveCompleted = true;
            }
        }

        synchronized void replayed(List<TickElement> stored, TickElement end) {
            for (TickElement e : stored) {
                deliver(e);
            }
            replayed = true;
            for (TickElement e : pending) {
                deliver(e);
            }
            pending.clear();
            if (end != null) {
                deliver(end);
            }
            if (liveCompleted) {
                finish();
            }
        }

        private void deliver(TickElement e) {
            if (done) {
                return;
            }
            if (e.terminal()) {
                em.emit(e);
                finish();
            } else if (e.tick() > lastTick) {
                lastTick = e.tick();
                em.emit(e);
            }
        }

        private void finish() {
            if (!done) {
                done = true;
                em.complete();
            }
        }
    }
}
