package org.ngai.model.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;

/**
 * Writes an indicator series as CSV (national, per region, per sector; one row per tick and scope,
 * one column per indicator, empty where undefined) and as one JSON document with the scenario and
 * the indicator catalogue (units, spec sections), ready for papers and dashboards; and the charts of
 * {@link SeriesReport} as report.html, to look at first.
 */
public final class SeriesExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SeriesExport() {
    }

    /**
     * Writes national.csv, regions.csv, sectors.csv, series.json and report.html (charts, {@link SeriesReport})
     * into {@code dir}; returns the files.
     */
    public static List<Path> write(Scenario scenario, List<TickIndicators> series, Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> out = new ArrayList<>();
            out.add(dir.resolve("national.csv"));
            try (Writer w = Files.newBufferedWriter(out.get(0))) {
                writeNationalCsv(series, w);
            }
            out.add(dir.resolve("regions.csv"));
            try (Writer w = Files.newBufferedWriter(out.get(1))) {
                writeRegionsCsv(series, w);
            }
            out.add(dir.resolve("sectors.csv"));
            try (Writer w = Files.newBufferedWriter(out.get(2))) {
                writeSectorsCsv(series, w);
            }
            out.add(dir.resolve("series.json"));
            JSON.writeValue(out.get(3).toFile(), toJson(scenario, series));
            out.add(SeriesReport.write(scenario, series, dir));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Indicator> scope(char s) {
        List<Indicator> out = new ArrayList<>();
        for (Indicator i : Indicator.values()) {
            if ((s == 'N' && i.national) || (s == 'R' && i.regional) || (s == 'S' && i.sectoral)) {
                out.add(i);
            }
        }
        return out;
    }

    public static void writeNationalCsv(List<TickIndicators> series, Appendable w) throws IOException {
        List<Indicator> cols = scope('N');
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            List<String> header = new ArrayList<>(List.of("tick", "quarter"));
            cols.forEach(i -> header.add(i.key));
            p.printRecord(header);
            for (TickIndicators t : series) {
                List<Object> row = new ArrayList<>(List.<Object>of(t.tick(), t.quarter()));
                for (Indicator i : cols) {
                    row.add(cell(t.get(i)));
                }
                p.printRecord(row);
            }
        }
    }

    public static void writeRegionsCsv(List<TickIndicators> series, Appendable w) throws IOException {
        List<Indicator> cols = scope('R');
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            List<String> header = new ArrayList<>(List.of("tick", "quarter", "region", "cluster", "area"));
            cols.forEach(i -> header.add(i.key));
            p.printRecord(header);
            for (TickIndicators t : series) {
                for (Region r : Region.ALL) {
                    List<Object> row = new ArrayList<>(List.<Object>of(t.tick(), t.quarter(), r.code(), r.cluster(), r.area()));
                    for (Indicator i : cols) {
                        row.add(cell(t.region(i, r.index())));
                    }
                    p.printRecord(row);
                }
            }
        }
    }

    public static void writeSectorsCsv(List<TickIndicators> series, Appendable w) throws IOException {
        List<Indicator> cols = scope('S');
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            List<String> header = new ArrayList<>(List.of("tick", "quarter", "sector", "class"));
            cols.forEach(i -> header.add(i.key));
            p.printRecord(header);
            for (TickIndicators t : series) {
                for (Sector s : Sector.values()) {
                    List<Object> row = new ArrayList<>(List.<Object>of(t.tick(), t.quarter(), s.name(), s.sectorClass));
                    for (Indicator i : cols) {
                        row.add(cell(t.sector(i, s.ordinal())));
                    }
                    p.printRecord(row);
                }
            }
        }
    }

    public static ObjectNode toJson(Scenario scenario, List<TickIndicators> series) {
        ObjectNode root = JSON.createObjectNode();
        root.set("scenario", ScenarioLoader.toTree(scenario));
        ArrayNode cat = root.putArray("indicators");
        for (Indicator i : Indicator.values()) {
            ObjectNode n = cat.addObject();
            n.put("key", i.key);
            n.put("unit", i.unit);
            n.put("section", i.section);
            n.put("description", i.description);
        }
        ArrayNode ticks = root.putArray("series");
        for (TickIndicators t : series) {
            ObjectNode n = ticks.addObject();
            n.put("tick", t.tick());
            n.put("quarter", t.quarter());
            ObjectNode nat = n.putObject("national");
            for (Indicator i : scope('N')) {
                put(nat, i.key, t.get(i));
            }
            ObjectNode regions = n.putObject("regions");
            for (Region r : Region.ALL) {
                ObjectNode rn = regions.putObject(r.code());
                for (Indicator i : scope('R')) {
                    put(rn, i.key, t.region(i, r.index()));
                }
            }
            ObjectNode sectors = n.putObject("sectors");
            for (Sector s : Sector.values()) {
                ObjectNode sn = sectors.putObject(s.name());
                for (Indicator i : scope('S')) {
                    put(sn, i.key, t.sector(i, s.ordinal()));
                }
            }
        }
        return root;
    }

    private static void put(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    private static Object cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
