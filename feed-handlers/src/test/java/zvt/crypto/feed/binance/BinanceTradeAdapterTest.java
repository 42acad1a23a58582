package zvt.crypto.feed.binance;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.core.test.Tests;
import zvt.crypto.feed.connection.DecodeErrorLog;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.test.DecodedTrade;
import zvt.crypto.feed.test.TestRing;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceTradeAdapterTest
{
    private static final long RECEIVE_TIME = 1_700_000_000_123_456_789L;
    private static final int FRAME_OFFSET = 7;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TestRing ring = new TestRing(1024);
    private final FeedCounters counters = new FeedCounters();
    private final BinanceTradeAdapter adapter =
        new BinanceTradeAdapter(ring.ringBuffer(), () -> RECEIVE_TIME, counters);
    private final Map<String, Integer> ids = new HashMap<>();

    @BeforeEach
    void registerSymbols()
    {
        register("BTCUSDT", 11);
        register("BNBBTC", 12);
    }

    @AfterEach
    void closeRing()
    {
        ring.close();
    }

    @Test
    void shouldDecodeEveryRecordedTradeExactlyAsTheReferenceDecoder()
    {
        final List<String> frames = new ArrayList<>(Fixtures.lines("binance/trade.jsonl"));
        frames.addAll(Fixtures.lines("binance/trade.docs.jsonl"));

        frames.forEach(this::deliver);

        assertDecodedLikeReference(frames);
        assertEquals(frames.size(), counters.events());
        assertEquals(0, counters.ignored());
        assertEquals(0, counters.decodeErrors());
    }

    @Test
    void shouldDecodeTradesInAnyFieldOrderWithOrWithoutOrderIdsAndWhitespace() throws Exception
    {
        final Random random = new Random(7);
        final List<String> frames = new ArrayList<>();
        for (final String line : Fixtures.lines("binance/trade.jsonl"))
        {
            final JsonNode root = MAPPER.readTree(line);
            final ObjectNode payload = (ObjectNode)(root.has("data") ? root.get("data") : root);
            for (int i = 0; i < 25; i++)
            {
                final List<String> names = new ArrayList<>();
                payload.fieldNames().forEachRemaining(names::add);
                Collections.shuffle(names, random);
                final ObjectNode shuffled = MAPPER.createObjectNode();
                for (final String name : names)
                {
                    final boolean orderId = "b".equals(name) || "a".equals(name);
                    if (!orderId || random.nextBoolean())
                    {
                        shuffled.set(name, payload.get(name));
                    }
                }
                final JsonNode frame = random.nextBoolean() ? shuffled : MAPPER.createObjectNode()
                    .put("stream", payload.get("s").asText().toLowerCase() + "@trade")
                    .set("data", shuffled);
                frames.add(random.nextBoolean() ? MAPPER.writeValueAsString(frame) :
                    MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(frame));
            }
        }

        frames.forEach(this::deliver);

        assertDecodedLikeReference(frames);
        assertEquals(0, counters.decodeErrors());
    }

    @Test
    void shouldIgnoreControlMessagesOtherStreamsAndUnsubscribedSymbols()
    {
        final List<String> frames = new ArrayList<>(Fixtures.lines("binance/control.docs.jsonl"));
        frames.addAll(Fixtures.lines("binance/aggTrade.jsonl"));
        frames.addAll(Fixtures.lines("binance/bookTicker.jsonl"));
        frames.addAll(Fixtures.lines("binance/depthUpdate.jsonl"));
        frames.addAll(Fixtures.lines("binance/kline.jsonl"));
        frames.add(trade(Map.of("s", "\"ETHUSDT\"")));
        frames.add("{\"stream\":\"ethusdt@trade\",\"data\":" + trade(Map.of("s", "\"ETHUSDT\"")) + "}");

        frames.forEach(this::deliver);

        assertEquals(frames.size(), counters.ignored());
        assertEquals(0, counters.decodeErrors());
        assertEquals(0, counters.events());
        assertEquals(0, ring.published(), "nothing may be published for frames that are not subscribed trades");
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("malformedFrames")
    void shouldRejectMalformedFramesWithTheirReasonAndPublishNothing(
        final String frame, final BinanceTradeError reason)
    {
        deliver(frame);
        deliver(frame);

        assertEquals(2, adapter.errors().count(reason), () -> "reason counts: " + counts());
        assertEquals(2, counters.decodeErrors());
        assertEquals(0, counters.events());
        assertEquals(0, counters.ignored());
        assertEquals(0, ring.published(), "a rejected frame must not occupy a ring slot");
    }

    @Test
    void shouldLogEachRejectionReasonOnlyOnce()
    {
        final Logger logger = (Logger)LoggerFactory.getLogger(DecodeErrorLog.class);
        final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        final Level level = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.WARN);
        try
        {
            for (int i = 0; i < 3; i++)
            {
                deliver(trade(Map.of("p", "\"12.x\"")));
                deliver(trade(Map.of("T", "\"soon\"")));
            }
        }
        finally
        {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }

        assertEquals(3, adapter.errors().count(BinanceTradeError.BAD_PRICE));
        assertEquals(3, adapter.errors().count(BinanceTradeError.BAD_TRADE_TIME));
        assertEquals(2, appender.list.size(), () -> "log lines: " + appender.list);
        assertTrue(appender.list.get(0).getFormattedMessage().contains("BAD_PRICE"));
        assertTrue(appender.list.get(1).getFormattedMessage().contains("BAD_TRADE_TIME"));
    }

    @Test
    void shouldDecodeAfterRejectingWithoutLeakingStateFromTheRejectedFrame()
    {
        deliver(trade(Map.of("m", "false", "q", "\"oops\"")));
        final String good = trade(Map.of());

        deliver(good);

        assertDecodedLikeReference(List.of(good));
    }

    @Test
    void shouldNotAllocateWhileDecodingAndPublishingTrades()
    {
        final UnsafeBuffer[] frames = {
            directFrame(Fixtures.lines("binance/trade.jsonl").get(0)),
            directFrame(Fixtures.lines("binance/trade.jsonl").get(3)),
            directFrame("{\"result\":null,\"id\":1}"),
        };
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 30_000; i++)
        {
            final UnsafeBuffer frame = frames[i % frames.length];
            adapter.onFrame(frame, FRAME_OFFSET, frame.capacity() - FRAME_OFFSET);
        }

        // A per-frame allocation would cost at least 16 B x 30,000 frames in every round. What the JIT may allocate
        // once while it recompiles (deoptimization materializes objects) shows up as a few bytes in an early round.
        threads.getCurrentThreadAllocatedBytes();
        final List<Long> allocatedPerRound = new ArrayList<>();
        while (allocatedPerRound.size() < 10 && (allocatedPerRound.isEmpty() || allocatedPerRound.getLast() != 0))
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 30_000; i++)
            {
                final UnsafeBuffer frame = frames[i % frames.length];
                adapter.onFrame(frame, FRAME_OFFSET, frame.capacity() - FRAME_OFFSET);
            }
            allocatedPerRound.add(threads.getCurrentThreadAllocatedBytes() - before);
        }

        assertEquals(0, allocatedPerRound.getLast(), "bytes allocated per round of 30,000: " + allocatedPerRound);
        assertTrue(allocatedPerRound.stream().allMatch(bytes -> bytes < 1_024), "per round: " + allocatedPerRound);
        assertEquals(20_000L * (allocatedPerRound.size() + 1), counters.events());
    }

    static Stream<Arguments> malformedFrames()
    {
        final String good = trade(Map.of());
        return Stream.of(
            Arguments.of("", BinanceTradeError.MALFORMED_JSON),
            Arguments.of("not json", BinanceTradeError.MALFORMED_JSON),
            Arguments.of("[1,2]", BinanceTradeError.MALFORMED_JSON),
            Arguments.of(good.substring(0, good.length() - 12), BinanceTradeError.MALFORMED_JSON),
            Arguments.of(good + "}", BinanceTradeError.MALFORMED_JSON),
            Arguments.of("{\"stream\":\"btcusdt@trade\",\"data\":" + good, BinanceTradeError.MALFORMED_JSON),
            Arguments.of(trade(without("s")), BinanceTradeError.MISSING_SYMBOL),
            Arguments.of(trade(Map.of("s", "123")), BinanceTradeError.BAD_SYMBOL),
            Arguments.of(trade(Map.of("s", "\"\"")), BinanceTradeError.BAD_SYMBOL),
            Arguments.of(trade(without("t")), BinanceTradeError.MISSING_TRADE_ID),
            Arguments.of(trade(Map.of("t", "-5")), BinanceTradeError.BAD_TRADE_ID),
            Arguments.of(trade(Map.of("t", "1.5")), BinanceTradeError.BAD_TRADE_ID),
            Arguments.of(trade(Map.of("t", "\"12\"")), BinanceTradeError.BAD_TRADE_ID),
            Arguments.of(trade(Map.of("t", "12345678901234567890")), BinanceTradeError.BAD_TRADE_ID),
            Arguments.of(trade(without("p")), BinanceTradeError.MISSING_PRICE),
            Arguments.of(trade(Map.of("p", "\"abc\"")), BinanceTradeError.BAD_PRICE),
            Arguments.of(trade(Map.of("p", "\"1.2.3\"")), BinanceTradeError.BAD_PRICE),
            Arguments.of(trade(Map.of("p", "\"\"")), BinanceTradeError.BAD_PRICE),
            Arguments.of(trade(Map.of("p", "\"-1.00\"")), BinanceTradeError.BAD_PRICE),
            Arguments.of(trade(Map.of("p", "\"1234567890.123456789\"")), BinanceTradeError.BAD_PRICE),
            Arguments.of(trade(Map.of("p", "{\"v\":1}")), BinanceTradeError.BAD_PRICE),
            Arguments.of(trade(Map.of("p", "null")), BinanceTradeError.BAD_PRICE),
            Arguments.of(trade(without("q")), BinanceTradeError.MISSING_QUANTITY),
            Arguments.of(trade(Map.of("q", "\"1e\"")), BinanceTradeError.BAD_QUANTITY),
            Arguments.of(trade(without("T")), BinanceTradeError.MISSING_TRADE_TIME),
            Arguments.of(trade(Map.of("T", "\"1645602972064\"")), BinanceTradeError.BAD_TRADE_TIME),
            Arguments.of(trade(Map.of("T", "-1")), BinanceTradeError.BAD_TRADE_TIME),
            Arguments.of(trade(Map.of("T", "1.6e12")), BinanceTradeError.BAD_TRADE_TIME),
            Arguments.of(trade(Map.of("T", "99999999999999999")), BinanceTradeError.BAD_TRADE_TIME),
            Arguments.of(trade(without("m")), BinanceTradeError.MISSING_MAKER_FLAG),
            Arguments.of(trade(Map.of("m", "\"true\"")), BinanceTradeError.BAD_MAKER_FLAG),
            Arguments.of(trade(Map.of("m", "1")), BinanceTradeError.BAD_MAKER_FLAG),
            Arguments.of("{\"stream\":\"btcusdt@trade\",\"data\":" + trade(Map.of("p", "\"x\"")) + "}",
                BinanceTradeError.BAD_PRICE));
    }

    private void assertDecodedLikeReference(final List<String> frames)
    {
        Tests.await(() -> ring.recorder().count() == frames.size(), Duration.ofSeconds(10),
            () -> "recorded " + ring.recorder().count() + " of " + frames.size() + "; " + counters);
        final List<DecodedTrade> trades = ring.recorder().trades();
        assertEquals(frames.size(), trades.size());
        for (int i = 0; i < frames.size(); i++)
        {
            final ReferenceTradeDecoder.ExpectedTrade expected = ReferenceTradeDecoder.decode(frames.get(i));
            final DecodedTrade actual = trades.get(i);
            final String frame = frames.get(i);
            assertEquals(ids.get(expected.venueSymbol()), actual.instrumentId(), frame);
            assertEquals(Venue.BINANCE, actual.venue(), frame);
            assertEquals(expected.side(), actual.side(), frame);
            assertEquals(expected.price(), actual.price(), frame);
            assertEquals(expected.size(), actual.size(), frame);
            assertEquals(expected.venueTradeId(), actual.venueTradeId(), frame);
            assertEquals(expected.exchangeTimeNanos(), actual.exchangeTimeNanos(), frame);
            assertEquals(RECEIVE_TIME, actual.receiveTimeNanos(), frame);
        }
    }

    private void register(final String venueSymbol, final int id)
    {
        adapter.addSymbol(venueSymbol, id);
        ids.put(venueSymbol, id);
    }

    /** Delivers the frame from off-heap memory at a non-zero offset, as the network buffer would be. */
    private void deliver(final String frame)
    {
        final UnsafeBuffer buffer = directFrame(frame);
        adapter.onFrame(buffer, FRAME_OFFSET, buffer.capacity() - FRAME_OFFSET);
    }

    private Map<String, Long> counts()
    {
        final Map<String, Long> counts = new LinkedHashMap<>();
        for (final BinanceTradeError error : BinanceTradeError.values())
        {
            counts.put(error.name(), adapter.errors().count(error));
        }
        return counts;
    }

    private static UnsafeBuffer directFrame(final String frame)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(FRAME_OFFSET + bytes.length));
        buffer.setMemory(0, FRAME_OFFSET, (byte)'{');
        buffer.putBytes(FRAME_OFFSET, bytes);
        return buffer;
    }

    private static Map<String, String> without(final String field)
    {
        final Map<String, String> overrides = new HashMap<>();
        overrides.put(field, null);
        return overrides;
    }

    /** A raw trade frame (2022 capture shape) with fields replaced (raw JSON values) or removed (null). */
    private static String trade(final Map<String, String> overrides)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("e", "\"trade\"");
        fields.put("E", "1645602972064");
        fields.put("s", "\"BTCUSDT\"");
        fields.put("t", "1265639946");
        fields.put("p", "\"38136.60000000\"");
        fields.put("q", "\"0.00200000\"");
        fields.put("b", "9503230859");
        fields.put("a", "9503232490");
        fields.put("T", "1645602972064");
        fields.put("m", "true");
        fields.put("M", "true");
        fields.putAll(overrides);
        final StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) ->
        {
            if (value != null)
            {
                json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":").append(value);
            }
        });
        return json.append('}').toString();
    }
}
