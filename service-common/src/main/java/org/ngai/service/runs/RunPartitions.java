package org.ngai.service.runs;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which partitions this instance owns and where it reads them from (docs/pipeline.md "Recovery" and
 * "Scale-out"). Configured as the input channel's rebalance listener
 * ({@code consumer-rebalance-listener.name=run-partitions}); it runs on the Kafka polling thread.
 *
 * <ul>
 * <li>A partition newly assigned is read from its stored resume offset ({@link ResumeOffsets}), or from
 * the beginning when none is stored: everything before the resume offset is either finished runs or
 * ticks covered by the owning run's checkpoint.</li>
 * <li>A partition revoked and assigned again in the same rebalance (the eager protocol revokes all)
 * continues where this instance had got to: its runs stay in memory.</li>
 * <li>A partition lost to another instance drops its runs from memory ({@link #onLost}); events of it
 * still in flight are ignored ({@link #owns}).</li>
 * </ul>
 * Every {@code ngai.runs.watch-interval} the resume offsets computed by the run table are stored, and
 * the registered watchers (stall checks) run.
 */
@ApplicationScoped
@Identifier(RunPartitions.NAME)
@jakarta.enterprise.inject.Default
public class RunPartitions implements KafkaConsumerRebalanceListener {
    public static final String NAME = "run-partitions";
    private static final Logger LOG = Logger.getLogger(RunPartitions.class);

    @Inject
    DataSource dataSource;
    @Inject
    RunSettings settings;
    @ConfigProperty(name = "quarkus.application.name")
    String group;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final Set<String> owned = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> positions = new ConcurrentHashMap<>();
    private final Set<String> revokedPending = ConcurrentHashMap.newKeySet();
    private final List<Consumer<Set<Integer>>> lostListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private volatile Supplier<Map<String, Long>> resumeSource;
    private volatile Map<String, Long> lastSaved = Map.of();
    private volatile String clusterId;
    private volatile boolean assignedOnce;
    private ResumeOffsets store;
    private ScheduledExecutorService watch;

    private synchronized ResumeOffsets store() {
        if (store == null) {
            store = new ResumeOffsets(dataSource, group);
        }
        return store;
    }

    private synchronized void startWatch() {
        if (watch != null) {
            return;
        }
        watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, group + "-run-watch");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(50, settings.watchInterval().toMillis());
        watch.scheduleWithFixedDelay(this::watchOnce, every, every, TimeUnit.MILLISECONDS);
    }

    /** The Kafka cluster id (part of the resume offsets' key). */
    public String clusterId() {
        if (clusterId == null) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000))) {
                clusterId = admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not read the Kafka cluster id from " + bootstrap + ": " + e, e);
            }
        }
        return clusterId;
    }

    // ------------------------------------------------------------------ called by the run table

    /** Called with the partition numbers whose runs must leave memory (another instance owns them now). */
    public void onLost(Consumer<Set<Integer>> listener) {
        lostListeners.add(listener);
    }

    /** The run table's resume offsets ("topic-partition" → next offset needed), saved periodically. */
    public void resumeSource(Supplier<Map<String, Long>> source) {
        this.resumeSource = source;
        startWatch();
    }

    /** Runs every watch interval on the watch thread (stall checks). */
    public void watch(Runnable watcher) {
        watchers.add(watcher);
        startWatch();
    }

    /** True when this instance owns the event's partition (always for events not from Kafka). */
    public boolean owns(Origin o) {
        return !o.known() || !assignedOnce || owned.contains(o.tp());
    }

    /** Records that the event at {@code o} is being handled: the partition's position moves past it. */
    public void consumed(Origin o) {
        if (o.known()) {
            positions.merge(o.tp(), o.offset() + 1, Math::max);
        }
    }

    /** Next offset this instance will read, per owned topic-partition. */
    public Map<String, Long> positions() {
        Map<String, Long> out = new HashMap<>();
        for (String tp : owned) {
            Long p = positions.get(tp);
            if (p != null) {
                out.put(tp, p);
            }
        }
        return out;
    }

    /** Owned topic-partitions. */
    public Set<String> owned() {
        return Set.copyOf(owned);
    }

    // ------------------------------------------------------------------ rebalance listener (polling thread)

    @Override
    public void onPartitionsRevoked(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                    Collection<TopicPartition> partitions) {
        saveNow();
        for (TopicPartition tp : partitions) {
            revokedPending.add(key(tp));
        }
        LOG.debugf("revoked %s", partitions);
    }

    @Override
    public void onPartitionsLost(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                 Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            revokedPending.add(key(tp));
        }
    }

    @Override
    public void onPartitionsAssigned(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                     Collection<TopicPartition> partitions) {
        Set<String> now = new HashSet<>();
        for (TopicPartition tp : partitions) {
            now.add(key(tp));
        }
        // partitions revoked and not given back: their runs leave memory
        Set<String> gone = new HashSet<>(revokedPending);
        gone.removeAll(now);
        revokedPending.clear();
        Set<Integer> lostNumbers = new HashSet<>();
        for (String tp : gone) {
            owned.remove(tp);
            positions.remove(tp);
            lostNumbers.add(partitionOf(tp));
        }
        Map<String, Long> stored = null;
        int fresh = 0;
        for (TopicPartition tp : partitions) {
            String k = key(tp);
            Long pos = owned.contains(k) ? positions.get(k) : null;
            if (pos != null) {
                consumer.seek(tp, pos);     // kept: continue where this instance got to
                continue;
            }
            if (stored == null) {
                stored = loadStored();
            }
            Long resume = stored.get(k);
            if (resume != null) {
                consumer.seek(tp, resume);
                positions.put(k, resume);
            } else {
                consumer.seekToBeginning(List.of(tp));
                positions.remove(k);
            }
            owned.add(k);
            fresh++;
        }
        // partition numbers still owned in some topic keep their runs (topics are co-partitioned by runId)
        for (String tp : owned) {
            lostNumbers.remove(partitionOf(tp));
        }
        assignedOnce = true;
        if (!lostNumbers.isEmpty()) {
            for (Consumer<Set<Integer>> l : lostListeners) {
                l.accept(lostNumbers);
            }
        }
        LOG.infof("assigned %d partitions (%d new, read from their resume offsets or the beginning)%s", partitions.size(),
                fresh, lostNumbers.isEmpty() ? "" : "; runs of partitions " + lostNumbers + " left to other instances");
    }

    private Map<String, Long> loadStored() {
        try {
            return store().load(clusterId());
        } catch (RuntimeException e) {
            LOG.warnf("no resume offsets (%s): reading new partitions from the beginning", e.getMessage());
            return Map.of();
        }
    }

    // ------------------------------------------------------------------ watch thread

    private void watchOnce() {
        for (Runnable w : watchers) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.warnf("run watch failed: %s", e.toString());
            }
        }
        saveNow();
    }

    /** Stores the current resume offsets of owned partitions if they changed. */
    public synchronized void saveNow() {
        Supplier<Map<String, Long>> source = resumeSource;
        if (source == null || !assignedOnce) {
            return;
        }
        try {
            Map<String, Long> offsets = new HashMap<>(source.get());
            offsets.keySet().retainAll(owned);
            Map<String, Long> changed = new HashMap<>();
            for (Map.Entry<String, Long> e : offsets.entrySet()) {
                if (!e.getValue().equals(lastSaved.get(e.getKey()))) {
                    changed.put(e.getKey(), e.getValue());
                }
            }
            if (!changed.isEmpty()) {
                store().save(clusterId(), changed);
                Map<String, Long> saved = new HashMap<>(lastSaved);
                saved.putAll(changed);
                lastSaved = saved;
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not save resume offsets: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        if (watch != null) {
            watch.shutdownNow();
        }
    }

    static String key(TopicPartition tp) {
        return tp.topic() + "-" + tp.partition();
    }

    static int partitionOf(String tp) {
        return Integer.parseInt(tp.substring(tp.lastIndexOf('-') + 1));
    }
}
