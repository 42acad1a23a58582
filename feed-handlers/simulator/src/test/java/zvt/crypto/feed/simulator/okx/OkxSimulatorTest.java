package zvt.crypto.feed.simulator.okx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.FaultKind;
import zvt.crypto.feed.simulator.FaultRecord;
import zvt.crypto.feed.simulator.GroundTruthBook;
import zvt.crypto.feed.simulator.SimulatorFaults;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.VenueSimulator;
import zvt.crypto.feed.test.WebSocketTestClient;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OKX simulator on a real socket, checked the way a client would: acks per arg, a books snapshot then updates
 * chained on {@code prevSeqId}, every checksum recomputed here (CRC32 over the strings received, PROTOCOLS.md §2.4)
 * against a book kept here, that book equal to the simulator's ground truth, keepalive, the business path, the REST
 * book, and dropped messages and corrupt checksums seen exactly where the fault log says.
 */
class OkxSimulatorTest
{
    @Test
    void shouldSendBestBidOfferAndTickersAndAnswerRestFaults() throws Exception
    {
        simulator = VenueSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(2_000)
            .faults(new SimulatorFaults().rest429Probability(1.0).retryAfterSeconds(3)), new OkxProtocol());
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/ws/v5/public"))
        {
            client.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"bbo-tbt\",\"instId\":\"BTC-USDT\"}," +
                "{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"}]}");
            final JsonNode bbo = MAPPER.readTree(client.next(m -> m.startsWith("{\"arg\":{\"channel\":\"bbo-tbt\""),
                TIMEOUT)).get("data").get(0);
            assertTrue(new BigDecimal(bbo.get("bids").get(0).get(0).asText())
                .compareTo(new BigDecimal(bbo.get("asks").get(0).get(0).asText())) < 0);
            final JsonNode ticker = MAPPER.readTree(client.next(m -> m.startsWith("{\"arg\":{\"channel\":\"tickers\""),
                TIMEOUT)).get("data").get(0);
            assertEquals("SPOT", ticker.get("instType").asText());
            assertNotNull(ticker.get("bidPx"));
        }
        final HttpResponse<String> limited = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(simulator.restUri() + "/api/v5/market/books?instId=BTC-USDT")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(429, limited.statusCode());
        assertEquals("3", limited.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(1, simulator.faults().count(FaultKind.REST_429));
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VenueSimulator simulator;

    @AfterEach
    void close()
    {
        if (simulator != null)
        {
            simulator.close();
        }
    }

    @Test
    void shouldSendASnapshotThenChainedUpdatesWhoseChecksumsVerify() throws Exception
    {
        simulator = VenueSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(3_000), new OkxProtocol());
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/ws/v5/public"))
        {
            client.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}," +
                "{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"}]}");
            // An ack precedes its arg's stream; the books snapshot may come before the trades ack.
            final List<String> acked = new ArrayList<>();
            JsonNode snapshot = null;
            while (acked.size() < 2 || snapshot == null)
            {
                final JsonNode message = MAPPER.readTree(client.next(m -> true, TIMEOUT));
                if (message.has("event"))
                {
                    assertEquals("subscribe", message.get("event").asText());
                    acked.add(message.get("arg").get("channel").asText());
                }
                else if ("books".equals(message.get("arg").get("channel").asText()))
                {
                    assertTrue(acked.contains("books"), "the books ack comes before the snapshot");
                    snapshot = message;
                }
            }
            assertEquals(List.of("books", "trades"), acked);

            final LocalBook book = new LocalBook();
            assertEquals("snapshot", snapshot.get("action").asText());
            assertEquals(-1, snapshot.get("data").get(0).get("prevSeqId").asLong());
            long seqId = book.apply(snapshot.get("data").get(0));
            int updates = 0;
            int trades = 0;
            while (updates < 500)
            {
                final JsonNode message = MAPPER.readTree(client.next(m -> true, TIMEOUT));
                final String channel = message.get("arg").get("channel").asText();
                if ("trades".equals(channel))
                {
                    final JsonNode trade = message.get("data").get(0);
                    assertEquals("BTC-USDT", trade.get("instId").asText());
                    assertTrue(Set.of("buy", "sell").contains(trade.get("side").asText()));
                    trades++;
                    continue;
                }
                final JsonNode data = message.get("data").get(0);
                assertEquals("update", message.get("action").asText());
                assertEquals(seqId, data.get("prevSeqId").asLong(), "updates chain on prevSeqId");
                seqId = book.apply(data);
                assertEquals(book.checksum(), data.get("checksum").asInt(), "checksum after seqId " + seqId);
                updates++;
                if (updates % 100 == 0)
                {
                    book.assertEquals(simulator.groundTruthAt("BTC-USDT", seqId));
                }
            }
            assertTrue(trades > 0, "trades arrive beside the book");
        }
    }

    @Test
    void shouldAnswerPingsServeCandlesOnTheBusinessPathOnlyAndTheRestBook() throws Exception
    {
        simulator = VenueSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(1_000)
            .klinePushIntervalMs(50), new OkxProtocol());
        try (WebSocketTestClient publicClient = WebSocketTestClient.connect(simulator.webSocketUri() + "/ws/v5/public");
            WebSocketTestClient business = WebSocketTestClient.connect(simulator.webSocketUri() + "/ws/v5/business"))
        {
            publicClient.send("ping");
            assertEquals("pong", publicClient.next(m -> true, TIMEOUT));
            publicClient.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"candle1m\",\"instId\":\"BTC-USDT\"}]}");
            final JsonNode error = MAPPER.readTree(publicClient.next(m -> true, TIMEOUT));
            assertEquals("error", error.get("event").asText());
            assertEquals("60018", error.get("code").asText());

            business.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"candle1m\",\"instId\":\"BTC-USDT\"}]}");
            assertEquals("subscribe", MAPPER.readTree(business.next(m -> true, TIMEOUT)).get("event").asText());
            final JsonNode candle = MAPPER.readTree(business.next(m -> m.contains("candle1m"), TIMEOUT));
            assertEquals(9, candle.get("data").get(0).size(), "ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm");
        }

        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(simulator.restUri() + "/api/v5/market/books?instId=ETH-USDT&sz=400")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        final JsonNode body = MAPPER.readTree(response.body());
        assertEquals("0", body.get("code").asText());
        final JsonNode data = body.get("data").get(0);
        final LocalBook book = new LocalBook();
        book.apply(data);
        book.assertEquals(simulator.groundTruthAt("ETH-USDT", data.get("seqId").asLong()));
    }

    /** OKX announced it will stop sending the books snapshot: an omitted one leaves the client only updates. */
    @Test
    void shouldOmitTheBooksSnapshotOnSubscribeWhenAsked() throws Exception
    {
        simulator = VenueSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(2_000)
            .faults(new SimulatorFaults().omitSnapshot(1.0)), new OkxProtocol());
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/ws/v5/public"))
        {
            client.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}]}");
            for (int i = 0; i < 20; i++)
            {
                assertEquals("update", MAPPER.readTree(client.next(m -> m.contains("\"action\""), TIMEOUT))
                    .get("action").asText());
            }
        }
        assertEquals(1, simulator.faults().count(FaultKind.OMITTED_SNAPSHOT, StreamKind.DEPTH));
    }

    @Test
    void shouldShowEveryDroppedUpdateAsAPrevSeqIdGapAndEveryCorruptChecksum() throws Exception
    {
        simulator = VenueSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(5_000)
            .faults(new SimulatorFaults().drop(StreamKind.DEPTH, 0.05).corruptChecksum(0.05)), new OkxProtocol());
        final Set<Long> gapsAfter = new HashSet<>();
        final Set<Long> badChecksums = new HashSet<>();
        final long first;
        final long last;
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/ws/v5/public"))
        {
            client.send("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}]}");
            final LocalBook book = new LocalBook();
            long seqId = book.apply(MAPPER.readTree(client.next(m -> m.contains("snapshot"), TIMEOUT))
                .get("data").get(0));
            first = seqId;
            for (int i = 0; i < 1_000; i++)
            {
                final JsonNode data = MAPPER.readTree(client.next(m -> true, TIMEOUT)).get("data").get(0);
                if (data.get("prevSeqId").asLong() != seqId)
                {
                    gapsAfter.add(seqId);
                }
                seqId = book.apply(data);
                if (book.checksum() != data.get("checksum").asInt())
                {
                    badChecksums.add(seqId);
                }
            }
            last = seqId;
        }
        // Consecutive drops make one gap, after the prevSeqId of the first dropped update of the run.
        final List<FaultRecord> drops = simulator.faults().records(r -> r.kind() == FaultKind.DROP && r.last() <= last);
        final Set<Long> droppedSeqIds = new HashSet<>();
        drops.forEach(r -> droppedSeqIds.add(r.last()));
        final Set<Long> gapStarts = new HashSet<>();
        drops.stream().filter(r -> r.first() >= first && !droppedSeqIds.contains(r.first()))
            .forEach(r -> gapStarts.add(r.first()));
        final Set<Long> corrupted = new HashSet<>();
        for (final FaultRecord record : simulator.faults().records(r -> r.kind() == FaultKind.CORRUPT_CHECKSUM))
        {
            if (record.last() > first && record.last() <= last)
            {
                corrupted.add(record.last());
            }
        }
        assertFalse(gapStarts.isEmpty());
        assertEquals(gapStarts, gapsAfter, "a gap exactly where updates were dropped");
        assertFalse(corrupted.isEmpty());
        // A dropped update's corrupt checksum is never seen; a gap leaves the local book wrong until the next
        // snapshot, so only messages before the first gap are compared.
        final long firstGap = gapsAfter.stream().min(Long::compare).orElse(Long.MAX_VALUE);
        assertEquals(filter(corrupted, firstGap), filter(badChecksums, firstGap));
    }

    private static Set<Long> filter(final Set<Long> ids, final long below)
    {
        final Set<Long> kept = new HashSet<>();
        ids.stream().filter(id -> id <= below).forEach(kept::add);
        return kept;
    }

    /** A client's OKX book: levels keyed by numeric price, holding the strings as received. */
    static final class LocalBook
    {
        private final TreeMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
        private final TreeMap<BigDecimal, String[]> asks = new TreeMap<>();

        /** @return the message's seqId. */
        long apply(final JsonNode data)
        {
            if (data.has("prevSeqId") && data.get("prevSeqId").asLong() == -1 || !data.has("prevSeqId"))
            {
                bids.clear();
                asks.clear();
            }
            apply(data.get("bids"), bids);
            apply(data.get("asks"), asks);
            assertNotNull(data.get("seqId"));
            return data.get("seqId").asLong();
        }

        int checksum()
        {
            final List<String[]> bidLevels = new ArrayList<>(bids.values()).subList(0, Math.min(25, bids.size()));
            final List<String[]> askLevels = new ArrayList<>(asks.values()).subList(0, Math.min(25, asks.size()));
            final StringBuilder text = new StringBuilder();
            for (int i = 0; i < Math.max(bidLevels.size(), askLevels.size()); i++)
            {
                if (i < bidLevels.size())
                {
                    text.append(bidLevels.get(i)[0]).append(':').append(bidLevels.get(i)[1]).append(':');
                }
                if (i < askLevels.size())
                {
                    text.append(askLevels.get(i)[0]).append(':').append(askLevels.get(i)[1]).append(':');
                }
            }
            final CRC32 crc = new CRC32();
            crc.update(text.substring(0, Math.max(0, text.length() - 1)).getBytes(StandardCharsets.UTF_8));
            return (int)crc.getValue();
        }

        void assertEquals(final GroundTruthBook truth)
        {
            assertNotNull(truth, "ground truth kept");
            org.junit.jupiter.api.Assertions.assertEquals(levels(truth.bidPrices(), truth.bidSizes()), levels(bids));
            org.junit.jupiter.api.Assertions.assertEquals(levels(truth.askPrices(), truth.askSizes()), levels(asks));
        }

        private static List<String> levels(final long[] prices, final long[] sizes)
        {
            final List<String> levels = new ArrayList<>();
            for (int i = 0; i < prices.length; i++)
            {
                levels.add(BigDecimal.valueOf(prices[i], 8).stripTrailingZeros().toPlainString() + "x" +
                    BigDecimal.valueOf(sizes[i], 8).stripTrailingZeros().toPlainString());
            }
            return levels;
        }

        private static List<String> levels(final TreeMap<BigDecimal, String[]> side)
        {
            final List<String> levels = new ArrayList<>();
            for (final Map.Entry<BigDecimal, String[]> level : side.entrySet())
            {
                levels.add(level.getKey().stripTrailingZeros().toPlainString() + "x" +
                    new BigDecimal(level.getValue()[1]).stripTrailingZeros().toPlainString());
            }
            return levels;
        }

        private static void apply(final JsonNode levels, final TreeMap<BigDecimal, String[]> side)
        {
            for (final JsonNode level : levels)
            {
                final BigDecimal price = new BigDecimal(level.get(0).asText());
                if (new BigDecimal(level.get(1).asText()).signum() == 0)
                {
                    side.remove(price);
                }
                else
                {
                    side.put(price, new String[]{level.get(0).asText(), level.get(1).asText()});
                }
            }
        }
    }
}
