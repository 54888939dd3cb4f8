package org.ngai.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ngai.model.factor.FactorOwners;
import org.ngai.model.factor.FactorOwnersCodec;
import org.ngai.model.factor.FactorPhase;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;

/**
 * Checkpoints of factor-service (docs/pipeline.md "Checkpoints"): the factor owners read back must be the owners
 * written, field for field and bit for bit, and a run continued from them must be the uninterrupted run.
 */
class FactorOwnersCodecTest {

    private static Scenario scenario(String name, int ticks) {
        return ScenarioLoader.bundled(name).toBuilder().firms(400).ticks(ticks).seed(29).build();
    }

    @Test
    void everyFieldOfTheOwnersSurvivesTheRoundTrip() throws Exception {
        // after the export-control shock (tick 17): vendors have entered and left, lenders adopted AI, the AI market
        // is under control
        ReferenceEngine.Session s = new ReferenceEngine().start(scenario("export-control-shock", 20));
        for (int t = 1; t <= 18; t++) {
            s.step();
        }
        FactorOwners owners = s.owners();
        assertThat(owners.ai().exportControl()).isTrue();
        FactorOwners back = FactorOwnersCodec.read(FactorOwnersCodec.write(owners));

        // by reflection, through lists, arrays and records: a field added to FactorOwners, Lender, Vendor or
        // AiMarketState and forgotten in the codec fails here
        Walk walk = new Walk();
        walk.compare(owners, back, "owners");
        assertThat(walk.differences).as("fields that differ after the round trip").isEmpty();
        assertThat(walk.fields).as("fields compared").contains("owners.unemployed", "owners.training",
                "owners.lenders[].capital", "owners.lenders[].aiAdopted", "owners.vendors[].entryTick",
                "owners.intermediaryShare", "owners.nextVendorId", "owners.ai.scarcity", "owners.ai.exportControl");
        assertThat(walk.fields).hasSizeGreaterThan(30);
        // a field that is not set through the constructor would come back with its default value: every such
        // field (of the classes with fields; a record's components all go through its constructor) must hold
        // something else in this sample, or the comparison above would not see it forgotten
        assertThat(walk.onlyDefault()).as("fields with only default values in the sample").isEmpty();
        assertThat(owners.vendors()).hasSizeGreaterThan(10);
        assertThat(owners.lenders().stream().filter(l -> l.aiAdopted).count()).isPositive();
    }

    @Test
    void theEncodingIsDeterministic() {
        ReferenceEngine.Session s = new ReferenceEngine().start(scenario("baseline", 8));
        for (int t = 1; t <= 5; t++) {
            s.step();
        }
        byte[] a = FactorOwnersCodec.write(s.owners());
        assertThat(FactorOwnersCodec.write(FactorOwnersCodec.read(a))).isEqualTo(a);
        assertThat(FactorOwnersCodec.write(s.owners().copy())).isEqualTo(a);
    }

    /**
     * The owners alone are the factor side's state: {@link FactorPhase} keeps nothing between ticks (its draws are
     * keyed by seed, entity and tick). A run resumed with owners read back from their encoding continues as the run
     * that was never interrupted, tick for tick and value for value.
     */
    @ParameterizedTest(name = "{0}, resumed after tick {1}")
    @CsvSource({"baseline, 6", "export-control-shock, 16", "export-control-shock, 18", "synthetic-data-overuse, 5",
            "protection, 11", "talent-training, 9"})
    void aRunResumedFromEncodedOwnersContinuesAsTheUninterruptedRun(String name, int after) {
        Scenario sc = scenario(name, 22);
        ReferenceEngine engine = new ReferenceEngine();
        ReferenceEngine.Session s = engine.start(sc);
        for (int t = 1; t <= after; t++) {
            s.step();
        }
        byte[] saved = FactorOwnersCodec.write(s.owners());
        ReferenceEngine.Session resumed = engine.resume(sc, s.tick(), s.environment(), s.firms().copy(),
                FactorOwnersCodec.read(saved), s.series());
        List<TickIndicators> tail = new ArrayList<>();
        while (resumed.tick() <= sc.ticks()) {
            tail.add(resumed.step());
        }
        List<TickIndicators> full = new ReferenceEngine().run(sc).series();
        assertThat(tail).isEqualTo(full.subList(after, sc.ticks()));
    }

    @Test
    void aForkFromEncodedOwnersIsTheScheduledRun() {
        // what factor-service does with a fork (Fork.stateAt), then a checkpoint of it, then a restart from that
        Scenario parent = scenario("baseline", 20);
        Scenario fork = Fork.scenario(parent, 7, Map.of("finance.cashFlowRatio", 0.6, "policy.creditGuarantee", 0.5), null);
        List<TickIndicators> scheduled = new ReferenceEngine().run(fork).series();
        ReferenceEngine.Session at = Fork.stateAt(parent, 7);
        ReferenceEngine engine = new ReferenceEngine();
        ReferenceEngine.Session continued = engine.resume(fork, 7, at.environment(), at.firms().copy(),
                FactorOwnersCodec.read(FactorOwnersCodec.write(at.owners())), at.series());
        for (int t = 7; t <= 12; t++) {
            continued.step();
        }
        ReferenceEngine.Session restarted = engine.resume(fork, continued.tick(), continued.environment(),
                continued.firms().copy(), FactorOwnersCodec.read(FactorOwnersCodec.write(continued.owners())),
                continued.series());
        List<TickIndicators> out = new ArrayList<>(continued.series());
        while (restarted.tick() <= fork.ticks()) {
            out.add(restarted.step());
        }
        assertThat(out).isEqualTo(scheduled);
    }

    @Test
    void anotherFormatVersionIsRefusedWithAMessage() {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.util.zip.DeflaterOutputStream(b))) {
            out.writeInt(FactorOwnersCodec.VERSION + 1);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> FactorOwnersCodec.read(b.toByteArray()))
                .hasMessageContaining("format version " + (FactorOwnersCodec.VERSION + 1));
        assertThatThrownBy(() -> FactorOwnersCodec.read(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
    }

    /**
     * Compares two object graphs field by field: values of the same field path must be identical (doubles by their
     * bits). Records are walked by their components, other model classes by their instance fields.
     */
    static final class Walk {
        final List<String> differences = new ArrayList<>();
        final Set<String> fields = new LinkedHashSet<>();
        /** Per field path of a class with fields (not records): whether some instance held a non-default value. */
        private final Map<String, Boolean> nonDefault = new LinkedHashMap<>();

        List<String> onlyDefault() {
            List<String> out = new ArrayList<>();
            nonDefault.forEach((k, v) -> {
                if (!v) {
                    out.add(k);
                }
            });
            return out;
        }

        void compare(Object a, Object b, String path) throws Exception {
            if (a == null || b == null) {
                if (a != b) {
                    differences.add(path + ": " + a + " vs " + b);
                }
                return;
            }
            Class<?> c = a.getClass();
            if (c != b.getClass()) {
                differences.add(path + ": " + c.getSimpleName() + " vs " + b.getClass().getSimpleName());
            } else if (c.isArray()) {
                int n = Array.getLength(a);
                if (n != Array.getLength(b)) {
                    differences.add(path + ": length " + n + " vs " + Array.getLength(b));
                    return;
                }
                for (int i = 0; i < n; i++) {
                    compare(Array.get(a, i), Array.get(b, i), path);
                }
            } else if (a instanceof List<?> la) {
                List<?> lb = (List<?>) b;
                if (la.size() != lb.size()) {
                    differences.add(path + ": size " + la.size() + " vs " + lb.size());
                    return;
                }
                for (int i = 0; i < la.size(); i++) {
                    compare(la.get(i), lb.get(i), path + "[]");
                }
            } else if (a instanceof Double da) {
                if (Double.doubleToRawLongBits(da) != Double.doubleToRawLongBits((Double) b)) {
                    differences.add(path + ": " + da + " vs " + b);
                }
            } else if (a instanceof Float fa) {
                if (Float.floatToRawIntBits(fa) != Float.floatToRawIntBits((Float) b)) {
                    differences.add(path + ": " + fa + " vs " + b);
                }
            } else if (a instanceof Number || a instanceof Boolean || a instanceof String || a instanceof Enum<?>
                    || a instanceof Character) {
                if (!a.equals(b)) {
                    differences.add(path + ": " + a + " vs " + b);
                }
            } else if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    String p = path + "." + rc.getName();
                    fields.add(p);
                    rc.getAccessor().setAccessible(true);
                    compare(rc.getAccessor().invoke(a), rc.getAccessor().invoke(b), p);
                }
            } else if (c.getName().startsWith("org.ngai.model.")) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    f.setAccessible(true);
                    String p = path + "." + f.getName();
                    fields.add(p);
                    Object va = f.get(a);
                    nonDefault.merge(p, !isDefault(va), Boolean::logicalOr);
                    compare(va, f.get(b), p);
                }
            } else {
                throw new AssertionError(path + ": the comparison does not know " + c.getName() + "; teach it");
            }
        }

        private static boolean isDefault(Object v) {
            if (v == null) {
                return true;
            }
            if (v instanceof Number n) {
                return n.doubleValue() == 0;
            }
            if (v instanceof Boolean bool) {
                return !bool;
            }
            if (v.getClass().isArray()) {
                return Array.getLength(v) == 0;
            }
            if (v instanceof List<?> l) {
                return l.isEmpty();
            }
            return false;
        }
    }
}
