package org.ngai.model.firm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The exact binary form of a {@link FirmPopulation}: every field of every firm, doubles as their IEEE
 * bits, so that a population read back continues bit for bit as the original would (checkpoints,
 * docs/pipeline.md "Checkpoints"). Deflated. The first int is a format version; a population written
 * by another version is refused with a message rather than misread.
 */
public final class PopulationCodec {
    /** Bump whenever a field of {@link FirmState} or {@link FirmPopulation} is added, removed or reordered. */
    public static final int VERSION = 1;

    private PopulationCodec() {
    }

    public static byte[] write(FirmPopulation pop) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeInt(VERSION);
            out.writeLong(pop.nextId());
            out.writeDouble(pop.initialAiDemand());
            double[] exp = pop.sectorExpenditure0();
            out.writeInt(exp.length);
            for (double d : exp) {
                out.writeDouble(d);
            }
            List<FirmState> firms = pop.firms();
            out.writeInt(firms.size());
            for (FirmState f : firms) {
                writeFirm(out, f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static FirmPopulation read(byte[] data) {
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(data)))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("population checkpoint has format version " + version
                        + ", this build reads version " + VERSION);
            }
            long nextId = in.readLong();
            double initialAi = in.readDouble();
            double[] exp = new double[in.readInt()];
            for (int i = 0; i < exp.length; i++) {
                exp[i] = in.readDouble();
            }
            int n = in.readInt();
            List<FirmState> firms = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                firms.add(readFirm(in));
            }
            return new FirmPopulation(firms, exp, initialAi, nextId);
        } catch (IOException e) {
            throw new IllegalArgumentException("population checkpoint cannot be read: " + e, e);
        }
    }

    private static void writeFirm(DataOutputStream out, FirmState f) throws IOException {
        out.writeLong(f.id);
        out.writeInt(f.region);
        out.writeInt(f.sector);
        int cap = f.cod.length;
        out.writeInt(cap);
        out.writeInt(f.stage);
        out.writeBoolean(f.alive);
        out.writeInt(f.birthTick);
        out.writeInt(f.taskCount);
        for (int k = 0; k < cap; k++) {
            out.writeFloat(f.cod[k]);
            out.writeFloat(f.complexity[k]);
            out.writeByte(f.taskSkill[k]);
            out.writeFloat(f.aiRank[k]);
            out.writeByte(f.factor[k]);
        }
        out.writeInt(f.newTaskSlot);
        out.writeDouble(f.lnZInn);
        out.writeDouble(f.wedgeZ);
        out.writeDouble(f.stageGain);
        out.writeBoolean(f.misdirected);
        out.writeInt(f.upgradeTick);
        out.writeInt(f.lastAttemptTick);
        out.writeInt(f.lastReviewTick);
        out.writeInt(f.layers);
        out.writeInt(f.productLines);
        out.writeDouble(f.aiQuality);
        out.writeDouble(f.kBase);
        out.writeDouble(f.kUpgrade);
        out.writeDouble(f.kAi);
        out.writeDouble(f.intangible);
        out.writeDouble(f.intangibleWip);
        out.writeDouble(f.pendingIntangible);
        out.writeDouble(f.intangibleRate);
        out.writeDouble(f.data);
        out.writeDouble(f.employedL);
        out.writeDouble(f.employedH);
        out.writeDouble(f.cash);
        out.writeDouble(f.debt);
        out.writeDouble(f.demandShift);
        out.writeDouble(f.fixedCost);
        out.writeDouble(f.lastDemand);
        out.writeDouble(f.lastOutput);
        out.writeDouble(f.lastUnitCost);
        out.writeDouble(f.marketShare);
        out.writeDouble(f.marketShareTrend);
        out.writeInt(f.lossTicks);
        out.writeDouble(f.hiTier);
    }

    private static FirmState readFirm(DataInputStream in) throws IOException {
        long id = in.readLong();
        int region = in.readInt();
        int sector = in.readInt();
        int cap = in.readInt();
        FirmState f = new FirmState(id, region, sector, cap);
        f.stage = in.readInt();
        f.alive = in.readBoolean();
        f.birthTick = in.readInt();
        f.taskCount = in.readInt();
        for (int k = 0; k < cap; k++) {
            f.cod[k] = in.readFloat();
            f.complexity[k] = in.readFloat();
            f.taskSkill[k] = in.readByte();
            f.aiRank[k] = in.readFloat();
            f.factor[k] = in.readByte();
        }
        f.newTaskSlot = in.readInt();
        f.lnZInn = in.readDouble();
        f.wedgeZ = in.readDouble();
        f.stageGain = in.readDouble();
        f.misdirected = in.readBoolean();
        f.upgradeTick = in.readInt();
        f.lastAttemptTick = in.readInt();
        f.lastReviewTick = in.readInt();
        f.layers = in.readInt();
        f.productLines = in.readInt();
        f.aiQuality = in.readDouble();
        f.kBase = in.readDouble();
        f.kUpgrade = in.readDouble();
        f.kAi = in.readDouble();
        f.intangible = in.readDouble();
        f.intangibleWip = in.readDouble();
        f.pendingIntangible = in.readDouble();
        f.intangibleRate = in.readDouble();
        f.data = in.readDouble();
        f.employedL = in.readDouble();
        f.employedH = in.readDouble();
        f.cash = in.readDouble();
        f.debt = in.readDouble();
        f.demandShift = in.readDouble();
        f.fixedCost = in.readDouble();
        f.lastDemand = in.readDouble();
        f.lastOutput = in.readDouble();
        f.lastUnitCost = in.readDouble();
        f.marketShare = in.readDouble();
        f.marketShareTrend = in.readDouble();
        f.lossTicks = in.readInt();
        f.hiTier = in.readDouble();
        return f;
    }
}
