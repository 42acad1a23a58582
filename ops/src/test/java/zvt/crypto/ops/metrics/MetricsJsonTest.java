package zvt.crypto.ops.metrics;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.gateway.GatewayCounters;
import zvt.crypto.gateway.MetricsSource;
import zvt.crypto.gateway.Rejection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node view's JSON and the Prometheus text come from one registry: every counter and gauge sample of the node's
 * own metrics in the text has the same name, labels and value in the JSON, and the JSON has nothing else.
 */
class MetricsJsonTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAMPLE = Pattern.compile("^(zvt_\\w+?)(\\{[^}]*})? (\\S+)$");

    @Test
    void shouldGiveTheSameSamplesAsTheScrape() throws Exception
    {
        final CountersRegistry registry = new CountersRegistry();
        final GatewayCounters counters = new GatewayCounters(registry);
        counters.recordSessionOpened();
        counters.recordMessagesSent(12);
        counters.recordRestResponse("/api/v1/crypto/instruments", 200, 1_000);
        counters.recordRejection(Rejection.RATE_LIMITED);
        counters.recordRejection(Rejection.KEY_SUBSCRIBE_RATE_LIMITED);
        final MetricsSource source = new NodeMetrics(registry).gateway(counters).source();

        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        source.writeTo(text);
        final Map<String, Double> scraped = new TreeMap<>();
        for (final String line : text.toString(StandardCharsets.UTF_8).split("\n"))
        {
            final Matcher sample = SAMPLE.matcher(line);
            if (sample.matches() && !line.contains("_latency_seconds"))
            {
                scraped.put(sample.group(1) + (sample.group(2) == null ? "{}" : sample.group(2)),
                    Double.parseDouble(sample.group(3)));
            }
        }

        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(body))
        {
            json.writeStartObject();
            source.writeJson(json);
            json.writeEndObject();
        }
        final Map<String, Double> fromJson = new TreeMap<>();
        final JsonNode metrics = JSON.readTree(body.toByteArray());
        metrics.fields().forEachRemaining(metric -> metric.getValue().forEach(point ->
        {
            final Map<String, String> labels = new TreeMap<>();
            point.get("labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            fromJson.put(metric.getKey() + labelText(labels), point.get("value").asDouble());
        }));

        assertFalse(scraped.isEmpty());
        assertEquals(scraped, fromJson);
        assertEquals(1.0, fromJson.get("zvt_gateway_sessions{}"));
        assertEquals(12.0, fromJson.get("zvt_gateway_messages_sent_total{}"));
        assertEquals(1.0, fromJson.get(
            "zvt_gateway_rest_responses_total{route=\"/api/v1/crypto/instruments\",status=\"200\"}"));
        assertEquals(2.0, fromJson.get("zvt_gateway_rejections_total{reason=\"rate_limited\"}"),
            "two kinds of refusal share the client's code: one series, their sum");
        assertTrue(metrics.fieldNames().next().startsWith("zvt_"), "the JVM's metrics are left to Prometheus");
    }

    /** Labels as the text format writes them: sorted by name, {@code {a="x",b="y"}}. */
    private static String labelText(final Map<String, String> labels)
    {
        final Map<String, String> quoted = new HashMap<>();
        labels.forEach((name, value) -> quoted.put(name, name + "=\"" + value + "\""));
        return "{" + String.join(",", new TreeMap<>(quoted).values()) + "}";
    }
}
