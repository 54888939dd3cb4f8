package org.ngai.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ngai.model.firm.FirmPopulation;
import org.ngai.model.firm.FirmState;
import org.ngai.model.firm.PopulationCodec;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;

/** Checkpoints of the firm population (docs/pipeline.md "Checkpoints") must continue a run bit for bit. */
class PopulationCodecTest {
    private static final Scenario SMALL = Scenario.builder().name("ckpt").firms(600).ticks(14).seed(23).build();

    @Test
    void everyFieldOfEveryFirmSurvivesTheRoundTrip() throws Exception {
        ReferenceEngine.Session s = new ReferenceEngine().start(SMALL);
        for (int t = 1; t <= 9; t++) {
            s.step();   // entrants, exits, upgrades and J-curves in progress
        }
        FirmPopulation pop = s.firms();
        FirmPopulation back = PopulationCodec.read(PopulationCodec.write(pop));
        assertThat(back.nextId()).isEqualTo(pop.nextId());
        assertThat(back.initialAiDemand()).isEqualTo(pop.initialAiDemand());
        assertThat(back.sectorExpenditure0()).isEqualTo(pop.sectorExpenditure0());
        assertThat(back.firms()).hasSameSizeAs(pop.firms());
        // by reflection: a field added to FirmState and forgotten in the codec fails here
        List<Field> fields = new ArrayList<>();
        for (Field f : FirmState.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                fields.add(f);
            }
        }
        assertThat(fields).hasSizeGreaterThan(40);
        int differing = 0;
        for (int i = 0; i < pop.firms().size(); i++) {
            FirmState a = pop.firms().get(i);
            FirmState b = back.firms().get(i);
            for (Field f : fields) {
                Object va = f.get(a);
                Object vb = f.get(b);
                boolean same = va != null && va.getClass().isArray()
                        ? java.util.Objects.deepEquals(new Object[] {va}, new Object[] {vb})
                        : java.util.Objects.equals(va, vb);
                if (!same) {
                    differing++;
                }
            }
        }
        assertThat(differing).as("fields that differ after the round trip").isZero();
    }

    @Test
    void aRunResumedFromItsCheckpointContinuesAsTheUninterruptedRun() {
        ReferenceEngine engine = new ReferenceEngine();
        ReferenceEngine.Session s = engine.start(SMALL);
        for (int t = 1; t <= 6; t++) {
            s.step();
        }
        byte[] saved = PopulationCodec.write(s.firms());
        ReferenceEngine.Session resumed = engine.resume(SMALL, s.tick(), s.environment(), PopulationCodec.read(saved),
                s.owners().copy(), s.series());
        List<TickIndicators> tail = new ArrayList<>();
        while (resumed.tick() <= SMALL.ticks()) {
            tail.add(resumed.step());
        }
        List<TickIndicators> full = new ReferenceEngine().run(SMALL).series();
        assertThat(tail).isEqualTo(full.subList(6, SMALL.ticks()));
    }

    @Test
    void anotherFormatVersionIsRefusedWithAMessage() {
        byte[] bad = PopulationCodec.write(new FirmPopulation(new ArrayList<>(), new double[] {1}, 0, 0));
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.util.zip.DeflaterOutputStream(b))) {
            out.writeInt(PopulationCodec.VERSION + 1);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(PopulationCodec.read(bad).firms()).isEmpty();
        assertThatThrownBy(() -> PopulationCodec.read(b.toByteArray()))
                .hasMessageContaining("format version " + (PopulationCodec.VERSION + 1));
    }
}
