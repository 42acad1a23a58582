package zvt.crypto.ops.metrics;

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
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.test.Tests;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.VenueSimulators;
import zvt.crypto.ops.config.NodeConfig;
import zvt.crypto.ops.launch.MarketDataNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Prometheus server (Debian's package) scrapes a running node (Binance simulator, the real PostgreSQL and
 * Redis on localhost) every second, with the alert rules loaded. After two scrapes, its HTTP API must show the core
 * pipeline's series non-zero, every metric the alert rules and the dashboard use, and the rules loaded healthy. The
 * one exception: the backup alerts' group ({@link PrometheusTools#KUBE_STATE_METRICS_GROUP}) reads kube-state-metrics
 * series, which no node exports; PrometheusRulesTest checks that group uses nothing else.
 */
class PrometheusScrapeTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @TempDir
    Path directory;

    @Test
    void shouldExportThePipelinesSeriesAndEveryMetricTheRulesAndDashboardUse() throws Exception
    {
        PrometheusTools.require("prometheus");
        final String schema = "metrics_" + Long.toHexString(System.nanoTime());
        final String redisPrefix = "test-" + UUID.randomUUID();
        try (VenueSimulators simulators = VenueSimulators.launch(List.of(Venue.BINANCE),
                new BinanceSimulatorContext().port(0).seed(7).messagesPerSecond(300));
             HttpClient http = HttpClient.newHttpClient())
        {
            final Path secret = Files.writeString(directory.resolve("hs256.secret"), UUID.randomUUID() + "-" +
                UUID.randomUUID());
            NodeConfig config = NodeConfig.defaults(Map.of())
                .with("journal.dir", directory.resolve("journal").toString())
                .with("gateway.port", "0")
                .with("gateway.auth.enabled", "true") // /metrics must stay open to scrapes with auth on
                .with("gateway.auth.jwt.hs256.secret.file", secret.toString())
                .with("db.url", DB_URL)
                .with("db.schema", schema)
                .with("redis.url", "redis://127.0.0.1:6379")
                .with("redis.key.prefix", redisPrefix)
                .with("venues", "binance");
            for (final Map.Entry<String, String> setting : simulators.feedSettings(Venue.BINANCE).entrySet())
            {
                config = config.with("binance." + setting.getKey(), setting.getValue());
            }
            try (MarketDataNode node = MarketDataNode.launch(config, new SystemEpochNanoClock()))
            {
                final URI gateway = node.gatewayUri();
                final int prometheusPort = freePort();
                final Process prometheus = startPrometheus(gateway.getPort(), prometheusPort);
                try
                {
                    final String api = "http://127.0.0.1:" + prometheusPort + "/api/v1/";
                    Tests.await(() -> value(http, api, "count_over_time(up{job=\"zvt-crypto\"}[1m])") >= 2 &&
                            value(http, api, "up{job=\"zvt-crypto\"}") == 1 &&
                            value(http, api, "zvt_db_writer_rows_total") > 0,
                        Duration.ofSeconds(60), () -> "two scrapes of a node that has written rows; targets: " +
                            describe(http, api + "targets"));

                    for (final String series : List.of(
                        "zvt_feed_events_total{venue=\"binance\"}",
                        "zvt_feed_frames_total{venue=\"binance\"}",
                        "zvt_feed_received_bytes_total{venue=\"binance\"}",
                        "zvt_feed_connected{venue=\"binance\"}",
                        "zvt_journal_appended_events_total",
                        "zvt_journal_disk_bytes",
                        "zvt_ring_capacity_events",
                        "zvt_hop_latency_seconds_count{hop=\"exchange_to_receive\"}",
                        "zvt_hop_latency_seconds_count{hop=\"receive_to_journal\"}",
                        "zvt_hop_latency_seconds_count{hop=\"journal_to_fanout\"}",
                        "zvt_hop_latency_seconds_count{hop=\"receive_to_database\"}",
                        "zvt_db_writer_rows_total",
                        "zvt_redis_state_writes_total",
                        "zvt_redis_stream_batched_items_total",
                        "zvt_gateway_rest_responses_total{route=\"/metrics\",status=\"200\"}",
                        "jvm_memory_used_bytes{area=\"heap\"}"))
                    {
                        assertTrue(value(http, api, "sum(" + series + ")") > 0, series + " is non-zero");
                    }

                    final Set<String> missing = new TreeSet<>();
                    for (final String metric : PrometheusTools.metricsUsed())
                    {
                        if (value(http, api, "count({__name__=~\"" + metric + "(_count|_sum|_bucket)?\"})") <= 0)
                        {
                            missing.add(metric);
                        }
                    }
                    assertEquals(Set.of(), missing, "metrics the rules or dashboard use but the node does not export");

                    final JsonNode groups = JSON.readTree(get(http, api + "rules")).path("data").path("groups");
                    int rules = 0;
                    for (final JsonNode group : groups)
                    {
                        for (final JsonNode rule : group.path("rules"))
                        {
                            assertEquals("ok", rule.path("health").asText(), rule.toString());
                            rules++;
                        }
                    }
                    assertTrue(rules >= 10, "alert rules loaded: " + rules);
                }
                finally
                {
                    prometheus.destroy(); // SIGTERM
                    prometheus.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        finally
        {
            try (Connection connection = DriverManager.getConnection(DB_URL, "postgres", "");
                Statement statement = connection.createStatement())
            {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            try (Jedis redis = new Jedis("127.0.0.1", 6379))
            {
                redis.keys(redisPrefix + ":*").forEach(redis::del);
            }
        }
    }

    private Process startPrometheus(final int nodePort, final int port) throws IOException
    {
        final Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - %s
            scrape_configs:
              - job_name: zvt-crypto
                metrics_path: /metrics
                static_configs:
                  - targets: ['127.0.0.1:%d']
            """.formatted(PrometheusTools.RULES.toAbsolutePath(), nodePort));
        return new ProcessBuilder("prometheus",
            "--config.file=" + config,
            "--storage.tsdb.path=" + directory.resolve("tsdb"),
            "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("prometheus.log").toFile())
            .start();
    }

    /** @return the query's single value (summed if several series), or -1 if it has none or the query fails. */
    private static double value(final HttpClient http, final String api, final String query)
    {
        try
        {
            final JsonNode result = JSON.readTree(get(http, api + "query?query=" +
                URLEncoder.encode(query, StandardCharsets.UTF_8))).path("data").path("result");
            double sum = -1;
            for (final JsonNode series : result)
            {
                sum = Math.max(sum, 0) + series.path("value").path(1).asDouble();
            }
            return sum;
        }
        catch (final IOException | InterruptedException ex)
        {
            return -1;
        }
    }

    private static String describe(final HttpClient http, final String uri)
    {
        try
        {
            return get(http, uri);
        }
        catch (final IOException | InterruptedException ex)
        {
            return ex.toString();
        }
    }

    private static String get(final HttpClient http, final String uri) throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
