package org.ngai.model.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ngai.model.core.AiType;
import org.ngai.model.matching.GameMode;

/**
 * Reads scenario documents (YAML or JSON; the format is described in docs/scenarios.md).
 *
 * <pre>
 * name: baseline
 * extends: baseline        # optional: start from another scenario of the same folder
 * seed: 20200101
 * firms: 10000
 * ticks: 60
 * gameMode: PAPER          # B3: PAPER or GENERAL
 * aiType: MACHINE_LEARNING # A3a Table 1
 * parameters: { labour.separation: 0.02 }
 * schedule: [ { tick: 9, set: { policy.trainingSubsidy: 0.02 } } ]
 * expect:                  # optional, not inherited by extends: effects against the baseline
 *   - { indicator: stage.intelligent, direction: up, from: 9, to: 60, note: why }
 * </pre>
 *
 * Unknown fields, unknown parameters, wrong types and out-of-range values are rejected with a
 * {@link ScenarioException} naming the field; nothing runs half-configured.
 */
public final class ScenarioLoader {
    private static final Set<String> TOP_LEVEL = Set.of("name", "description", "extends", "seed", "firms", "ticks",
            "gameMode", "aiType", "parameters", "schedule", "expect");
    private static final Set<String> EXPECT_FIELDS = Set.of("indicator", "direction", "from", "to", "note");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLASSPATH_DIR = "scenarios/";

    private ScenarioLoader() {
    }

    /** Loads a scenario file; {@code extends} resolves against the file's folder. */
    public static Scenario load(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return fromTree(readFile(file), name -> resolveFile(dir, name), 0);
    }

    /** Loads a bundled scenario by name (e.g. "baseline") from the classpath folder scenarios/. */
    public static Scenario bundled(String name) {
        return fromTree(readBundled(name), ScenarioLoader::readBundled, 0);
    }

    /** Names of the bundled scenarios, sorted. */
    public static List<String> bundledNames() {
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + "index.txt")) {
            if (in == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(line.trim());
                }
            }
            out.sort(String::compareTo);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a document given as text (YAML or JSON); {@code extends} resolves to bundled scenarios. */
    public static Scenario parse(String text) {
        return fromTree(readText(text), ScenarioLoader::readBundled, 0);
    }

    /** Parses an already-decoded document (e.g. a JSON body); {@code extends} resolves to bundled scenarios. */
    public static Scenario fromTree(JsonNode tree) {
        return fromTree(tree, ScenarioLoader::readBundled, 0);
    }

    /** The normalised document of a scenario: every field explicit, parameters only where non-default. */
    public static ObjectNode toTree(Scenario s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", s.name());
        n.put("description", s.description());
        n.put("seed", s.seed());
        n.put("firms", s.firms());
        n.put("ticks", s.ticks());
        n.put("gameMode", s.gameMode().name());
        n.put("aiType", s.aiType().name());
        ObjectNode params = n.putObject("parameters");
        s.params().overrides().forEach(params::put);
        var sched = n.putArray("schedule");
        for (ScheduledChange c : s.schedule()) {
            ObjectNode e = sched.addObject();
            e.put("tick", c.tick());
            ObjectNode set = e.putObject("set");
            c.set().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(x -> set.put(x.getKey().key, x.getValue()));
        }
        return n;
    }

    public static String toJson(Scenario s) {
        try {
            return JSON.writeValueAsString(toTree(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    interface Resolver {
        JsonNode read(String name);
    }

    private static Scenario fromTree(JsonNode tree, Resolver resolver, int depth) {
        if (tree == null || !tree.isObject()) {
            throw new ScenarioException("(document)", "must be a mapping of scenario fields");
        }
        Iterator<String> names = tree.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!TOP_LEVEL.contains(f)) {
                throw new ScenarioException(f, "is not a scenario field; allowed: " + new java.util.TreeSet<>(TOP_LEVEL));
            }
        }
        Scenario.Builder b;
        if (tree.hasNonNull("extends")) {
            if (depth > 8) {
                throw new ScenarioException("extends", "chain is too deep (cycle?)");
            }
            String parent = text(tree, "extends");
            JsonNode parentTree;
            try {
                parentTree = resolver.read(parent);
            } catch (ScenarioException e) {
                throw new ScenarioException("extends", "names an unknown scenario '" + parent + "'");
            }
            // a lever's expectations are its own: they are not inherited
            b = fromTree(parentTree, resolver, depth + 1).toBuilder().clearExpectations();
        } else {
            b = Scenario.builder();
        }
        if (tree.has("name")) {
            b.name(text(tree, "name"));
        }
        if (tree.has("description")) {
            b.description(text(tree, "description"));
        }
        if (tree.has("seed")) {
            b.seed(integral(tree, "seed", Long.MIN_VALUE, Long.MAX_VALUE));
        }
        if (tree.has("firms")) {
            b.firms((int) integral(tree, "firms", Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (tree.has("ticks")) {
            b.ticks((int) integral(tree, "ticks", Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        if (tree.has("gameMode")) {
            b.gameMode(enumValue(tree, "gameMode", GameMode.class));
        }
        if (tree.has("aiType")) {
            b.aiType(enumValue(tree, "aiType", AiType.class));
        }
        if (tree.has("parameters")) {
            b.params(applyParameters(b.build().params(), tree.get("parameters"), "parameters"));
        }
        if (tree.has("schedule")) {
            JsonNode sched = tree.get("schedule");
            if (!sched.isArray()) {
                throw new ScenarioException("schedule", "must be a list of {tick, set}");
            }
            for (int i = 0; i < sched.size(); i++) {
                JsonNode e = sched.get(i);
                String at = "schedule[" + i + "]";
                if (!e.isObject() || !e.has("tick") || !e.has("set")) {
                    throw new ScenarioException(at, "must have fields tick and set");
                }
                int tick = (int) integral(e, "tick", 1, Scenario.MAX_TICKS, at + ".tick");
                b.schedule(tick, parameterMap(e.get("set"), at + ".set"));
            }
        }
        if (tree.has("expect")) {
            int ticks = b.build().ticks();
            for (Expectation e : expectations(tree.get("expect"), ticks)) {
                b.expect(e);
            }
        }
        Scenario built = b.build();
        checkConsistent(built, tree);
        return built;
    }

    /**
     * The cross-parameter constraints of {@link Params#checkConsistent} on the scenario's parameters and on the
     * parameters in force after each schedule entry (inherited ones included); errors name the field that set
     * the offending value where the document has one.
     */
    private static void checkConsistent(Scenario s, JsonNode tree) {
        Params.checkConsistent(s.params(), "parameters", keys(tree.get("parameters")));
        JsonNode sched = tree.get("schedule");
        for (ScheduledChange c : s.schedule()) {
            String at = "schedule[tick " + c.tick() + ", inherited]";
            for (int i = 0; sched != null && sched.isArray() && i < sched.size(); i++) {
                if (sched.get(i).path("tick").asLong() == c.tick()) {
                    at = "schedule[" + i + "]";
                    break;
                }
            }
            Params.checkConsistent(s.paramsAt(c.tick()), at + ".set", c.set().keySet());
        }
    }

    private static Set<Param> keys(JsonNode parameters) {
        Set<Param> out = java.util.EnumSet.noneOf(Param.class);
        if (parameters != null && parameters.isObject()) {
            parameters.fieldNames().forEachRemaining(k -> out.add(Param.byKey(k)));
        }
        return out;
    }

    /** The {@code expect:} list; explicit ticks must lie in the scenario's run [1, ticks]. */
    private static List<Expectation> expectations(JsonNode node, int ticks) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ScenarioException("expect", "must be a list of {indicator, direction, from, to, note}");
        }
        List<Expectation> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            String at = "expect[" + i + "]";
            if (!e.isObject()) {
                throw new ScenarioException(at, "must be a mapping {indicator, direction, from, to, note}");
            }
            Iterator<String> fields = e.fieldNames();
            while (fields.hasNext()) {
                String f = fields.next();
                if (!EXPECT_FIELDS.contains(f)) {
                    throw new ScenarioException(at + "." + f, "is not an expectation field; allowed: " + new java.util.TreeSet<>(EXPECT_FIELDS));
                }
            }
            if (!e.hasNonNull("indicator") || !e.get("indicator").isTextual()) {
                throw new ScenarioException(at + ".indicator", "must be an indicator key (see docs/indicators.md)");
            }
            org.ngai.model.indicator.Indicator ind = org.ngai.model.indicator.Indicator.byKey(e.get("indicator").asText());
            if (ind == null) {
                throw new ScenarioException(at + ".indicator", "= '" + e.get("indicator").asText() + "' is not a known indicator (see docs/indicators.md)");
            }
            if (!ind.national) {
                throw new ScenarioException(at + ".indicator", "= " + ind.key + " has no national value");
            }
            if (!e.hasNonNull("direction") || !e.get("direction").isTextual()) {
                throw new ScenarioException(at + ".direction", "must be up or down");
            }
            Expectation.Direction dir;
            switch (e.get("direction").asText().trim().toLowerCase(java.util.Locale.ROOT)) {
                case "up" -> dir = Expectation.Direction.UP;
                case "down" -> dir = Expectation.Direction.DOWN;
                default -> throw new ScenarioException(at + ".direction", "= '" + e.get("direction").asText() + "' must be up or down");
            }
            int from = e.has("from") ? (int) integral(e, "from", 1, ticks, at + ".from") : 0;
            int to = e.has("to") ? (int) integral(e, "to", 1, ticks, at + ".to") : 0;
            if (from != 0 || to != 0) {
                // one end given: from alone runs to the end; to alone closes an 8-tick window
                from = from == 0 ? Math.max(1, to - Expectation.DEFAULT_WINDOW + 1) : from;
                to = to == 0 ? ticks : to;
                if (to < from) {
                    throw new ScenarioException(at + ".to", "= " + to + " is before from = " + from);
                }
            }
            String note = "";
            if (e.has("note") && !e.get("note").isNull()) {
                if (!e.get("note").isTextual()) {
                    throw new ScenarioException(at + ".note", "must be a string");
                }
                note = e.get("note").asText();
            }
            out.add(new Expectation(ind, dir, from, to, note));
        }
        return out;
    }

    private static Params applyParameters(Params base, JsonNode node, String path) {
        return base.withAll(parameterMap(node, path));
    }

    private static Map<Param, Double> parameterMap(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new ScenarioException(path, "must be a mapping of parameter key to number");
        }
        Map<Param, Double> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Param p = Param.byKey(e.getKey());
            String field = path + "." + e.getKey();
            if (p == null) {
                throw new ScenarioException(field, "is not a known parameter (see docs/parameters.md)");
            }
            if (!e.getValue().isNumber()) {
                throw new ScenarioException(field, "must be a number, got " + e.getValue());
            }
            double v = e.getValue().asDouble();
            try {
                Params.validate(p, v);
            } catch (ScenarioException ex) {
                throw new ScenarioException(field, ex.getMessage().substring(ex.field().length() + 1));
            }
            out.put(p, v);
        }
        return out;
    }

    private static String text(JsonNode tree, String field) {
        JsonNode n = tree.get(field);
        if (n == null || !n.isTextual()) {
            throw new ScenarioException(field, "must be a string");
        }
        return n.asText();
    }

    private static long integral(JsonNode tree, String field, long min, long max) {
        return integral(tree, field, min, max, field);
    }

    private static long integral(JsonNode tree, String field, long min, long max, String path) {
        JsonNode n = tree.get(field);
        if (n == null || !n.isIntegralNumber()) {
            throw new ScenarioException(path, "must be a whole number, got " + n);
        }
        long v = n.asLong();
        if (v < min || v > max || !n.canConvertToLong()) {
            throw new ScenarioException(path, "= " + n + " is outside the allowed range [" + min + ", " + max + "]");
        }
        return v;
    }

    private static <E extends Enum<E>> E enumValue(JsonNode tree, String field, Class<E> type) {
        String s = text(tree, field);
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(field, "= '" + s + "' must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static JsonNode readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException("(file)", file + " does not exist");
        }
        try {
            return readText(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode resolveFile(Path dir, String name) {
        for (String ext : new String[] {".yaml", ".yml", ".json", ""}) {
            Path p = dir.resolve(name + ext);
            if (Files.isRegularFile(p)) {
                return readFile(p);
            }
        }
        return readBundled(name);
    }

    private static JsonNode readBundled(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new ScenarioException("scenario", "name '" + name + "' is not a valid scenario name");
        }
        for (String ext : new String[] {".yaml", ".yml", ".json"}) {
            try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + name + ext)) {
                if (in != null) {
                    return readText(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new ScenarioException("scenario", "'" + name + "' is not a bundled scenario; known: " + bundledNames());
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
