package org.ngai.indicator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.model.core.Region;
import org.ngai.model.core.Sector;
import org.ngai.model.engine.SeriesExport;
import org.ngai.model.engine.SeriesReport;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.testsupport.KafkaBrokerTestResource;

/** The REST API over a run with one aggregated tick. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
class RestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Numbers as doubles, exactly (RestAssured's default reads them as floats). */
    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);
    private static String run;
    private static final TickIndicators EXPECTED = Fixture.tick(1).expected().indicators();

    @BeforeAll
    static void oneTick() {
        run = Kafka.newRunId("rest");
        Kafka.send(Kafka.runStarted(run));
        Kafka.send(Kafka.tickInputs(run, Fixture.tick(1), 500));
        Kafka.awaitTick(run, 1);
    }

    @Test
    void catalogueAndRuns() {
        JsonPath cat = given().get("/api/indicators").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(cat.getList("$")).hasSize(Indicator.COUNT);
        Map<String, Object> tfp = cat.getMap("find { it.key == 'tfp.measured' }");
        assertThat(tfp).containsEntry("unit", Indicator.TFP_MEASURED.unit).containsEntry("section", "C");
        assertThat(cat.getList("find { it.key == 'tfp.measured' }.scopes", String.class)).containsExactly("national", "sector");

        given().get("/api/runs").then().statusCode(200).body("id", hasItem(run));
        given().get("/api/runs/" + run).then().statusCode(200).body("status", equalTo("RUNNING"))
                .body("lastTick", equalTo(1)).body("ticks", equalTo(2));
    }

    @Test
    void series() {
        JsonPath nat = given().queryParam("key", "tfp.measured,ai.penetration").get("/api/runs/" + run + "/indicators")
                .then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(nat.getList("$")).hasSize(1);
        assertThat(nat.getInt("[0].tick")).isEqualTo(1);
        assertThat(nat.getString("[0].quarter")).isEqualTo("2020Q1");
        assertThat(nat.getMap("[0].values").keySet()).containsExactly("tfp.measured", "ai.penetration");
        assertThat(nat.getDouble("[0].values.'ai.penetration'")).isEqualTo(EXPECTED.get(Indicator.AI_PENETRATION));
        assertThat(nat.getString("[0].region")).isNull();

        // every national key by default, null where undefined
        JsonPath all = given().get("/api/runs/" + run + "/indicators").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(all.getMap("[0].values")).hasSize(SeriesExport.scope('N').size());

        JsonPath gd = given().queryParam("scope", "region").queryParam("region", "GD").queryParam("key", "labour.unemployment")
                .get("/api/runs/" + run + "/indicators").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(gd.getList("$")).hasSize(1);
        assertThat(gd.getString("[0].region")).isEqualTo("GD");
        assertThat(gd.getDouble("[0].values.'labour.unemployment'"))
                .isEqualTo(EXPECTED.region(Indicator.UNEMPLOYMENT, Region.byCode("GD").index()));

        JsonPath regions = given().queryParam("scope", "region").queryParam("key", "coordination.degree")
                .get("/api/runs/" + run + "/indicators").then().statusCode(200).extract().jsonPath().using(DOUBLES);
        assertThat(regions.getList("$")).hasSize(Region.COUNT);

        JsonPath fin = given().queryParam("scope", "sector").queryParam("sector", "FINANCE")
                .queryParam("key", "ai.penetration").get("/api/runs/" + run + "/indicators").then().statusCode(200)
                .extract().jsonPath().using(DOUBLES);
        assertThat(fin.getString("[0].sector")).isEqualTo("FINANCE");
        assertThat(fin.getDouble("[0].values.'ai.penetration'"))
                .isEqualTo(EXPECTED.sector(Indicator.AI_PENETRATION, Sector.FINANCE.ordinal()));

        given().queryParam("from", 2).get("/api/runs/" + run + "/indicators").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void latestAndExports() throws Exception {
        JsonNode expectedTick = normalise(SeriesExport.toJson(Fixture.SCENARIO, List.of(EXPECTED)).get("series").get(0));
        String latest = given().get("/api/runs/" + run + "/indicators/latest").then().statusCode(200).extract().asString();
        assertThat(JSON.readTree(latest)).isEqualTo(expectedTick);

        StringBuilder national = new StringBuilder();
        SeriesExport.writeNationalCsv(List.of(EXPECTED), national);
        String csv = given().get("/api/runs/" + run + "/export.csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertThat(csv).isEqualTo(national.toString());
        StringBuilder regions = new StringBuilder();
        SeriesExport.writeRegionsCsv(List.of(EXPECTED), regions);
        assertThat(given().queryParam("scope", "region").get("/api/runs/" + run + "/export.csv").then().statusCode(200)
                .extract().asString()).isEqualTo(regions.toString());
        StringBuilder sectors = new StringBuilder();
        SeriesExport.writeSectorsCsv(List.of(EXPECTED), sectors);
        assertThat(given().queryParam("scope", "sector").get("/api/runs/" + run + "/export.csv").then().statusCode(200)
                .extract().asString()).isEqualTo(sectors.toString());

        String json = given().get("/api/runs/" + run + "/export.json").then().statusCode(200).extract().asString();
        assertThat(JSON.readTree(json)).isEqualTo(normalise(SeriesExport.toJson(Fixture.SCENARIO, List.of(EXPECTED))));

        String html = given().get("/api/runs/" + run + "/report.html").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(html).isEqualTo(SeriesReport.html(Fixture.SCENARIO, List.of(EXPECTED)));
    }

    @Test
    void badInputIs400NamingTheFieldAndUnknownRunIs404() {
        String path = "/api/runs/" + run + "/indicators";
        given().queryParam("key", "no.such.key").get(path).then().statusCode(400).body("field", equalTo("key"))
                .body("error", containsString("no.such.key"));
        given().queryParam("scope", "galaxy").get(path).then().statusCode(400).body("field", equalTo("scope"));
        given().queryParam("scope", "region").queryParam("region", "XX").get(path).then().statusCode(400)
                .body("field", equalTo("region")).body("error", containsString("XX"));
        given().queryParam("scope", "sector").queryParam("sector", "SPACE").get(path).then().statusCode(400)
                .body("field", equalTo("sector"));
        given().queryParam("scope", "region").queryParam("key", "tfp.measured").get(path).then().statusCode(400)
                .body("field", equalTo("key"));
        given().queryParam("from", "0").get(path).then().statusCode(400).body("field", equalTo("from"));
        given().queryParam("from", "abc").get(path).then().statusCode(400).body("field", equalTo("from"));
        given().queryParam("from", "3").queryParam("to", "2").get(path).then().statusCode(400).body("field", equalTo("to"));
        given().queryParam("scope", "galaxy").get("/api/runs/" + run + "/export.csv").then().statusCode(400)
                .body("field", equalTo("scope"));

        given().get("/api/runs/nope").then().statusCode(404).body("field", nullValue());
        given().get("/api/runs/nope/indicators").then().statusCode(404);
        given().get("/api/runs/nope/indicators/latest").then().statusCode(404);
        given().get("/api/runs/nope/export.csv").then().statusCode(404);
        given().get("/api/runs/nope/export.json").then().statusCode(404);
        given().get("/api/runs/nope/report.html").then().statusCode(404);
        given().get("/api/runs/nope/stream").then().statusCode(404);
    }

    @Test
    void gaugesOfTheRunAreOnTheMetricsPage() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String tfp = metrics.lines().filter(l -> l.startsWith("transform_indicator{") && l.contains("run=\"" + run + "\"")
                && l.contains("indicator=\"tfp.measured\"")).findFirst().orElseThrow(
                        () -> new AssertionError("no transform_indicator gauge for tfp.measured of " + run));
        assertThat(tfp).contains("scenario=\"t\"");
        assertThat(Double.parseDouble(tfp.substring(tfp.lastIndexOf(' ') + 1))).isEqualTo(EXPECTED.get(Indicator.TFP_MEASURED));
        assertThat(metrics).contains("transform_run_tick{run=\"" + run + "\",scenario=\"t\"} 1.0");
        assertThat(metrics.lines().filter(l -> l.startsWith("transform_region_indicator{") && l.contains("run=\"" + run + "\"")
                && l.contains("region=\"GD\"") && l.contains("indicator=\"market.lab.regime\""))).hasSize(1);
        assertThat(metrics.lines().filter(l -> l.startsWith("transform_sector_indicator{") && l.contains("run=\"" + run + "\"")
                && l.contains("sector=\"FINANCE\"") && l.contains("indicator=\"concentration.hhi\""))).hasSize(1);
        assertThat(metrics).contains("transform_phase_seconds_count{phase=\"aggregate\",service=\"indicator-service\"}");
    }

    @Test
    void everyEndpointIsDocumented() throws Exception {
        JsonNode paths = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString()).get("paths");
        for (String p : List.of("/api/indicators", "/api/runs", "/api/runs/{id}", "/api/runs/{id}/indicators",
                "/api/runs/{id}/indicators/latest", "/api/runs/{id}/export.csv", "/api/runs/{id}/export.json",
                "/api/runs/{id}/report.html", "/api/runs/{id}/stream", "/api/dead-letters")) {
            assertThat(paths.has(p)).as(p).isTrue();
            assertThat(paths.get(p).get("get").has("summary")).as(p + " summary").isTrue();
        }
    }

    private static JsonNode normalise(JsonNode n) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(n));
    }
}
