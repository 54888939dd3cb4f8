package org.ngai.indicator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.ngai.events.Envelope;
import org.ngai.events.EventCodec;
import org.ngai.events.EventType;
import org.ngai.events.Topics;
import org.ngai.testsupport.KafkaBrokerTestResource;

/** Bad records reach sim.deadletter.v1 with their reason, are counted and listed, and the service carries on. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTest {

    @Test
    void malformedAndInvalidEventsAreDeadLetteredCountedAndListed() {
        String bad = Kafka.newRunId("bad");
        // 1. not an envelope at all
        Kafka.sendRaw(Topics.FIRM_REPORTS, bad, "{this is not json".getBytes(StandardCharsets.UTF_8));
        // 2. a well-formed envelope whose payload is not a MarketClearing
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("bogus", 1);
        Envelope invalid = new Envelope(EventCodec.eventId(bad, EventType.MARKET_CLEARED, 1, "market-service", 0),
                EventType.MARKET_CLEARED.name(), EventType.SCHEMA_VERSION, bad, 1, 0, "market-service",
                Instant.now().toString(), payload);
        Kafka.send(invalid);

        Kafka.await("two dead letters", Duration.ofSeconds(30), () -> Kafka.deadLetters(bad).size() >= 2);
        List<ConsumerRecord<String, byte[]>> dead = Kafka.deadLetters(bad);
        for (ConsumerRecord<String, byte[]> r : dead) {
            assertThat(header(r, "dead-letter-reason")).isNotBlank();
        }
        ConsumerRecord<String, byte[]> mc = dead.stream()
                .filter(r -> Topics.CLEARING.equals(header(r, "dead-letter-topic"))).findFirst().orElseThrow();
        assertThat(header(mc, "dead-letter-reason")).contains("MARKET_CLEARED").contains("bogus");
        ConsumerRecord<String, byte[]> raw = dead.stream()
                .filter(r -> Topics.FIRM_REPORTS.equals(header(r, "dead-letter-topic"))).findFirst().orElseThrow();
        assertThat(new String(raw.value(), StandardCharsets.UTF_8)).isEqualTo("{this is not json");

        // listed by GET /api/dead-letters
        Kafka.await("dead letters listed", Duration.ofSeconds(20), () -> {
            List<Map<String, Object>> listed = given().get("/api/dead-letters").then().statusCode(200).extract()
                    .jsonPath().getList("findAll { it.key == '" + bad + "' }");
            return listed.size() >= 2;
        });
        JsonPath listed = given().get("/api/dead-letters").then().extract().jsonPath();
        Map<String, Object> clearing = listed.getMap("find { it.key == '" + bad + "' && it.topic == 'market.clearing.v1' }");
        assertThat(clearing).isNotNull();
        assertThat((String) clearing.get("reason")).contains("MARKET_CLEARED");
        assertThat(clearing.get("exceptionClass")).isNotNull();
        assertThat(clearing.get("offset")).isNotNull();
        assertThat(clearing.get("partition")).isNotNull();

        // counted on /q/metrics
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(l -> l.startsWith("transform_dead_letters_seen_total{")
                && l.contains("topic=\"market.clearing.v1\"") && l.contains("reason=\"payload of MARKET_CLEARED"))).isNotEmpty();
        assertThat(metrics.lines().filter(l -> l.startsWith("transform_dead_letters_seen_total{")
                && l.contains("topic=\"firm.report.v1\""))).isNotEmpty();
        assertThat(metrics.lines().filter(l -> l.startsWith("transform_dead_letters_total{")
                && l.contains("service=\"indicator-service\"") && l.contains("topic=\"market.clearing.v1\""))).isNotEmpty();
        assertThat(metrics.lines().filter(l -> l.startsWith("transform_dead_letters_total{")
                && l.contains("service=\"indicator-service\"") && l.contains("topic=\"firm.report.v1\""))).isNotEmpty();

        // and the service keeps working
        String good = Kafka.newRunId("after-bad");
        Kafka.send(Kafka.runStarted(good));
        Kafka.send(Kafka.tickInputs(good, Fixture.tick(1), 500));
        AggregationTest.assertTick(good, Fixture.tick(1));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
