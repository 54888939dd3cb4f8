package org.ngai.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.ngai.events.EventCodec;

/** Small JSON-over-HTTP client for the services' APIs. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public record Response(int status, JsonNode body, String text) {
    }

    /** HTTP basic credentials (docs/deployment.md, "Who may change a run"). */
    public record Credentials(String username, String password) {
        String header() {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Credentials[" + username + ", password hidden]";
        }
    }

    /** POST without credentials (reads and refusals); changing a run needs {@link #post(String, String, Credentials)}. */
    public static Response post(String url, String json) throws IOException, InterruptedException {
        return post(url, json, null);
    }

    /** POST signed in with {@code credentials} (none if null). */
    public static Response post(String url, String json, Credentials credentials) throws IOException, InterruptedException {
        return post(url, json, "application/json", credentials);
    }

    /** POST a body of the given content type (e.g. text/plain for an experiment file's YAML). */
    public static Response post(String url, String body, String contentType, Credentials credentials)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (credentials != null) {
            b.header("Authorization", credentials.header());
        }
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), parse(r.body()), r.body());
    }

    public static Response get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), parse(r.body()), r.body());
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : EventCodec.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
