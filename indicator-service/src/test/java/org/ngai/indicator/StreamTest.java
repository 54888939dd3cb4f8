package org.ngai.indicator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ngai.model.indicator.Indicator;
import org.ngai.model.indicator.TickIndicators;
import org.ngai.testsupport.KafkaBrokerTestResource;

/** GET /api/runs/{id}/stream: Server-Sent Events, stored ticks first, then live ones, then the end. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerTestResource.class, scope = TestResourceScope.GLOBAL)
class StreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/runs")
    URL runs;

    @Test
    void clientReceivesLiveTicksThenTheEndAndALateClientGetsTheReplay() throws Exception {
        String run = Kafka.newRunId("sse");
        Kafka.send(Kafka.runStarted(run));
        Kafka.await("run known", Duration.ofSeconds(20), () -> given().get("/api/runs/" + run).statusCode() == 200);

        HttpClient http = HttpClient.newHttpClient();
        List<JsonNode> live = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = subscribe(http, run, live);

        Kafka.send(Kafka.tickInputs(run, Fixture.tick(1), 500));
        Kafka.await("tick 1 on the stream", Duration.ofSeconds(30), () -> live.size() >= 1);
        assertElement(live.get(0), Fixture.tick(1).expected().indicators(), "RUNNING");

        Kafka.send(Kafka.tickInputs(run, Fixture.tick(2), 500));
        Kafka.awaitTick(run, 2);
        Kafka.send(Kafka.runFinished(run, 2));
        done.get(30, TimeUnit.SECONDS);
        assertThat(live).hasSize(3);
        assertElement(live.get(1), Fixture.tick(2).expected().indicators(), "RUNNING");
        assertThat(live.get(2).get("status").asText()).isEqualTo("FINISHED");
        assertThat(live.get(2).get("tick").asInt()).isEqualTo(2);

        // a client that connects after the end gets the stored ticks, the end, and completion
        List<JsonNode> replay = new CopyOnWriteArrayList<>();
        subscribe(http, run, replay).get(30, TimeUnit.SECONDS);
        assertThat(replay).hasSize(3);
        assertElement(replay.get(0), Fixture.tick(1).expected().indicators(), "RUNNING");
        assertElement(replay.get(1), Fixture.tick(2).expected().indicators(), "RUNNING");
        assertThat(replay.get(2).get("status").asText()).isEqualTo("FINISHED");
    }

    private CompletableFuture<Void> subscribe(HttpClient http, String run, List<JsonNode> into) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(runs.toString() + "/" + run + "/stream"))
                .header("Accept", "text/event-stream").GET().build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(resp -> {
            assertThat(resp.statusCode()).isEqualTo(200);
            try (Stream<String> lines = resp.body()) {
                lines.filter(l -> l.startsWith("data:")).forEach(l -> {
                    try {
                        into.add(JSON.readTree(l.substring(5).trim()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        });
    }

    private static void assertElement(JsonNode e, TickIndicators expected, String status) {
        assertThat(e.get("tick").asInt()).isEqualTo(expected.tick());
        assertThat(e.get("quarter").asText()).isEqualTo(expected.quarter());
        assertThat(e.get("status").asText()).isEqualTo(status);
        JsonNode values = e.get("values");
        assertThat(values.has("tfp.measured")).isTrue();
        assertThat(values.has("coordination.degree")).isTrue();
        double pen = expected.get(Indicator.AI_PENETRATION);
        assertThat(values.get("ai.penetration").asDouble()).isEqualTo(pen);
    }
}
