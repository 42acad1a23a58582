package zvt.crypto.ops.load;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.Jedis;
import zvt.crypto.ops.ZvtCrypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load harness end to end at a modest rate, so it cannot rot: four venue simulators at 2,000 steps/s for 20 s, a
 * node writing to the test PostgreSQL (a schema of the run's own, dropped after) and to Redis, and two WebSocket
 * subscribers. The summary (the last stdout line) must show every trade journaled once, in the database once and at
 * each subscriber once, the writers' lag bounded, a latency for every hop (every trade a subscriber measured also timed
 * from the simulator's send), and the files it names must exist.
 */
class LoadTestCommandTest
{
    private static final List<String> HOPS = List.of("exchange_to_receive", "receive_to_journal", "journal_to_fanout",
        "receive_to_database", "receive_to_subscriber", "exchange_to_subscriber", "send_to_receive",
        "send_to_subscriber");
    private static final double MAX_LAG_MILLIS = 5_000;

    @TempDir
    Path directory;

    @Test
    void shouldDeliverEveryTradeOnceToJournalDatabaseAndEachSubscriberAndReportEveryHop() throws Exception
    {
        final String redisUrl = System.getProperty("zvt.test.redis.url", "redis://127.0.0.1:6379");
        final Set<String> runKeysBefore = loadtestKeys(redisUrl);
        final Path config = directory.resolve("node.properties");
        Files.writeString(config, String.join("\n",
            "db.url = " + System.getProperty("zvt.test.db.url", "jdbc:postgresql://127.0.0.1:5432/test"),
            "db.user = postgres",
            "redis.url = " + redisUrl,
            ""));
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = ZvtCrypto.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        final int exit = cli.execute("loadtest", "--rate", "2000", "--seconds", "20", "--warmup", "2",
            "--subscribers", "2", "--config", config.toString(), "--out", directory.resolve("out").toString());

        assertEquals(0, exit, err::toString);
        final List<String> lines = out.toString().lines().toList();
        final JsonNode summary = new ObjectMapper().readTree(lines.getLast());
        assertTrue(summary.get("lossless").asBoolean(), summary::toPrettyString);
        final JsonNode trades = summary.at("/counts/trades");
        assertTrue(trades.get("offered").asLong() > 1_000, trades::toPrettyString);
        assertEquals(trades.get("offered").asLong(), trades.get("journaled").asLong(), trades::toPrettyString);
        for (final String venue : List.of("BINANCE", "OKX", "BYBIT", "COINBASE"))
        {
            final JsonNode byVenue = trades.at("/byVenue/" + venue);
            assertTrue(byVenue.get("offered").asLong() > 0, venue);
            assertEquals(0, byVenue.get("lost").asLong(), venue);
            assertEquals(0, byVenue.get("duplicated").asLong(), venue);
        }
        assertEquals(trades.get("journaled").asLong(), trades.at("/database/written").asLong(),
            trades::toPrettyString);
        assertEquals(0, trades.at("/database/lost").asLong());
        assertEquals(0, trades.at("/database/duplicated").asLong());
        assertEquals(2, trades.get("subscribers").size());
        for (final JsonNode subscriber : trades.get("subscribers"))
        {
            assertTrue(subscriber.get("delivered").asLong() > 500, subscriber::toPrettyString);
            assertEquals(0, subscriber.get("lost").asLong(), subscriber::toPrettyString);
            assertEquals(0, subscriber.get("duplicated").asLong(), subscriber::toPrettyString);
            assertTrue(!subscriber.get("closedByGateway").asBoolean(), subscriber::toPrettyString);
            assertEquals(0, subscriber.get("untimedTrades").asLong(), subscriber::toPrettyString);
        }
        // Every measured trade is timed from the simulator's send.
        assertEquals(summary.at("/latency/receive_to_subscriber/count").asLong(),
            summary.at("/latency/send_to_subscriber/count").asLong(), summary::toPrettyString);
        for (final String hop : HOPS)
        {
            final JsonNode latency = summary.at("/latency/" + hop);
            assertTrue(latency.get("count").asLong() > 0, hop);
            assertTrue(latency.get("maxUs").asDouble() >= latency.get("p50us").asDouble(), hop);
            assertTrue(Files.size(Path.of(summary.at("/files/" + hop).asText())) > 0, hop);
        }
        final String plot = Files.readString(Path.of(summary.at("/files/plot").asText()));
        assertTrue(plot.startsWith("<svg") && plot.contains("<polyline"), plot);
        assertTrue(Files.exists(Path.of(summary.get("out").asText()).resolve("summary.json")));
        assertTrue(summary.at("/cost/processCpuSecondsPerMillionEvents").asDouble() > 0, summary::toPrettyString);
        assertTrue(summary.at("/cost/threads/node/allocatedMBPerSecond").isNumber(), summary::toPrettyString);
        // the test's PostgreSQL and Redis run on this machine and work for the node's sinks in the window
        assertTrue(summary.at("/cost/localServersCpuSeconds/postgres").asDouble() > 0, summary::toPrettyString);
        assertTrue(summary.at("/cost/localServersCpuSeconds/redis-server").asDouble() > 0, summary::toPrettyString);
        assertTrue(summary.at("/cost/nodeAndLocalServersCpuMicrosPerEvent").asDouble() >
            summary.at("/cost/nodeCpuMicrosPerEvent").asDouble(), summary::toPrettyString);
        assertTrue(summary.at("/lag/redisConnected").asBoolean(), summary::toPrettyString);
        // Bounded: neither writer is more than a few batches behind when the window ends, nor falling further back.
        assertTrue(!summary.at("/lag/dbLagGrowing").asBoolean(), summary::toPrettyString);
        assertTrue(summary.at("/lag/dbWriterLagMillis").asDouble() < MAX_LAG_MILLIS, summary::toPrettyString);
        assertTrue(summary.at("/lag/redisStreamLagMillis").asDouble() < MAX_LAG_MILLIS, summary::toPrettyString);
        assertEquals(runKeysBefore, loadtestKeys(redisUrl), "the run's Redis keys are gone with it, like its schema");
    }

    private static Set<String> loadtestKeys(final String redisUrl)
    {
        try (Jedis redis = new Jedis(URI.create(redisUrl)))
        {
            return redis.keys("zvt:loadtest-*");
        }
    }
}
