package org.ngai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.events.EventCodec;
import org.ngai.localrun.Http;
import org.ngai.localrun.LocalCluster;
import org.ngai.localrun.RunFollower;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.testsupport.EventProbe;

/**
 * The Grafana dashboards in monitoring/grafana/dashboards checked against real things: a finished run
 * of the four services (two JVMs of each, {@link SharedCluster}) over a real broker and the machine's PostgreSQL,
 * and the Debian Prometheus scraping every service instance every second. Grafana itself does not run here; what it would send does:
 * <ul>
 *   <li>every SQL query (panels and template variables), with Grafana's macros and the variables
 *   filled in as Grafana would, runs against the indicator database and returns the columns the
 *   panel format needs (time/metric/value, or a table) with values in the dashboard's time range;</li>
 *   <li>the views those queries read (indicator_national/_region/_sector, created by indicator-service)
 *   hold exactly the values the run published on Kafka;</li>
 *   <li>every PromQL expression parses with {@code promtool check rules} and returns at least one
 *   series from Prometheus.</li>
 * </ul>
 * Skips (with the reason) when the shared cluster does not run on the machine's PostgreSQL (none answers, or
 * {@code TEST_DB=h2}); the PromQL checks skip when promtool/prometheus
 * are not installed ({@code .ci/run} installs the Debian package prometheus). Prometheus listens on a free
 * port of its own, never 9090.
 *
 * <p>Runs after the other classes on the shared cluster but {@link ScaleOutIT} ({@link org.junit.jupiter.api.Order}):
 * the services' per-topic Kafka consumer metrics (Micrometer's Kafka binder adds the meters of new partitions
 * on a 60-second refresh) reach Prometheus only about a minute after the services start, and the PromQL check
 * waits for them; the classes before it fill that minute.
 */
@SharedCluster.OnSharedCluster
@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 2)
class DashboardIT {
    static final int TICKS = 8;
    static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\\}|\\[\\[([A-Za-z_][A-Za-z0-9_]*)\\]\\]"
            + "|\\$([A-Za-z_][A-Za-z0-9_]*)");

    static final String NO_PROMETHEUS = "prometheus/promtool not on the PATH: install the Debian package prometheus "
            + "(.ci/run does) to check the dashboards' PromQL";

    /**
     * Indicators a dashboard plots that may be undefined (NaN, NULL in the views) in every quarter of this
     * test's small run, with the reason. Every other listed indicator must have a value in some quarter.
     */
    static final Map<String, String> UNDEFINED_IN_A_SHORT_RUN = Map.of(
            "market.fin.efficiency", "good projects funded / good projects seeking cash-flow credit: NaN while no good "
                    + "project seeks cash-flow credit (MarketIndicators), which is the case in 8 quarters with 500 firms");
    /** The services' database on the machine's PostgreSQL (the shared cluster's). */
    static String jdbc;
    static Path repo;
    static Path work;
    static LocalCluster cluster;
    static EventProbe probe;
    static Process prometheus;
    static String prometheusUrl;
    static String promtool;
    static String runId;
    static List<TickIndicators> published;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        // the dashboards read the machine's PostgreSQL server (Grafana's datasource); an embedded one would not do
        cluster = SharedCluster.get();
        SharedCluster.Database db = SharedCluster.database();
        assumeTrue(db.machinePostgres(), "the services do not run on the machine's PostgreSQL (" + db.source()
                + "): the dashboards by quarter read PostgreSQL, so they cannot be checked");
        jdbc = db.jdbcUrl();
        String prometheusBin = which("prometheus");
        promtool = which("promtool");
        repo = Path.of(System.getProperty("ngai.repo", "..")).toAbsolutePath().normalize();
        work = repo.resolve("e2e-tests/target/dashboard-it");
        deleteRecursively(work);
        Files.createDirectories(work);

        probe = new EventProbe(cluster.bootstrapServers());
        if (prometheusBin != null) {
            prometheus = startPrometheus(prometheusBin);
        }

        Scenario s = ScenarioLoader.bundled("baseline").toBuilder().firms(500).ticks(TICKS).seed(2031).build();
        ObjectNode body = EventCodec.MAPPER.createObjectNode();
        body.set("scenarioDocument", ScenarioLoader.toTree(s));
        Http.Response r = Http.post(cluster.url("firm-service") + "/api/runs", EventCodec.MAPPER.writeValueAsString(body),
                cluster.operator());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        runId = r.body().path("id").asText();
        try (RunFollower f = new RunFollower(cluster.bootstrapServers(), runId)) {
            assertThat(f.follow(Duration.ofMinutes(8), t -> { })).isEqualTo("FINISHED");
            published = f.series();
        }
        assertThat(published).hasSize(TICKS);
        // the dead-letter panels have series only once a service rejected a record (the counters are created on
        // the first one): reject one malformed record on every input topic, as a broken producer would
        for (String topic : List.of("sim.control.v1", "firm.demand.v1", "factor.supply.v1", "market.clearing.v1",
                "firm.report.v1", "factor.report.v1")) {
            probe.sendRaw(topic, runId, "{this is not an event");
        }
        DeadLetters.await(probe, runId, 6, Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (probe != null) {
            probe.close();
        }
    }

    // ---------------------------------------------------------------- SQL (PostgreSQL datasource)

    @Test
    void everySqlQueryOfTheDashboardsReturnsTheColumnsItsPanelNeedsForAFinishedRun() throws Exception {
        int checked = 0;
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
            for (Dashboard d : dashboards()) {
                Map<String, List<String>> values = new LinkedHashMap<>();
                for (JsonNode v : d.json.path("templating").path("list")) {
                    String name = v.path("name").asText();
                    values.put(name, variableValues(c, d, v, values));
                }
                for (JsonNode p : d.panels()) {
                    for (JsonNode t : p.path("targets")) {
                        if (!isSql(t, p)) {
                            continue;
                        }
                        String sql = t.path("rawSql").asText();
                        String where = d.file + " panel " + p.path("id").asInt() + " '" + p.path("title").asText() + "'";
                        assertThat(sql).as(where + ": no rawSql").isNotBlank();
                        assertThat(sql).as(where + ": the query ignores the run picker").contains("$run");
                        for (Map<String, String> combo : combinations(sql, values)) {
                            checkPanelQuery(c, d, where + " " + combo, t.path("format").asText("time_series"),
                                    substituteSql(sql, combo, d));
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).as("SQL queries checked").isGreaterThan(20);
    }

    /** The values of a template variable as Grafana would list them (its query run, or its custom list). */
    List<String> variableValues(Connection c, Dashboard d, JsonNode v, Map<String, List<String>> earlier) throws SQLException {
        String name = v.path("name").asText();
        String type = v.path("type").asText();
        if ("custom".equals(type)) {
            List<String> out = new ArrayList<>();
            for (String s : v.path("query").asText().split(",")) {
                out.add(s.trim());
            }
            return out;
        }
        assertThat(type).as(d.file + " variable " + name).isEqualTo("query");
        if (!isSqlDatasource(v.path("datasource"))) {
            return List.of();
        }
        String sql = v.path("query").isObject() ? v.path("query").path("rawSql").asText() : v.path("query").asText();
        List<String> out = new ArrayList<>();
        for (Map<String, String> combo : combinations(sql, earlier)) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(substituteSql(sql, combo, d))) {
                ResultSetMetaData md = rs.getMetaData();
                int valueCol = column(md, "__value");
                int textCol = column(md, "__text");
                assertThat(valueCol > 0 || md.getColumnCount() == 1)
                        .as(d.file + " variable " + name + ": one column, or __value and __text").isTrue();
                while (rs.next()) {
                    String value = rs.getString(valueCol > 0 ? valueCol : 1);
                    assertThat(value).as(d.file + " variable " + name + " value").isNotBlank();
                    if (textCol > 0) {
                        assertThat(rs.getString(textCol)).as(d.file + " variable " + name + " text").isNotBlank();
                    }
                    out.add(value);
                }
            }
        }
        assertThat(out).as(d.file + " variable " + name + " lists nothing").isNotEmpty();
        if ("run".equals(name)) {
            assertThat(out).as("the run picker lists the finished run").contains(runId);
            return List.of(runId);
        }
        if ("quarter".equals(name)) {
            assertThat(out).as("the quarter picker lists every stored quarter, newest first")
                    .containsExactlyElementsOf(newestFirst());
        }
        return out;
    }

    static List<String> newestFirst() {
        List<String> out = new ArrayList<>();
        for (int i = published.size() - 1; i >= 0; i--) {
            out.add(published.get(i).quarter());
        }
        return out;
    }

    void checkPanelQuery(Connection c, Dashboard d, String where, String format, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Integer> numeric = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                if (isNumeric(md.getColumnType(i))) {
                    numeric.add(i);
                }
            }
            assertThat(numeric).as(where + ": no numeric column\n" + sql).isNotEmpty();
            int timeCol = column(md, "time");
            int metricCol = column(md, "metric");
            if ("time_series".equals(format)) {
                assertThat(timeCol).as(where + ": time_series needs a column named time\n" + sql).isPositive();
                assertThat(md.getColumnType(timeCol)).as(where + ": time is not a timestamp")
                        .isIn(Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                assertThat(format).as(where).isEqualTo("table");
            }
            int rows = 0;
            Map<Integer, Integer> nonNull = new HashMap<>();
            Map<String, Integer> metricNonNull = new LinkedHashMap<>();
            Instant prev = null;
            while (rs.next()) {
                rows++;
                for (int i : numeric) {
                    rs.getDouble(i);
                    if (!rs.wasNull()) {
                        nonNull.merge(i, 1, Integer::sum);
                        if (metricCol > 0) {
                            metricNonNull.merge(rs.getString(metricCol), 1, Integer::sum);
                        }
                    } else if (metricCol > 0) {
                        metricNonNull.merge(rs.getString(metricCol), 0, Integer::sum);
                    }
                }
                if (timeCol > 0) {
                    Timestamp ts = rs.getTimestamp(timeCol);
                    assertThat(ts).as(where + ": null time").isNotNull();
                    Instant t = ts.toInstant();
                    assertThat(t).as(where + ": a point outside the dashboard's time range")
                            .isBetween(d.from, d.to);
                    assertThat(prev == null || !t.isBefore(prev)).as(where + ": time not ascending").isTrue();
                    prev = t;
                }
            }
            assertThat(rows).as(where + ": no rows\n" + sql).isPositive();
            for (int i : numeric) {
                assertThat(nonNull.getOrDefault(i, 0)).as(where + ": column " + md.getColumnLabel(i) + " is all NULL\n" + sql)
                        .isPositive();
            }
            Matcher in = Pattern.compile("indicator IN \\(([^)]*)\\)").matcher(sql);
            if (metricCol > 0 && in.find() && (sql.contains("indicator AS metric") || sql.contains("CASE indicator"))) {
                // one series per indicator key listed (a misspelt key has no rows at all), and each with values
                List<String> keys = new ArrayList<>();
                Matcher k = Pattern.compile("'([^']+)'").matcher(in.group(1));
                while (k.find()) {
                    keys.add(k.group(1));
                }
                assertThat(metricNonNull).as(where + ": one series per indicator listed\n" + sql).hasSize(keys.size());
                Matcher view = Pattern.compile("FROM (indicator_(?:national|region|sector))\\b").matcher(sql);
                assertThat(view.find()).as(where + ": reads no indicator view").isTrue();
                for (String key : keys) {
                    if (UNDEFINED_IN_A_SHORT_RUN.containsKey(key)) {
                        continue;
                    }
                    try (Statement st2 = c.createStatement(); ResultSet n = st2.executeQuery("SELECT count(value) FROM "
                            + view.group(1) + " WHERE run_id = '" + runId + "' AND indicator = '" + key + "'")) {
                        n.next();
                        assertThat(n.getInt(1)).as(where + ": series " + key + " is all NULL").isPositive();
                    }
                }
            }
            // series per province or sector (no key list) may be all NULL: a province without firms in a 500-firm
            // run (Tibet, XZ) has NaN indicators; at least one value in the panel is required above
        }
    }

    @Test
    void theViewsHoldTheValuesTheRunPublishedNamedByTheIndicatorCatalogue() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
             Statement st = c.createStatement()) {
            int n = 0;
            try (ResultSet rs = st.executeQuery("SELECT tick, quarter, quarter_start, indicator, value FROM indicator_national "
                    + "WHERE run_id = '" + runId + "' ORDER BY tick, indicator")) {
                while (rs.next()) {
                    TickIndicators t = published.get(rs.getInt(1) - 1);
                    assertThat(rs.getString(2)).isEqualTo(t.quarter());
                    assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(quarterStart(t.quarter()));
                    Indicator i = Indicator.byKey(rs.getString(4));
                    assertThat(i).as(rs.getString(4)).isNotNull();
                    assertSame(rs, 5, t.get(i), t.quarter() + " " + i.key);
                    n++;
                }
            }
            assertThat(n).isEqualTo(TICKS * Indicator.COUNT);
            n = 0;
            try (ResultSet rs = st.executeQuery("SELECT tick, region, indicator, value FROM indicator_region "
                    + "WHERE run_id = '" + runId + "' AND indicator IN ('ai.penetration', 'labour.unemployment', 'market.fin.regime')")) {
                Map<String, Region> byCode = new HashMap<>();
                Region.ALL.forEach(r -> byCode.put(r.code(), r));
                while (rs.next()) {
                    TickIndicators t = published.get(rs.getInt(1) - 1);
                    Region r = byCode.get(rs.getString(2));
                    assertSame(rs, 4, t.region(Indicator.byKey(rs.getString(3)), r.index()), t.quarter() + " " + r.code());
                    n++;
                }
            }
            assertThat(n).isEqualTo(TICKS * Region.COUNT * 3);
            n = 0;
            try (ResultSet rs = st.executeQuery("SELECT tick, sector, indicator, value FROM indicator_sector "
                    + "WHERE run_id = '" + runId + "' AND indicator IN ('ai.penetration', 'labour.costShare')")) {
                while (rs.next()) {
                    TickIndicators t = published.get(rs.getInt(1) - 1);
                    Sector s = Sector.valueOf(rs.getString(2));
                    assertSame(rs, 4, t.sector(Indicator.byKey(rs.getString(3)), s.ordinal()), t.quarter() + " " + s);
                    n++;
                }
            }
            assertThat(n).isEqualTo(TICKS * Sector.COUNT * 2);
        }
    }

    static void assertSame(ResultSet rs, int col, double expected, String what) throws SQLException {
        double v = rs.getDouble(col);
        if (Double.isNaN(expected)) {
            assertThat(rs.wasNull()).as(what + ": NaN is stored as NULL").isTrue();
        } else {
            assertThat(rs.wasNull()).as(what + ": NULL for " + expected).isFalse();
            assertThat(v).as(what).isEqualTo(expected);
        }
    }

    static Instant quarterStart(String quarter) {
        int year = Integer.parseInt(quarter.substring(0, 4));
        int q = Integer.parseInt(quarter.substring(5));
        return java.time.LocalDate.of(year, (q - 1) * 3 + 1, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    }

    // ---------------------------------------------------------------- PromQL (Prometheus datasource)

    @Test
    void everyPromQlExpressionParsesWithPromtool() throws Exception {
        assumeTrue(promtool != null, NO_PROMETHEUS);
        Map<String, String> exprs = promQl();
        ObjectNode root = EventCodec.MAPPER.createObjectNode();
        ArrayNode rules = root.putArray("groups").addObject().put("name", "dashboards").putArray("rules");
        List<String> where = new ArrayList<>(exprs.keySet());
        for (int i = 0; i < where.size(); i++) {
            rules.addObject().put("record", "dashboard:expr_" + i).put("expr", exprs.get(where.get(i)));
        }
        Path file = work.resolve("dashboard-rules.yml");
        Files.writeString(file, EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root)); // JSON is YAML
        String out = run(promtool, "check", "rules", file.toString());
        StringBuilder named = new StringBuilder();
        Matcher m = Pattern.compile("dashboard:expr_(\\d+)").matcher(out);
        while (m.find()) {
            named.append("\n  ").append(where.get(Integer.parseInt(m.group(1))));
        }
        assertThat(out).as(out + named).contains("SUCCESS: " + exprs.size() + " rules found");
        String config = run(promtool, "check", "config", "--syntax-only", repo.resolve("monitoring/prometheus.yml").toString());
        assertThat(config).as(config).contains("SUCCESS");
    }

    @Test
    void everyPromQlExpressionReturnsSeriesFromPrometheusScrapingTheServices() throws Exception {
        assumeTrue(prometheus != null, NO_PROMETHEUS);
        Map<String, String> exprs = promQl();
        assertThat(exprs).hasSizeGreaterThan(20);
        List<String> empty = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (Map.Entry<String, String> e : exprs.entrySet()) {
            // scrapes every second: give rate() its two samples and the last counters their first scrape
            int n;
            while ((n = series(e.getValue()).size()) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1000);
            }
            if (n == 0) {
                empty.add(e.getKey() + ": " + e.getValue());
            }
        }
        assertThat(empty).as("expressions without a series").isEmpty();
        // the pipeline dashboard's run picker (label_values(transform_run_tick, run)) offers the finished run
        assertThat(series("transform_run_tick")).as("transform_run_tick of the run")
                .anySatisfy(sr -> assertThat(sr.path("metric").path("run").asText()).isEqualTo(runId));
    }

    /** Every PromQL expression of the dashboards (targets and label_values variables), variables filled in. */
    static Map<String, String> promQl() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Dashboard d : dashboards()) {
            for (JsonNode v : d.json.path("templating").path("list")) {
                if ("query".equals(v.path("type").asText()) && !isSqlDatasource(v.path("datasource"))) {
                    String q = v.path("query").isObject() ? v.path("query").path("query").asText() : v.path("query").asText();
                    Matcher m = Pattern.compile("^label_values\\((.*),\\s*([A-Za-z_]+)\\)$").matcher(q.trim());
                    assertThat(m.matches()).as(d.file + " variable " + v.path("name").asText() + ": " + q).isTrue();
                    out.put(d.file + " variable " + v.path("name").asText(), substitutePromQl(m.group(1), d));
                }
            }
            for (JsonNode p : d.panels()) {
                for (JsonNode t : p.path("targets")) {
                    if (isSql(t, p)) {
                        continue;
                    }
                    String expr = t.path("expr").asText();
                    String where = d.file + " panel " + p.path("id").asInt() + " '" + p.path("title").asText() + "' " + t.path("refId").asText();
                    assertThat(expr).as(where + ": no expr").isNotBlank();
                    out.put(where, substitutePromQl(expr, d));
                }
            }
        }
        return out;
    }

    static String substitutePromQl(String expr, Dashboard d) {
        String e = expr.replace("$__rate_interval", "5s").replace("$__range", "15m").replace("$__interval", "1s");
        Matcher m = VAR.matcher(e);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value;
            if ("run".equals(name)) {
                value = runId;
            } else {
                JsonNode v = d.variable(name);
                assertThat(v).as(d.file + ": variable $" + name + " is not defined").isNotNull();
                // a multi-value variable with All selected: Grafana sends allValue (or the alternation of the options)
                value = v.hasNonNull("allValue") ? v.path("allValue").asText() : v.path("query").asText().replace(',', '|');
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static List<JsonNode> series(String expr) throws IOException, InterruptedException {
        String url = prometheusUrl + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = EventCodec.MAPPER.readTree(r.body());
        assertThat(body.path("status").asText()).as(expr + " -> " + r.body()).isEqualTo("success");
        List<JsonNode> out = new ArrayList<>();
        body.path("data").path("result").forEach(out::add);
        return out;
    }

    // ---------------------------------------------------------------- dashboards and Grafana's substitutions

    record Dashboard(String file, JsonNode json, Instant from, Instant to) {
        List<JsonNode> panels() {
            List<JsonNode> out = new ArrayList<>();
            walk(json.path("panels"), out);
            return out;
        }

        private static void walk(JsonNode panels, List<JsonNode> out) {
            for (JsonNode p : panels) {
                out.add(p);
                walk(p.path("panels"), out);
            }
        }

        JsonNode variable(String name) {
            for (JsonNode v : json.path("templating").path("list")) {
                if (name.equals(v.path("name").asText())) {
                    return v;
                }
            }
            return null;
        }
    }

    static List<Dashboard> dashboards() throws IOException {
        List<Dashboard> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(repo.resolve("monitoring/grafana/dashboards"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode json = EventCodec.MAPPER.readTree(f.toFile());
                String from = json.path("time").path("from").asText();
                String to = json.path("time").path("to").asText();
                boolean fixed = !from.startsWith("now");
                out.add(new Dashboard(f.getFileName().toString(), json, fixed ? Instant.parse(from) : Instant.now().minus(Duration.ofMinutes(15)),
                        fixed ? Instant.parse(to) : Instant.now().plus(Duration.ofHours(1))));
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    static boolean isSqlDatasource(JsonNode ds) {
        String type = ds.path("type").asText();
        return type.equals("grafana-postgresql-datasource") || type.equals("postgres");
    }

    static boolean isSql(JsonNode target, JsonNode panel) {
        JsonNode ds = target.has("datasource") ? target.path("datasource") : panel.path("datasource");
        return isSqlDatasource(ds);
    }

    /** Every combination of the values of the variables the query mentions. */
    static List<Map<String, String>> combinations(String sql, Map<String, List<String>> values) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        Set<String> used = new LinkedHashSet<>();
        Matcher m = VAR.matcher(sql);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (!name.startsWith("__")) {
                used.add(name);
            }
        }
        for (String name : used) {
            List<String> vs = values.get(name);
            assertThat(vs).as("variable $" + name + " is not defined before it is used in\n" + sql).isNotNull();
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> combo : out) {
                for (String v : vs) {
                    Map<String, String> c = new LinkedHashMap<>(combo);
                    c.put(name, v);
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
    }

    /** Grafana's PostgreSQL macros for the dashboard's time range, then the variables (single values, quoted by the query). */
    static String substituteSql(String sql, Map<String, String> values, Dashboard d) {
        String from = "'" + d.from + "'";
        String to = "'" + d.to + "'";
        String s = sql.replaceAll("\\$__timeFilter\\(([^)]+)\\)", "$1 BETWEEN " + from + " AND " + to)
                .replace("$__timeFrom()", from).replace("$__timeTo()", to)
                .replaceAll("\\$__time\\(([^)]+)\\)", "$1 AS \"time\"");
        assertThat(s).as("a Grafana macro this test does not substitute: add it here\n" + sql).doesNotContain("$__");
        Matcher m = VAR.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String v = values.get(name);
            assertThat(v).as("no value for $" + name).isNotNull();
            assertThat(v).as("a value with a quote would break the query").doesNotContain("'");
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    // ---------------------------------------------------------------- processes and helpers

    static Process startPrometheus(String bin) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StringBuilder cfg = new StringBuilder("""
                # generated by DashboardIT: every instance of the four services of the test cluster, every second
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                scrape_configs:
                """);
        for (String svc : LocalCluster.SERVICES) {
            // a run's gauges are exported by the instance that owns its partition: scrape them all
            List<String> targets = new ArrayList<>();
            for (String url : cluster.urls(svc)) {
                URI u = URI.create(url);
                targets.add("\"" + u.getHost() + ':' + u.getPort() + "\"");
            }
            cfg.append("  - job_name: ").append(svc).append("\n    metrics_path: /q/metrics\n")
                    .append("    static_configs:\n      - targets: [").append(String.join(", ", targets)).append("]\n");
        }
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, cfg);
        Process p = new ProcessBuilder(bin, "--config.file=" + config, "--storage.tsdb.path=" + work.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        prometheusUrl = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("prometheus exited: " + Files.readString(work.resolve("prometheus.log")));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return p;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        p.destroyForcibly();
        throw new IllegalStateException("prometheus not ready: " + Files.readString(work.resolve("prometheus.log")));
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return "exit " + p.exitValue() + "\n" + out;
    }

    static String which(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    static int column(ResultSetMetaData md, String label) throws SQLException {
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equals(label)) {
                return i;
            }
        }
        return 0;
    }

    static boolean isNumeric(int type) {
        return switch (type) {
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL, Types.INTEGER, Types.BIGINT,
                 Types.SMALLINT -> true;
            default -> false;
        };
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
