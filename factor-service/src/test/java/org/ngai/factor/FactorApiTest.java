package org.ngai.factor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.factor.service.OwnerStateWriter;
import org.ngai.model.core.Region;
import org.ngai.model.tick.AiMarketState;
import org.ngai.model.tick.CohortReport;
import org.ngai.model.tick.LenderReport;
import org.ngai.testsupport.KafkaBrokerTestResource;

/** The REST API over the stored owner states (PostgreSQL unless TEST_DB=h2). */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
class FactorApiTest {
    static Bus bus;
    static String run;
    static final Fixture F = Fixture.TICK1;

    @Inject
    OwnerStateWriter writer;

    @BeforeAll
    static void open() {
        bus = new Bus();
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    /** One applied tick, written to the database. */
    private String appliedRun() {
        if (run == null) {
            String id = Fixture.newRunId();
            bus.send(Fixture.runStarted(id), F.tickStarted(id), F.marketCleared(id));
            bus.await(id, EventType.OWNERS_REPORTED, l -> !l.isEmpty());
            writer.flush();
            run = id;
        }
        return run;
    }

    private static JsonNode get(String path, Object... params) {
        String body = given().when().get(path, params).then().statusCode(200).extract().asString();
        try {
            return EventCodec.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void runsAreListed() {
        String id = appliedRun();
        JsonNode runs = get("/api/runs");
        JsonNode mine = null;
        for (JsonNode r : runs) {
            if (r.get("runId").asText().equals(id)) {
                mine = r;
            }
        }
        assertThat(mine).as("run in /api/runs").isNotNull();
        assertThat(mine.get("ticks").asInt()).isEqualTo(2);
        assertThat(mine.get("lastTickSupplied").asInt()).isEqualTo(1);
        assertThat(mine.get("lastTickApplied").asInt()).isEqualTo(1);
        assertThat(mine.get("status").asText()).isEqualTo("RUNNING");
        JsonNode one = get("/api/runs/{id}", id);
        assertThat(one.get("document").get("firms").asInt()).isEqualTo(300);
        assertThat(one.get("seed").asLong()).isEqualTo(3);
    }

    @Test
    void cohortsAfterATickAreTheReportedOnes() {
        String id = appliedRun();
        JsonNode page = get("/api/runs/{id}/cohorts", id);
        assertThat(page.get("tick").asInt()).isEqualTo(1);
        JsonNode cohorts = page.get("cohorts");
        assertThat(cohorts.size()).isEqualTo(F.reports.cohorts().size()).isEqualTo(Region.COUNT * 2);
        for (int i = 0; i < cohorts.size(); i++) {
            CohortReport want = F.reports.cohorts().get(i);
            JsonNode c = cohorts.get(i);
            assertThat(c.get("region").asText()).isEqualTo(Region.of(want.region()).code());
            assertThat(c.get("skill").asText()).isEqualTo(want.skill() == 0 ? "LOW" : "HIGH");
            assertThat(c.get("unemployed").doubleValue()).isEqualTo(want.unemployed());
            assertThat(c.get("training").doubleValue()).isEqualTo(want.training());
            assertThat(c.get("trainingStarts").doubleValue()).isEqualTo(want.trainingStarts());
            assertThat(c.get("trainingCompletions").doubleValue()).isEqualTo(want.trainingCompletions());
            assertThat(c.get("trainingSuccesses").doubleValue()).isEqualTo(want.trainingSuccesses());
        }
        JsonNode gdHigh = get("/api/runs/{id}/cohorts?tick=1&region=gd&skill=high", id).get("cohorts");
        assertThat(gdHigh.size()).isEqualTo(1);
        CohortReport want = F.reports.cohorts().get(Region.byCode("GD").index() * 2 + 1);
        assertThat(gdHigh.get(0).get("region").asText()).isEqualTo("GD");
        assertThat(gdHigh.get(0).get("unemployed").doubleValue()).isEqualTo(want.unemployed());
        assertThat(get("/api/runs/{id}/cohorts?skill=LOW", id).get("cohorts").size()).isEqualTo(Region.COUNT);
    }

    @Test
    void lendersAfterATick() {
        String id = appliedRun();
        JsonNode lenders = get("/api/runs/{id}/lenders?tick=1", id).get("lenders");
        assertThat(lenders.size()).isEqualTo(F.reports.lenders().size());
        for (int i = 0; i < lenders.size(); i++) {
            LenderReport want = F.reports.lenders().get(i);
            JsonNode l = lenders.get(i);
            assertThat(l.get("lenderId").asInt()).isEqualTo(want.lenderId());
            assertThat(l.get("region").asText()).isEqualTo(Region.of(want.region()).code());
            assertThat(l.get("capital").doubleValue()).isEqualTo(want.capital());
            assertThat(l.get("aiAdopted").asBoolean()).isEqualTo(want.aiAdopted());
            assertThat(l.get("lent").doubleValue()).isEqualTo(want.lent());
        }
    }

    @Test
    void aiMarketSeriesAndPoint() {
        String id = appliedRun();
        AiMarketState next = F.reports.nextAi();
        JsonNode series = get("/api/runs/{id}/ai-market", id);
        assertThat(series.size()).isEqualTo(1);
        JsonNode p = get("/api/runs/{id}/ai-market/1", id);
        assertThat(p).isEqualTo(series.get(0));
        assertThat(p.get("tick").asInt()).isEqualTo(1);
        assertThat(p.get("price").doubleValue()).isEqualTo(next.price());
        assertThat(p.get("quality").doubleValue()).isEqualTo(next.quality());
        assertThat(p.get("theta").doubleValue()).isEqualTo(next.theta());
        assertThat(p.get("computeDomestic").doubleValue()).isEqualTo(next.computeDomestic());
        assertThat(p.get("exportControl").asBoolean()).isEqualTo(next.exportControl());
        double modelled = 0;
        for (double c : F.reports.vendors().countByRegion()) {
            modelled += c;
        }
        assertThat(p.get("vendorsModelled").doubleValue()).isEqualTo(modelled);
        assertThat(p.get("vendors").doubleValue()).isEqualTo(modelled * F.reports.vendors().realPerModelled());
        assertThat(p.get("entrants").asInt()).isEqualTo(F.reports.vendors().entrants());
        assertThat(p.get("realEconomyShare").doubleValue()).isEqualTo(F.reports.realEconomyShare());
        double shares = p.get("baseLayerShare").doubleValue() + p.get("techLayerShare").doubleValue()
                + p.get("appLayerShare").doubleValue();
        assertThat(shares).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void unknownRunsAndTicksAre404() {
        String id = appliedRun();
        for (String path : new String[] {"/api/runs/{id}", "/api/runs/{id}/cohorts", "/api/runs/{id}/lenders",
            "/api/runs/{id}/ai-market", "/api/runs/{id}/ai-market/1"}) {
            given().when().get(path, "no-such-run").then().statusCode(404).body("status", equalTo(404))
                    .body("error", containsString("no-such-run"));
        }
        // tick 2 exists in the scenario but has not been applied
        given().when().get("/api/runs/{id}/cohorts?tick=2", id).then().statusCode(404);
        given().when().get("/api/runs/{id}/lenders?tick=2", id).then().statusCode(404);
        given().when().get("/api/runs/{id}/ai-market/2", id).then().statusCode(404)
                .body("error", containsString("tick 2"));
    }

    @Test
    void badParametersAre400NamingTheField() {
        String id = appliedRun();
        given().when().get("/api/runs/{id}/cohorts?skill=MEDIUM", id).then().statusCode(400)
                .body("field", equalTo("skill")).body("error", containsString("MEDIUM"));
        given().when().get("/api/runs/{id}/cohorts?region=XX", id).then().statusCode(400)
                .body("field", equalTo("region")).body("error", containsString("XX"));
        given().when().get("/api/runs/{id}/lenders?region=XX", id).then().statusCode(400)
                .body("field", equalTo("region"));
        given().when().get("/api/runs/{id}/cohorts?tick=abc", id).then().statusCode(400)
                .body("field", equalTo("tick"));
        given().when().get("/api/runs/{id}/cohorts?tick=0", id).then().statusCode(400)
                .body("field", equalTo("tick"));
        given().when().get("/api/runs/{id}/lenders?tick=3", id).then().statusCode(400)
                .body("field", equalTo("tick")).body("error", containsString("[1, 2]"));
        given().when().get("/api/runs/{id}/ai-market/x", id).then().statusCode(400)
                .body("field", equalTo("tick"));
    }

    @Test
    void openApiDescribesEveryEndpoint() {
        String doc = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String p : new String[] {"/api/runs", "/api/runs/{id}", "/api/runs/{id}/cohorts", "/api/runs/{id}/lenders",
            "/api/runs/{id}/ai-market", "/api/runs/{id}/ai-market/{tick}"}) {
            assertThat(doc).contains("\"" + p + "\"");
        }
    }
}
