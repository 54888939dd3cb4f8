package org.ngai.model.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.scenario.Param;
import org.ngai.model.scenario.Params;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioException;
import org.ngai.model.scenario.ScenarioLoader;

/**
 * Reads experiment files (YAML or JSON; the format is described in docs/experiments.md).
 *
 * <pre>
 * name: levers
 * baseSeed: 20200101        # optional: default the control scenario's seed
 * replicates: 10            # 1..1000
 * firms: 2000               # optional overrides of every cell's scenario
 * ticks: 40
 * threads: 2                # optional: default all cores
 * control: baseline         # optional: default the first cell
 * cells:
 *   - { name: baseline, scenario: baseline }
 *   - { name: no-ai, scenario: baseline, parameters: { ai.enabled: 0 } }
 * grid:                     # optional: the cartesian product, cells named "key=value key=value"
 *   scenario: baseline
 *   parameters: { finance.cashFlowRatio: [0.4, 0.6] }
 * indicators: [stage.intelligent, ai.penetration]   # optional: default the headline set
 * window: [33, 40]          # optional: default the last 8 ticks
 * </pre>
 *
 * Unknown fields, wrong types and out-of-range values are rejected with a {@link ScenarioException}
 * naming the field (e.g. {@code cells[1].parameters.ai.enabled}). A cell's {@code scenario} is a file
 * path (relative to the experiment file's folder, else to the working directory) or a bundled name.
 */
public final class ExperimentLoader {
    private static final Set<String> TOP_LEVEL = Set.of("name", "description", "baseSeed", "replicates", "firms", "ticks",
            "threads", "control", "cells", "grid", "indicators", "window");
    private static final Set<String> CELL = Set.of("name", "scenario", "parameters", "from");
    private static final Set<String> GRID = Set.of("scenario", "parameters");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExperimentLoader() {
    }

    /** Loads an experiment file; scenario paths resolve against the file's folder first. */
    public static Experiment load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException("(file)", file + " does not exist");
        }
        try {
            return fromTree(readText(Files.readString(file)), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an experiment given as text; scenario paths resolve against the working directory. */
    public static Experiment parse(String text) {
        return fromTree(readText(text), null);
    }

    public static Experiment fromTree(JsonNode tree, Path dir) {
        if (tree == null || !tree.isObject()) {
            throw new ScenarioException("(document)", "must be a mapping of experiment fields");
        }
        checkFields(tree, TOP_LEVEL, "", "an experiment field");
        Experiment.Builder b = Experiment.builder();
        if (tree.has("name")) {
            b.name(text(tree, "name", "name"));
        }
        if (tree.has("description")) {
            b.description(text(tree, "description", "description"));
        }
        if (tree.has("baseSeed")) {
            b.baseSeed(integral(tree.get("baseSeed"), "baseSeed", Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (tree.has("replicates")) {
            b.replicates((int) integral(tree.get("replicates"), "replicates", 1, Experiment.MAX_REPLICATES));
        }
        if (tree.has("firms")) {
            b.firms((int) integral(tree.get("firms"), "firms", Scenario.MIN_FIRMS, Scenario.MAX_FIRMS));
        }
        if (tree.has("ticks")) {
            b.ticks((int) integral(tree.get("ticks"), "ticks", 1, Scenario.MAX_TICKS));
        }
        if (tree.has("threads")) {
            b.threads((int) integral(tree.get("threads"), "threads", 1, 1024));
        }
        if (tree.has("control")) {
            b.control(text(tree, "control", "control"));
        }
        if (tree.has("cells")) {
            JsonNode cells = tree.get("cells");
            if (!cells.isArray()) {
                throw new ScenarioException("cells", "must be a list of {name, scenario, parameters}");
            }
            for (int i = 0; i < cells.size(); i++) {
                JsonNode c = cells.get(i);
                String at = "cells[" + i + "]";
                if (!c.isObject()) {
                    throw new ScenarioException(at, "must be a mapping {name, scenario, parameters}");
                }
                checkFields(c, CELL, at + ".", "a cell field");
                if (!c.has("scenario")) {
                    throw new ScenarioException(at + ".scenario", "is required (a bundled name such as baseline, or a file)");
                }
                Scenario s = scenario(text(c, "scenario", at + ".scenario"), dir, at + ".scenario");
                String name = c.has("name") ? text(c, "name", at + ".name") : s.name();
                if (c.has("from")) {
                    // the parameters apply from that tick on: each replicate is a fork of the scenario's run there
                    int from = (int) integral(c.get("from"), at + ".from", 1, Scenario.MAX_TICKS);
                    b.cell(name, s, new Experiment.From(from, numbers(c.get("parameters"), at + ".parameters")));
                    continue;
                }
                if (c.has("parameters")) {
                    s = withParameters(s, c.get("parameters"), at + ".parameters");
                }
                b.cell(name, s);
            }
        }
        if (tree.has("grid")) {
            JsonNode g = tree.get("grid");
            if (!g.isObject()) {
                throw new ScenarioException("grid", "must be a mapping {scenario, parameters: {key: [values]}}");
            }
            checkFields(g, GRID, "grid.", "a grid field");
            Scenario s = scenario(g.has("scenario") ? text(g, "scenario", "grid.scenario") : "baseline", dir, "grid.scenario");
            JsonNode ps = g.get("parameters");
            if (ps == null || !ps.isObject() || ps.isEmpty()) {
                throw new ScenarioException("grid.parameters", "must map at least one parameter key to a list of values");
            }
            Map<Param, List<Double>> axes = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = ps.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = "grid.parameters." + e.getKey();
                Param p = param(e.getKey(), field);
                if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                    throw new ScenarioException(field, "must be a non-empty list of numbers");
                }
                List<Double> values = new ArrayList<>();
                for (int k = 0; k < e.getValue().size(); k++) {
                    values.add(number(p, e.getValue().get(k), field + "[" + k + "]"));
                }
                axes.put(p, values);
            }
            b.cells(Experiment.grid(s, axes));
        }
        if (tree.has("indicators")) {
            JsonNode ind = tree.get("indicators");
            if (!ind.isArray()) {
                throw new ScenarioException("indicators", "must be a list of indicator keys (see docs/indicators.md)");
            }
            List<Indicator> list = new ArrayList<>();
            for (int i = 0; i < ind.size(); i++) {
                String at = "indicators[" + i + "]";
                JsonNode k = ind.get(i);
                Indicator x = k.isTextual() ? Indicator.byKey(k.asText()) : null;
                if (x == null) {
                    throw new ScenarioException(at, "= " + k + " is not a known indicator key (see docs/indicators.md)");
                }
                list.add(x);
            }
            b.indicators(list);
        }
        if (tree.has("window")) {
            JsonNode w = tree.get("window");
            if (!w.isArray() || w.size() != 2) {
                throw new ScenarioException("window", "must be [fromTick, toTick]");
            }
            b.window((int) integral(w.get(0), "window[0]", 1, Scenario.MAX_TICKS),
                    (int) integral(w.get(1), "window[1]", 1, Scenario.MAX_TICKS));
        }
        return b.build();
    }

    /** A {key: number} mapping (keys are checked where the values are applied). */
    private static java.util.Map<String, Double> numbers(JsonNode node, String field) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            throw new ScenarioException(field, "must be a mapping of parameter keys to numbers");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber()) {
                throw new ScenarioException(field + "." + e.getKey(), "must be a number, got " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().asDouble());
        });
        return out;
    }

    /** A scenario by file path (relative to dir, then the working directory) or bundled name. */
    static Scenario scenario(String ref, Path dir, String field) {
        List<Path> candidates = new ArrayList<>();
        if (dir != null) {
            candidates.add(dir.resolve(ref));
        }
        candidates.add(Path.of(ref));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                try {
                    return ScenarioLoader.load(p);
                } catch (ScenarioException e) {
                    throw new ScenarioException(field, "= " + p + ": " + e.getMessage());
                }
            }
        }
        try {
            return ScenarioLoader.bundled(ref);
        } catch (ScenarioException e) {
            throw new ScenarioException(field, "= '" + ref + "' is neither a file nor a bundled scenario; bundled: "
                    + ScenarioLoader.bundledNames());
        }
    }

    private static Scenario withParameters(Scenario s, JsonNode node, String path) {
        if (node.isNull()) {
            return s;
        }
        if (!node.isObject()) {
            throw new ScenarioException(path, "must be a mapping of parameter key to number");
        }
        Scenario.Builder b = s.toBuilder();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = path + "." + e.getKey();
            Param p = param(e.getKey(), field);
            b.set(p, number(p, e.getValue(), field));
        }
        return b.build();
    }

    private static Param param(String key, String field) {
        Param p = Param.byKey(key);
        if (p == null) {
            throw new ScenarioException(field, "is not a known parameter (see docs/parameters.md)");
        }
        return p;
    }

    private static double number(Param p, JsonNode n, String field) {
        if (!n.isNumber()) {
            throw new ScenarioException(field, "must be a number, got " + n);
        }
        double v = n.asDouble();
        try {
            Params.validate(p, v);
        } catch (ScenarioException ex) {
            throw new ScenarioException(field, ex.getMessage().substring(ex.field().length() + 1));
        }
        return v;
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String prefix, String what) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!allowed.contains(f)) {
                throw new ScenarioException(prefix + f, "is not " + what + "; allowed: " + new TreeSet<>(allowed));
            }
        }
    }

    private static String text(JsonNode tree, String field, String path) {
        JsonNode n = tree.get(field);
        if (n == null || !n.isTextual()) {
            throw new ScenarioException(path, "must be a string, got " + n);
        }
        return n.asText();
    }

    private static long integral(JsonNode n, String path, long min, long max) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new ScenarioException(path, "must be a whole number, got " + n);
        }
        long v = n.asLong();
        if (v < min || v > max) {
            throw new ScenarioException(path, "= " + v + " is outside the allowed range [" + min + ", " + max + "]");
        }
        return v;
    }

    private static JsonNode readText(String text) {
        try {
            String t = text.stripLeading();
            return (t.startsWith("{") ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            throw new ScenarioException("(document)", "is not valid YAML/JSON: " + e.getOriginalMessage());
        }
    }
}
