package org.ngai.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ngai.model.core.Region;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.model.scenario.Scenario;
import org.ngai.model.scenario.ScenarioLoader;
import org.ngai.testsupport.KafkaBrokerTestResource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * live.html in a real browser (Debian's headless chromium through Selenium): a run that is still going
 * grows on the page quarter by quarter without a reload, and every drawn value is the stored indicator's.
 * Also: another run drawn dashed (?parent= and liveCharts.setParent), a band (liveCharts.setBand), the end of
 * the run, and the message for an unknown run. Skipped, with a message, where chromium or chromedriver is
 * missing (.ci/run installs both).
 *
 * <p>{@code -Dlive.firms=N -Dlive.ticks=T} make the runs bigger; {@code -Dlive.screenshot=FILE} saves a
 * screenshot of the page with the run still going (docs/live-page.png is made this way, docs/live.md);
 * {@code -Dlive.chromium=PATH -Dlive.chromedriver=PATH} name the browser and its driver elsewhere.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
class LivePageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CHARTS = List.of("stages", "tfp", "labour", "skill", "regimes-lab", "regimes-fin",
            "regimes-tech", "coordination");
    private static final Map<String, Indicator> REGIMES = Map.of("lab", Indicator.LAB_REGIME, "fin", Indicator.FIN_REGIME,
            "tech", Indicator.TECH_REGIME);
    private static final int FIRMS = Integer.getInteger("live.firms", 300);
    private static final int TICKS = Math.max(6, Integer.getInteger("live.ticks", 7));
    private static final long SEED = Long.getLong("live.seed", 11);

    private static ChromeDriver browser;

    @TestHTTPResource("/live.html")
    URL page;

    private static final String NO_BROWSER = "live.html browser test skipped: chromium and chromedriver are not installed "
            + "(apt-get install -y chromium chromium-driver; .ci/run does it)";

    @BeforeAll
    static void openBrowser() {
        Path chromium = executable("chromium");
        Path driver = executable("chromedriver");
        if (chromium == null || driver == null) {
            System.err.println(NO_BROWSER);
            return;
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1480",
                "--hide-scrollbars");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    /** Each test is reported as skipped, with the reason, where there is no browser. */
    @BeforeEach
    void needsTheBrowser() {
        assumeTrue(browser != null, NO_BROWSER);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void chartsGrowByQuarterWhileTheRunIsGoingAndShowTheStoredValues() throws Exception {
        Scenario mainScenario = ScenarioLoader.bundled("financing-support").toBuilder().firms(FIRMS).ticks(TICKS).seed(SEED)
                .build();
        Scenario parentScenario = ScenarioLoader.bundled("baseline").toBuilder().firms(FIRMS).ticks(TICKS).seed(SEED).build();
        List<Fixture.Tick> mainTicks = Fixture.compute(mainScenario);
        List<Fixture.Tick> parentTicks = Fixture.compute(parentScenario);

        // the run to compare with: all quarters closed, finished
        String parent = Kafka.newRunId("live-parent");
        Kafka.send(Kafka.runStarted(parent, parentScenario));
        for (Fixture.Tick tk : parentTicks) {
            Kafka.send(Kafka.tickInputs(parent, tk, 500));
            Kafka.awaitTick(parent, tk.t());
        }
        Kafka.send(Kafka.runFinished(parent, TICKS));

        // the run under watch: three quarters closed, then the page opens
        String run = Kafka.newRunId("live");
        Kafka.send(Kafka.runStarted(run, mainScenario));
        publish(run, mainTicks, 1, 3);
        try {
            browser.get(page + "?run=" + run);
            JsonNode s = awaitPage("the page shows 3 quarters", st -> ticksOf(st, "tfp") == 3);
            assertThat(s.get("error").isNull()).as("error: %s", s.get("error")).isTrue();
            assertThat(s.at("/run/status").asText()).isEqualTo("RUNNING");
            assertThat(s.at("/run/lastTick").asInt()).isEqualTo(3);
            assertThat(s.at("/run/quarter").asText()).isEqualTo("2020Q3");
            assertCharts(s, mainTicks, 3, null);
            assertThat(statusText()).contains("RUNNING").contains("tick 3 of " + TICKS).contains("2020Q3")
                    .contains(mainScenario.name());
            assertThat(browser.findElements(By.cssSelector("#chart-tfp canvas"))).isNotEmpty();
            assertThat(js("return document.querySelectorAll('figure').length")).isEqualTo(8L);
            js("window.__sameDocument = true");

            // two more quarters close: they appear without a reload
            publish(run, mainTicks, 4, 5);
            s = awaitPage("the page shows 5 quarters", st -> ticksOf(st, "tfp") == 5);
            assertThat(js("return window.__sameDocument === true")).as("the page was not reloaded").isEqualTo(true);
            assertThat(browser.findElement(By.cssSelector("#run-picker option:checked")).getText())
                    .contains("RUNNING 5/" + TICKS);
            assertThat(s.at("/run/quarter").asText()).isEqualTo("2021Q1");
            assertCharts(s, mainTicks, 5, null);
            assertDrawn("tfp", 5, 2, 0, 0);

            // the other run dashed, as a fork would set its parent
            js("return window.liveCharts.setParent(arguments[0])", parent);
            s = awaitPage("the compared run is drawn", st -> ticksOf(st, "tfp") == TICKS && st.at("/parent/id").isTextual());
            assertCharts(s, mainTicks, 5, parentTicks);
            assertDrawn("coordination", TICKS, 10, 5, 0);
            assertThat(statusText()).contains("dashed").contains(parent);
            assertThat(browser.findElement(By.id("parent-picker")).getDomProperty("value")).isEqualTo(parent);
            assertThat(browser.findElement(By.cssSelector("#chart-labour .unit")).getText())
                    .contains("rate (unemployment)").contains("share of labour force (high-skill share)");

            // a band (as an experiment's confidence interval would be): lower/upper drawn shaded
            js("const c = window.liveCharts.charts.find(c => c.id === 'tfp');"
                    + "window.liveCharts.setBand({label: 'test band', ticks: c.ticks,"
                    + " lower: {'tfp.measured': c.lines[0].main.map(v => v === null ? null : v - 0.01)},"
                    + " upper: {'tfp.measured': c.lines[0].main.map(v => v === null ? null : v + 0.01)}})");
            // setBand records the band at once; the charts take it on the next animation frame
            s = awaitPage("the band is drawn", st -> !st.get("band").isNull()
                    && chart(st, "tfp").at("/lines/0/lower").isArray());
            JsonNode tfp = chart(s, "tfp");
            JsonNode measured = tfp.at("/lines/0");
            for (int k = 0; k < 5; k++) {
                assertThat(measured.at("/lower/" + k).asDouble()).isEqualTo(measured.at("/main/" + k).asDouble() - 0.01);
                assertThat(measured.at("/upper/" + k).asDouble()).isEqualTo(measured.at("/main/" + k).asDouble() + 0.01);
            }
            assertThat(tfp.at("/lines/1/lower").isNull()).isTrue();
            assertDrawn("tfp", TICKS, 6, 2, 1);

            // the run goes on; with -Dlive.screenshot the page is saved while it is still going
            int shotAt = Math.max(6, TICKS * 2 / 3);
            js("window.liveCharts.setBand(null)");
            publish(run, mainTicks, 6, shotAt);
            s = awaitPage("the page shows " + shotAt + " quarters", st -> mainCount(st, "tfp") == shotAt);
            assertCharts(s, mainTicks, shotAt, parentTicks);
            screenshot();

            // the end of the run: the last quarters, then FINISHED
            publish(run, mainTicks, shotAt + 1, TICKS);
            Kafka.send(Kafka.runFinished(run, TICKS));
            s = awaitPage("the run shows FINISHED", st -> "FINISHED".equals(st.at("/run/status").asText()));
            assertThat(s.at("/run/streaming").asBoolean()).isFalse();
            assertCharts(s, mainTicks, TICKS, parentTicks);
            assertThat(statusText()).contains("FINISHED").contains("tick " + TICKS + " of " + TICKS);

            // a deep link with both runs
            browser.get(page + "?run=" + run + "&parent=" + parent);
            s = awaitPage("deep link with parent", st -> st.get("ready").asBoolean() && st.at("/parent/id").isTextual());
            assertCharts(s, mainTicks, TICKS, parentTicks);
            assertThat(browser.findElement(By.id("run-picker")).getDomProperty("value")).isEqualTo(run);
            assertThat(browser.findElement(By.id("parent-picker")).getDomProperty("value")).isEqualTo(parent);
        } catch (AssertionError | RuntimeException e) {
            dumpBrowserLog();
            throw e;
        }
    }

    @Test
    void anUnknownRunGetsAClearMessage() {
        browser.get(page + "?run=no-such-run");
        JsonNode s = awaitPage("the error", st -> st.get("ready").asBoolean());
        assertThat(s.get("error").asText()).contains("no-such-run").contains("unknown");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("error")).getText()).contains("'no-such-run' is unknown to indicator-service");
        assertThat(s.get("run").isNull()).isTrue();
        assertThat(chart(s, "tfp").get("ticks")).isEmpty();
        assertThat(browser.findElement(By.id("charts")).isDisplayed()).as("no charts for an unknown run").isFalse();
    }

    @Test
    void withoutARunThePageOffersThePicker() {
        String run = Kafka.newRunId("live-listed");
        Kafka.send(Kafka.runStarted(run));
        Kafka.await("run known", Duration.ofSeconds(20),
                () -> io.restassured.RestAssured.given().get("/api/runs/" + run).statusCode() == 200);
        browser.get(page.toString());
        awaitPage("the picker", st -> st.get("ready").asBoolean());
        assertThat(statusText()).isEqualTo("Choose a run above.");
        assertThat(browser.findElement(By.id("charts")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#run-picker option")))
                .anySatisfy(o -> assertThat(o.getDomProperty("value")).isEqualTo(run));
    }

    // ---------------------------------------------------------------------------------- helpers

    private static void publish(String run, List<Fixture.Tick> ticks, int from, int to) {
        for (int t = from; t <= to; t++) {
            Kafka.send(Kafka.tickInputs(run, ticks.get(t - 1), 500));
            Kafka.awaitTick(run, t);
        }
    }

    /**
     * Every line of every chart: the first {@code closed} quarters of the run hold the stored indicators
     * (here: what the model's Aggregator made of the same inputs), later quarters nothing; the compared run's
     * line holds all of its quarters.
     */
    private static void assertCharts(JsonNode s, List<Fixture.Tick> main, int closed, List<Fixture.Tick> parent) {
        int n = parent == null ? closed : Math.max(closed, parent.size());
        for (String id : CHARTS) {
            JsonNode c = chart(s, id);
            assertThat(c.get("ticks")).as(id).hasSize(n);
            for (int k = 0; k < n; k++) {
                assertThat(c.at("/ticks/" + k).asInt()).isEqualTo(k + 1);
                assertThat(c.at("/quarters/" + k).asText()).isEqualTo(TickIndicators.quarter(k + 1));
            }
            assertThat(c.get("unit").asText()).as(id + " unit").isNotBlank();
            for (JsonNode line : c.get("lines")) {
                String key = line.get("key").asText();
                for (int k = 0; k < n; k++) {
                    Double want = k < closed ? expected(main.get(k), key) : null;
                    assertThat(number(line.at("/main/" + k))).as("%s %s main at tick %d", id, key, k + 1).isEqualTo(want);
                    if (parent == null) {
                        assertThat(line.get("parent").isNull()).isTrue();
                    } else {
                        Double p = k < parent.size() ? expected(parent.get(k), key) : null;
                        assertThat(number(line.at("/parent/" + k))).as("%s %s parent at tick %d", id, key, k + 1)
                                .isEqualTo(p);
                    }
                }
            }
        }
        // the regimes' separating line (national) and the other regimes (counted over the regions) add up
        JsonNode lab = chart(s, "regimes-lab");
        double sum = lab.at("/lines/0/main/0").asDouble() + lab.at("/lines/1/main/0").asDouble()
                + lab.at("/lines/2/main/0").asDouble();
        assertThat(sum).isBetween(0.0, 1.0 + 1e-12);
    }

    /** The stored value of a chart key: a national indicator, or a share of regions in a regime. */
    private static Double expected(Fixture.Tick tk, String key) {
        TickIndicators t = tk.expected().indicators();
        int eq = key.indexOf('=');
        double v;
        if (eq < 0) {
            v = t.get(Indicator.byKey(key));
        } else {
            Indicator regime = REGIMES.get(key.split("\\.")[1]);
            double code = Double.parseDouble(key.substring(eq + 1));
            int count = 0;
            for (Region r : Region.ALL) {
                if (t.region(regime, r.index()) == code) {
                    count++;
                }
            }
            v = count / 31.0;
        }
        return Double.isFinite(v) ? v : null;
    }

    /** uPlot's own data for chart {@code id}: x and series count, dashed series and bands. */
    private static void assertDrawn(String id, int ticks, int series, int dashed, int bands) throws IOException {
        JsonNode d = JSON.readTree((String) js("return JSON.stringify(window.liveCharts.drawn(arguments[0]))", id));
        assertThat(d.at("/data/0")).as(id + " x").hasSize(ticks);
        assertThat(d.get("series")).as(id + " series").hasSize(series);
        assertThat(d.get("data")).hasSize(series + 1);
        int n = 0;
        for (JsonNode sr : d.get("series")) {
            n += sr.get("dashed").asBoolean() ? 1 : 0;
        }
        assertThat(n).as(id + " dashed series").isEqualTo(dashed);
        assertThat(d.get("bands")).as(id + " bands").hasSize(bands);
        // what uPlot draws is the page's data
        JsonNode c = chart(state(), id);
        JsonNode lastLine = c.get("lines").get(c.get("lines").size() - 1);
        JsonNode drawnLast = d.at("/data/" + series);
        for (int k = 0; k < ticks; k++) {
            assertThat(number(drawnLast.get(k))).isEqualTo(number(lastLine.at("/main/" + k)));
        }
    }

    private static JsonNode chart(JsonNode s, String id) {
        for (JsonNode c : s.get("charts")) {
            if (id.equals(c.get("id").asText())) {
                return c;
            }
        }
        throw new AssertionError("no chart " + id + " on the page");
    }

    private static int ticksOf(JsonNode s, String id) {
        JsonNode c = chart(s, id);
        return c.get("ticks").isArray() ? c.get("ticks").size() : -1;
    }

    /** Quarters with a value on the run's (solid) lines of chart {@code id}. */
    private static int mainCount(JsonNode s, String id) {
        int n = 0;
        for (JsonNode v : chart(s, id).at("/lines/0/main")) {
            n += v.isNull() ? 0 : 1;
        }
        return n;
    }

    private static Double number(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asDouble();
    }

    private static JsonNode state() {
        try {
            Object json = js("return window.liveCharts ? window.liveCharts.json() : null");
            return json == null ? null : JSON.readTree((String) json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode awaitPage(String what, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        try {
            Kafka.await(what, Duration.ofSeconds(30), () -> {
                JsonNode s = state();
                last[0] = s;
                return s != null && s.get("charts").size() == CHARTS.size() && condition.test(s);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; page state: " + last[0], e);
        }
        return last[0];
    }

    private static String statusText() {
        return browser.findElement(By.id("status")).getText();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void screenshot() throws IOException {
        Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "live-page.png");
        Files.createDirectories(target.getParent());
        Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
        String wanted = System.getProperty("live.screenshot");
        if (wanted != null && !wanted.isBlank()) {
            Files.copy(png, Path.of(wanted), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void dumpBrowserLog() {
        try {
            List<String> lines = new ArrayList<>();
            for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
                lines.add(e.getLevel() + " " + e.getMessage());
            }
            System.err.println("browser console:\n  " + String.join("\n  ", lines));
        } catch (RuntimeException ignored) {
            // the log is a diagnostic only
        }
    }

    /** {@code -Dlive.NAME=path} if given (it must exist), else {@code name} on /usr/bin or on the PATH; null if none. */
    private static Path executable(String name) {
        String given = System.getProperty("live." + name);
        if (given != null && !given.isBlank()) {
            return Files.isExecutable(Path.of(given)) ? Path.of(given) : null;
        }
        List<String> dirs = new ArrayList<>(List.of("/usr/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        for (String d : dirs) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
