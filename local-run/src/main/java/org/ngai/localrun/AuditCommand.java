package org.ngai.localrun;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ngai.events.EventCodec;
import org.ngai.events.audit.AuditException;
import org.ngai.events.audit.FirmAudit;
import org.ngai.events.audit.FirmEnvironment;
import org.ngai.events.audit.FirmHistory;
import org.ngai.events.audit.ReadStats;
import org.ngai.events.audit.RunInfo;
import org.ngai.events.audit.RunLog;
import org.ngai.kafka.local.LocalKafkaBroker;
import org.ngai.model.tick.AdoptionIntent;
import org.ngai.model.tick.FirmReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./simulate audit}: what a firm saw and decided at a tick of a run, or its decisions and reports over the
 * run, re-read from the run's Kafka log ({@link RunLog}, docs/pipeline.md "Audit"). Against a running broker
 * ({@code --bootstrap}, e.g. of {@code ./simulate --keep-running}), or, without it, against the broker log that the
 * last {@code ./simulate} launch left in {@code .local-run/kafka}: a broker is started on that directory for the
 * audit and stopped afterwards. Without {@code --run} it lists the runs on the log.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "What a firm saw and decided at a tick of a finished run, re-read from the run's Kafka log "
                + "(docs/pipeline.md \"Audit\"); without --tick the firm's decisions and reports over the run; without --run the runs on the log.")
public final class AuditCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "A running broker (./simulate --keep-running prints it). Default: open the broker log of the last ./simulate launch (.local-run/kafka).")
    String bootstrap;
    @Option(names = "--run", paramLabel = "ID", description = "The run (./simulate prints its id). Without it: the runs on the log.")
    String run;
    @Option(names = "--firm", paramLabel = "F", description = "The firm id (0..firms-1 at the start; entrants get higher ids).")
    Long firm;
    @Option(names = "--tick", paramLabel = "T", description = "The tick, 1..ticks. Without it: the firm over the whole run.")
    Integer tick;
    @Option(names = "--decisions-only", description = "Without --tick: only the upgrade decisions (reads the small adoption topic, not the reports).")
    boolean decisionsOnly;
    @Option(names = "--json", description = "Print the answer as JSON instead of a table.")
    boolean json;
    @Option(names = "--repo", defaultValue = ".", description = "Repository root (where .local-run/kafka is).")
    Path repo;

    @Override
    public Integer call() throws Exception {
        if (run != null && firm == null) {
            System.err.println("error: --firm is required with --run (or leave --run out to list the runs on the log)");
            return 2;
        }
        LocalKafkaBroker broker = null;
        String servers = bootstrap;
        if (servers == null) {
            Path dir = repo.resolve(".local-run").resolve("kafka").toAbsolutePath().normalize();
            if (!Files.exists(dir.resolve("meta.properties"))) {
                System.err.println("error: no broker log at " + dir + ": run ./simulate first, or pass --bootstrap HOST:PORT of a running broker");
                return 2;
            }
            if (inUse(dir)) {
                System.err.println("error: the broker log at " + dir + " is in use by a running broker (a ./simulate still running?): "
                        + "pass --bootstrap with the broker address it printed");
                return 2;
            }
            long t0 = System.nanoTime();
            try {
                broker = LocalKafkaBroker.start(LocalKafkaBroker.Config.defaults().withLogDir(dir).withAutoCreateTopics(false));
            } catch (RuntimeException e) {
                System.err.println("error: cannot open the broker log at " + dir + " (" + rootMessage(e) + "). If a ./simulate is "
                        + "still running on it, pass --bootstrap with the broker address it printed.");
                return 2;
            }
            servers = broker.bootstrapServers();
            System.err.printf("- opened the broker log of the last ./simulate launch (%s) in %.1f s%n", dir, (System.nanoTime() - t0) / 1e9);
        }
        try {
            if (run == null) {
                List<RunInfo> runs = RunLog.runs(servers, java.time.Duration.ofSeconds(60));
                if (json) {
                    System.out.println(EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(runs));
                } else {
                    System.out.print(runsTable(runs));
                }
                return 0;
            }
            try (RunLog log = RunLog.open(servers, run)) {
                Object answer = tick != null ? log.audit(firm, tick) : log.history(firm, !decisionsOnly);
                if (json) {
                    System.out.println(EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
                } else if (answer instanceof FirmAudit a) {
                    System.out.print(render(log.info(), a));
                } else {
                    System.out.print(render(log.info(), (FirmHistory) answer));
                }
                return 0;
            } catch (AuditException e) {
                System.err.println("error: " + e.field() + ": " + e.getMessage());
                return e.kind() == AuditException.Kind.NOT_FOUND ? 1 : 2;
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    /** Whether another process holds the Kafka log dir's lock (Kafka locks {@code .lock} with a file lock). */
    static boolean inUse(Path dir) {
        Path lock = dir.resolve(".lock");
        if (!Files.exists(lock)) {
            return false;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true;   // this JVM holds it
        } catch (java.io.IOException e) {
            return false;  // let the broker's start say what is wrong
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    static String runsTable(List<RunInfo> runs) {
        StringBuilder sb = new StringBuilder();
        if (runs.isEmpty()) {
            return "no runs on this log\n";
        }
        sb.append(String.format("%-36s  %-22s %8s %6s %6s  %-9s %s%n", "run", "scenario", "firms", "ticks", "closed", "end", "fork of"));
        for (RunInfo r : runs) {
            sb.append(String.format("%-36s  %-22s %8d %6d %6d  %-9s %s%n", r.runId(), r.scenario(), r.firms(), r.ticks(),
                    r.ticksClosed(), r.end() == null ? "-" : r.end(),
                    r.parentRunId() == null ? "" : r.parentRunId() + " at tick " + r.forkTick()));
        }
        return sb.append("audit one: ./simulate audit --run ID --firm F [--tick T]\n").toString();
    }

    static String header(RunInfo run) {
        return String.format("run %s: %s, seed %d, %d firms, %d ticks, %s%n", run.runId(), run.scenario(), run.seed(),
                run.firms(), run.ticks(), run.end() == null ? "ticks closed: " + run.ticksClosed() : run.end());
    }

    static String render(RunInfo run, FirmAudit a) {
        StringBuilder sb = new StringBuilder(header(run));
        sb.append(String.format("firm %d at tick %d (%s)%s: %s%s%n", a.firmId(), a.tick(), a.quarter(),
                a.answeredFrom().equals(a.runId()) ? "" : ", a tick of the parent run " + a.answeredFrom(), a.status(),
                a.tickClosed() ? "" : " (tick still open when read)"));
        FirmEnvironment env = a.environment();
        sb.append(String.format("%nwhat it saw: TICK_STARTED(%d), the firm's region %s and sector %s%n", a.tick(), env.region(),
                env.sector()));
        sb.append(grid(List.of(
                cell("AI price", env.ai().price()), cell("AI quality", env.ai().quality()), cell("AI frontier θ", env.ai().theta()),
                cell("AI scarcity", env.ai().scarcity()), cell("export control", env.ai().exportControl()),
                cell("compute", env.ai().computeCapacity()),
                cell("wage low-skill", env.wageL()), cell("wage high-skill", env.wageH()), cell("income index", env.incomeIndex()),
                cell("screening lab", env.screeningLab()), cell("screening fin", env.screeningFin()),
                cell("screening tech", env.screeningTech()),
                cell("regime lab", env.regimeLab()), cell("regime fin", env.regimeFin()), cell("regime tech", env.regimeTech()),
                cell("adopters >=1", env.adopterShare().get(1)), cell("adopters >=2", env.adopterShare().get(2)),
                cell("adopters >=3", env.adopterShare().get(3)),
                cell("AI revenue share", env.aiRevenueShare()), cell("mean screening", env.meanScreening()),
                cell("visibility", env.visibility()))));
        sb.append(String.format("%nwhat it decided (FIRM_ADOPTED): %s%n", a.decisionText()));
        sb.append(String.format("what became of it (report): %s%n", a.outcome()));
        sb.append(String.format("%nits demand (FACTOR_DEMANDS):%s", a.demand() == null ? " none (it entered at this tick)\n" : "\n" + grid(fields(a.demand()))));
        sb.append(String.format("%nits match (FACTOR_MATCHED):%s", a.match() == null ? " none (the markets gave it nothing)\n" : "\n" + grid(fields(a.match()))));
        sb.append(String.format("%nits report (FIRM_REPORTS):%s", a.report() == null ? " none on the log yet\n" : "\n" + grid(fields(a.report()))));
        sb.append(readLine(a.read()));
        return sb.toString();
    }

    static String render(RunInfo run, FirmHistory h) {
        StringBuilder sb = new StringBuilder(header(run));
        boolean reports = h.ticks().stream().anyMatch(t -> t.report() != null);
        sb.append(String.format("firm %d: %d upgrade decision(s)%s%n%n", h.firmId(), h.decisions(),
                reports ? "" : " (decisions only; leave out --decisions-only for its reports)"));
        if (reports) {
            sb.append(String.format("%4s %-6s %5s %-7s %-22s %10s %9s %-19s %10s %8s %10s %10s%n", "tick", "qtr", "stage", "event",
                    "decision", "investment", "NPV/hurdle", "outcome", "output", "workers", "cash", "debt"));
        } else {
            sb.append(String.format("%4s %-6s %-22s %10s %10s %8s %8s %10s %-4s%n", "tick", "qtr", "decision", "investment",
                    "NPV", "hurdle", "hazard", "finance", "good"));
        }
        for (FirmHistory.Tick t : h.ticks()) {
            AdoptionIntent d = t.decision();
            String decision = d == null ? "-" : d.fromStage() + " -> " + d.toStage() + (d.leap() ? " (leap)" : "");
            String from = t.answeredFrom().equals(h.runId()) ? "" : "  (parent)";
            if (reports) {
                FirmReport r = t.report();
                if (r == null) {
                    sb.append(String.format("%4d %-6s %5s %-7s %-22s%n", t.tick(), t.quarter(), "", "", decision));
                    continue;
                }
                String event = switch (r.event()) {
                    case FirmReport.ENTERED -> "entered";
                    case FirmReport.EXITED -> "exited";
                    default -> "";
                };
                sb.append(String.format(Locale.ROOT, "%4d %-6s %5d %-7s %-22s %10s %9s %-19s %10.4g %8.1f %10.4g %10.4g%s%n",
                        t.tick(), t.quarter(), r.stage(), event, decision, d == null ? "" : num(d.investment()),
                        d == null ? "" : String.format(Locale.ROOT, "%.2f", d.npv() / Math.max(1e-300, d.hurdle())),
                        d == null ? "" : FirmAudit.outcome(r), r.output(), r.employedL() + r.employedH(), r.cash(), r.debt(), from));
            } else {
                sb.append(String.format(Locale.ROOT, "%4d %-6s %-22s %10s %10s %8.3f %8.4f %10s %-4s%s%n", t.tick(), t.quarter(),
                        decision, num(d.investment()), num(d.npv()), d.hurdle(), d.hazard(), num(d.financingNeed()),
                        d.projectGood() ? "yes" : "no", from));
            }
        }
        if (reports) {
            sb.append("(NPV/hurdle: the option's NPV over its real-option hurdle; outcome: the report's adoption field)\n");
        }
        sb.append(readLine(h.read()));
        return sb.toString();
    }

    static String readLine(ReadStats r) {
        return String.format(Locale.ROOT, "%nread %d records (%.1f MB) in %d ms, %d of this run, %d duplicate(s) dropped%s%n",
                r.records(), r.bytes() / 1e6, r.millis(), r.runRecords(), r.duplicates(),
                r.widened().isEmpty() ? "" : "; re-read over the whole run: " + String.join(", ", r.widened()));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String[] cell(String name, Object value) {
        return new String[] {name, value instanceof Double d ? num(d) : String.valueOf(value)};
    }

    /** Every component of a record as a name/value cell, in declaration order. */
    static List<String[]> fields(Record r) {
        List<String[]> out = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                out.add(cell(c.getName(), c.getAccessor().invoke(r)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Cells in three columns, row by row. */
    static String grid(List<String[]> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i += 3) {
            StringBuilder line = new StringBuilder(" ");
            for (int j = i; j < Math.min(cells.size(), i + 3); j++) {
                line.append(String.format(" %-22s %-16s", cells.get(j)[0], cells.get(j)[1]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
