package org.ngai.model.factor;

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
import org.ngai.model.tick.AiMarketState;

/**
 * The exact binary form of {@link FactorOwners}: cohorts, training pipeline, lenders, vendors, intermediary
 * shares, the t0 anchors, the next vendor id and the AI market, doubles as their IEEE bits, so that owners read
 * back continue bit for bit as the original would (factor-service checkpoints, docs/pipeline.md "Checkpoints").
 * Deflated. The first int is a format version; owners written by another version are refused with a message
 * rather than misread.
 *
 * <p>{@link FactorPhase} keeps nothing between ticks (its random draws are keyed by seed, entity and tick), so
 * the owners and the scenario are the whole state of the factor side after a tick.
 */
public final class FactorOwnersCodec {
    /**
     * Bump whenever a field of {@link FactorOwners}, {@link Lender}, {@link Vendor} or {@link AiMarketState} is
     * added, removed or reordered.
     */
    public static final int VERSION = 1;

    private FactorOwnersCodec() {
    }

    public static byte[] write(FactorOwners o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 12);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            out.writeInt(VERSION);
            doubles(out, o.unemployed);
            doubles(out, o.training);
            out.writeInt(o.lenders.size());
            for (Lender l : o.lenders) {
                out.writeInt(l.id);
                out.writeInt(l.region);
                out.writeDouble(l.capital);
                out.writeBoolean(l.aiAdopted);
            }
            out.writeInt(o.vendors.size());
            for (Vendor v : o.vendors) {
                out.writeLong(v.id());
                out.writeInt(v.region());
                out.writeInt(v.layer());
                out.writeInt(v.entryTick());
            }
            doubles(out, o.intermediaryShare);
            out.writeDouble(o.expenditure0);
            out.writeDouble(o.lenderCapital0);
            out.writeInt(o.firms);
            out.writeLong(o.nextVendorId);
            writeAi(out, o.ai);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static FactorOwners read(byte[] data) {
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(data)))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("factor owners checkpoint has format version " + version
                        + ", this build reads version " + VERSION);
            }
            double[] unemployed = doubles(in);
            double[] training = doubles(in);
            int nl = in.readInt();
            List<Lender> lenders = new ArrayList<>(nl);
            for (int i = 0; i < nl; i++) {
                int id = in.readInt();
                int region = in.readInt();
                double capital = in.readDouble();
                boolean adopted = in.readBoolean();
                lenders.add(new Lender(id, region, capital, adopted));
            }
            int nv = in.readInt();
            List<Vendor> vendors = new ArrayList<>(nv);
            for (int i = 0; i < nv; i++) {
                long id = in.readLong();
                int region = in.readInt();
                int layer = in.readInt();
                int entryTick = in.readInt();
                vendors.add(new Vendor(id, region, layer, entryTick));
            }
            double[] intermediaryShare = doubles(in);
            double expenditure0 = in.readDouble();
            double lenderCapital0 = in.readDouble();
            int firms = in.readInt();
            long nextVendorId = in.readLong();
            AiMarketState ai = readAi(in);
            return new FactorOwners(unemployed, training, lenders, vendors, intermediaryShare, expenditure0,
                    lenderCapital0, firms, nextVendorId, ai);
        } catch (IOException e) {
            throw new IllegalArgumentException("factor owners checkpoint cannot be read: " + e, e);
        }
    }

    private static void writeAi(DataOutputStream out, AiMarketState a) throws IOException {
        out.writeDouble(a.theta());
        out.writeDouble(a.thetaTacit());
        out.writeDouble(a.thetaUs());
        out.writeDouble(a.quality());
        out.writeDouble(a.price());
        out.writeDouble(a.energyPerUnit());
        out.writeDouble(a.computeDomestic());
        out.writeDouble(a.computeImported());
        out.writeBoolean(a.exportControl());
        out.writeDouble(a.dataStock());
        out.writeDouble(a.effectiveData());
        out.writeDouble(a.collapse());
        out.writeDouble(a.revenue());
        out.writeDouble(a.rdBase());
        out.writeInt(a.protectionTicks());
        out.writeDouble(a.initialData());
        out.writeDouble(a.scarcity());
    }

    private static AiMarketState readAi(DataInputStream in) throws IOException {
        double theta = in.readDouble();
        double thetaTacit = in.readDouble();
        double thetaUs = in.readDouble();
        double quality = in.readDouble();
        double price = in.readDouble();
        double energyPerUnit = in.readDouble();
        double computeDomestic = in.readDouble();
        double computeImported = in.readDouble();
        boolean exportControl = in.readBoolean();
        double dataStock = in.readDouble();
        double effectiveData = in.readDouble();
        double collapse = in.readDouble();
        double revenue = in.readDouble();
        double rdBase = in.readDouble();
        int protectionTicks = in.readInt();
        double initialData = in.readDouble();
        double scarcity = in.readDouble();
        return new AiMarketState(theta, thetaTacit, thetaUs, quality, price, energyPerUnit, computeDomestic,
                computeImported, exportControl, dataStock, effectiveData, collapse, revenue, rdBase, protectionTicks,
                initialData, scarcity);
    }

    private static void doubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double d : a) {
            out.writeDouble(d);
        }
    }

    private static double[] doubles(DataInputStream in) throws IOException {
        double[] a = new double[in.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }
}
