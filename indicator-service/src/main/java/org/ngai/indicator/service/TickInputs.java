package org.ngai.indicator.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ngai.events.Payloads;
import org.ngai.model.tick.Clearing;
import org.ngai.model.tick.Environment;
import org.ngai.model.tick.FirmReport;
import org.ngai.model.tick.OwnerReports;
import org.ngai.model.tick.ProduceResult;

/** What has arrived for one (run, tick): env, the clearing, every report chunk with its marker, owner reports. */
final class TickInputs {
    final int tick;
    Environment env;
    Payloads.MarketClearing clearing;
    final TreeMap<Integer, List<FirmReport>> parts = new TreeMap<>();
    Payloads.ReportsClosed closed;
    OwnerReports owners;

    TickInputs(int tick) {
        this.tick = tick;
    }

    /** Adds an input; false if this piece was already there (a duplicate). Invalid pieces throw. */
    @SuppressWarnings("unchecked")
    boolean add(Input in) {
        switch (in.type()) {
            case TICK_STARTED -> {
                if (env != null) {
                    return false;
                }
                env = (Environment) in.value();
            }
            case MARKET_CLEARED -> {
                if (clearing != null) {
                    return false;
                }
                clearing = (Payloads.MarketClearing) in.value();
            }
            case OWNERS_REPORTED -> {
                if (owners != null) {
                    return false;
                }
                owners = (OwnerReports) in.value();
            }
            case FIRM_REPORTS -> {
                if (parts.containsKey(in.part())) {
                    return false;
                }
                if (closed != null && in.part() >= closed.parts()) {
                    throw new IllegalArgumentException("part " + in.part() + " of FIRM_REPORTS tick " + tick
                            + " is beyond the " + closed.parts() + " parts announced by REPORTS_CLOSED");
                }
                parts.put(in.part(), (List<FirmReport>) in.value());
            }
            case REPORTS_CLOSED -> {
                if (closed != null) {
                    return false;
                }
                Payloads.ReportsClosed c = (Payloads.ReportsClosed) in.value();
                if (!parts.isEmpty() && parts.lastKey() >= c.parts()) {
                    throw new IllegalArgumentException("parts: REPORTS_CLOSED of tick " + tick + " announces " + c.parts()
                            + " parts but part " + parts.lastKey() + " has arrived");
                }
                closed = c;
            }
            default -> throw new IllegalStateException(in.type() + " is not a tick input");
        }
        return true;
    }

    boolean complete() {
        return env != null && clearing != null && owners != null && closed != null && parts.size() == closed.parts();
    }

    /** The firm reports, parts concatenated in part order, then (stable) by firm id. */
    ProduceResult produce() {
        List<FirmReport> reports = new ArrayList<>(closed.records());
        for (Map.Entry<Integer, List<FirmReport>> p : parts.entrySet()) {
            reports.addAll(p.getValue());
        }
        if (reports.size() != closed.records()) {
            throw new IllegalArgumentException("records: REPORTS_CLOSED of tick " + tick + " announces " + closed.records()
                    + " firm reports but its " + closed.parts() + " parts hold " + reports.size());
        }
        reports.sort(Comparator.comparingLong(FirmReport::firmId));
        return new ProduceResult(reports, closed.sectors());
    }

    Clearing clearing() {
        return new Clearing(List.of(), clearing.cohortFlows(), clearing.lenderFlows(), clearing.techSales(), clearing.ai(),
                clearing.summaries());
    }
}
