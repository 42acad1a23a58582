package zvt.crypto.ops.launch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.test.Tests;
import zvt.crypto.core.test.TextMessageCollector;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.VenueSimulators;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueRegistry;
import zvt.crypto.ops.config.NodeConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway fed only through Redis serves what the in-process gateway serves: a node (role all) on four simulated
 * venues writes the Redis streams; a second node (role gateway) reads them. Two clients, one on each, subscribe to
 * every channel of every venue while the markets are paused (so both start from the same state), the markets run,
 * pause again, and once the remote gateway has caught up both clients must have received the same messages, byte
 * for byte, over the whole journal range. The forming 1m candle is left out: both gateways send it once per ring
 * batch, and the two rings batch differently; closed candles are compared.
 */
class RemoteGatewayTest
{
    private static final List<Venue> VENUES = List.of(Venue.BINANCE, Venue.OKX, Venue.BYBIT, Venue.COINBASE);
    private static final String[] CHANNELS = {"trades", "book", "top", "candle", "status"};
    private static final long PAUSE_MS = 4_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String prefix = "test-" + UUID.randomUUID();

    @TempDir
    Path directory;

    @AfterEach
    void deleteKeys()
    {
        try (Jedis redis = new Jedis("127.0.0.1", 6379))
        {
            for (final String key : redis.keys(prefix + ":*"))
            {
                redis.del(key);
            }
        }
    }

    @Test
    void shouldServeTheSameMessagesAsTheInProcessGatewayForTheSameJournalRange() throws Exception
    {
        try (VenueSimulators simulators = VenueSimulators.launch(VENUES, new BinanceSimulatorContext()
                .port(0).seed(41).messagesPerSecond(400));
             HttpClient http = HttpClient.newHttpClient())
        {
            NodeConfig config = NodeConfig.defaults(Map.of())
                .with("journal.dir", directory.resolve("journal").toString())
                .with("gateway.port", "0")
                .with("db.enabled", "false")
                .with("gateway.auth.enabled", "false")
                .with("redis.url", "redis://127.0.0.1:6379")
                .with("redis.key.prefix", prefix)
                .with("venues", "binance,okx,bybit,coinbase");
            for (final Venue venue : VENUES)
            {
                final VenueAdapter adapter = VenueRegistry.byName(venue.name().toLowerCase());
                for (final Map.Entry<String, String> setting : simulators.feedSettings(venue).entrySet())
                {
                    config = config.with(adapter.configName() + "." + setting.getKey(), setting.getValue());
                }
            }
            try (MarketDataNode node = MarketDataNode.launch(config, new SystemEpochNanoClock());
                RemoteGatewayNode remote = RemoteGatewayNode.launch(config.with("node.role", "gateway"),
                    new SystemEpochNanoClock()))
            {
                Thread.sleep(2_000); // books and instruments of every venue are in
                pauseAndCatchUp(simulators, node, remote);
                final Recorder local = Recorder.subscribe(http, node.gatewayUri());
                final Recorder fromRedis = Recorder.subscribe(http, remote.gatewayUri());
                Tests.await(() -> local.count() > 0 && local.quietFor(300) && fromRedis.quietFor(300),
                    Duration.ofSeconds(10), () -> "no snapshots");

                Thread.sleep(PAUSE_MS + 4_000); // the markets run again
                pauseAndCatchUp(simulators, node, remote);
                Tests.await(() -> local.quietFor(500) && fromRedis.quietFor(500), Duration.ofSeconds(10),
                    () -> "clients never went quiet");

                final List<String> expected = local.messages();
                final List<String> actual = fromRedis.messages();
                System.out.println("remote gateway: " + expected.size() + " messages compared up to journal index " +
                    node.lastJournalIndex() + " over " + VENUES.size() + " venues");
                assertTrue(expected.size() > 2_000, "enough traffic to compare: " + expected.size());
                assertTrue(expected.stream().anyMatch(m -> m.contains("\"type\":\"book_snapshot\"")));
                assertTrue(expected.stream().anyMatch(m -> m.contains("\"type\":\"book\"")));
                assertTrue(expected.stream().anyMatch(m -> m.contains("\"type\":\"trade\"")));
                for (int i = 0; i < Math.min(expected.size(), actual.size()); i++)
                {
                    assertEquals(expected.get(i), actual.get(i), "message " + i);
                }
                assertEquals(expected.size(), actual.size());
                local.close();
                fromRedis.close();
            }
        }
    }

    /** Pauses every market and waits until the remote gateway has handed on the node's last journaled event. */
    private static void pauseAndCatchUp(
        final VenueSimulators simulators, final MarketDataNode node, final RemoteGatewayNode remote) throws Exception
    {
        simulators.all().values().forEach(simulator -> simulator.pause(PAUSE_MS + 2_000));
        Thread.sleep(500);
        Tests.await(() -> node.lastJournalIndex() == remote.lastIndex(), Duration.ofSeconds(15),
            () -> "remote gateway at " + remote.lastIndex() + ", journal at " + node.lastJournalIndex());
    }

    /** A client subscribed to every channel of every venue, recording the market-data messages it receives. */
    private static final class Recorder
    {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final List<String> messages = new ArrayList<>();
        private WebSocket webSocket;
        private long lastChangeNanos = System.nanoTime();

        static Recorder subscribe(final HttpClient http, final URI uri)
        {
            final Recorder recorder = new Recorder();
            recorder.webSocket = http.newWebSocketBuilder().buildAsync(uri, new TextMessageCollector(recorder.received))
                .orTimeout(10, TimeUnit.SECONDS).join();
            final StringBuilder request = new StringBuilder("{\"op\":\"subscribe\",\"subscriptions\":[");
            for (final Venue venue : VENUES)
            {
                for (final String channel : CHANNELS)
                {
                    request.append("{\"channel\":\"").append(channel).append("\",\"venue\":\"").append(venue.name())
                        .append(channel.equals("status") ? "\"}," : "\",\"symbol\":\"*\"},");
                }
            }
            request.setLength(request.length() - 1);
            recorder.webSocket.sendText(request.append("]}"), true).join();
            return recorder;
        }

        /** The market-data messages so far, in order; the forming candle left out (see the class comment). */
        synchronized List<String> messages()
        {
            drain();
            return List.copyOf(messages);
        }

        synchronized int count()
        {
            drain();
            return messages.size();
        }

        /** @return true if nothing arrived for {@code millis}. */
        synchronized boolean quietFor(final long millis)
        {
            drain();
            return System.nanoTime() - lastChangeNanos > TimeUnit.MILLISECONDS.toNanos(millis);
        }

        void close()
        {
            webSocket.abort();
        }

        private void drain()
        {
            String text;
            while ((text = received.poll()) != null)
            {
                lastChangeNanos = System.nanoTime();
                try
                {
                    final JsonNode message = JSON.readTree(text);
                    final boolean formingCandle = message.path("type").asText().equals("candle") &&
                        !message.path("closed").asBoolean();
                    if (message.has("journalIndex") && !formingCandle)
                    {
                        messages.add(text);
                    }
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(text, ex);
                }
            }
        }
    }
}
