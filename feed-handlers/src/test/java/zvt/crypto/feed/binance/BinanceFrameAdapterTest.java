package zvt.crypto.feed.binance;

import zvt.crypto.feed.test.EventCollector;

import com.fasterxml.jackson.databind.JsonNode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.book.SyncCounters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceFrameAdapterTest
{
    private static final long RECEIVE_TIME = 1_700_000_000_000_000_000L;

    private final EventCollector collector = new EventCollector();
    private final MarketEventRing ring =
        new MarketEventRing(new RingContext().ringSize(1 << 14), collector, List.of()).start();
    private final ControlEventPublisher status = new ControlEventPublisher(ring.ringBuffer(), () -> RECEIVE_TIME);
    private final FeedCounters counters = new FeedCounters();
    private final SyncCounters syncCounters = new SyncCounters();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
    private final List<Integer> snapshotRequests = new ArrayList<>();
    private final BinanceFrameAdapter adapter =
        new BinanceFrameAdapter(ring.ringBuffer(), () -> RECEIVE_TIME, counters, syncCounters);
    private final BinanceDepthSync depth = new BinanceDepthSync(ring.ringBuffer(), status,
        (id, symbol, callback) ->
        {
            synchronized (snapshotRequests)
            {
                snapshotRequests.add(id);
            }
        },
        retries, () -> RECEIVE_TIME, syncCounters, adapter.errors());
    private final Map<String, Integer> ids = new LinkedHashMap<>();

    @AfterEach
    void close()
    {
        retries.shutdownNow();
        ring.close();
    }

    @Test
    void shouldDecodeEveryRecordedTradeAggTradeBookTickerAndKlineExactlyAsTheReference()
    {
        // The docs' example trade (BNBBTC id 12345) first: a later one with a lower id would be a duplicate.
        final List<String> frames = new ArrayList<>(Fixtures.lines("binance/trade.docs.jsonl"));
        frames.addAll(Fixtures.lines("binance/trade.jsonl"));
        frames.addAll(Fixtures.lines("binance/aggTrade.jsonl"));
        frames.addAll(Fixtures.lines("binance/bookTicker.jsonl"));
        frames.addAll(Fixtures.lines("binance/kline.jsonl"));

        frames.forEach(this::deliver);
        ring.close();

        assertLines(frames.stream().map(this::expected).toList(), collector.lines());
        assertEquals(frames.size(), counters.events());
        assertEquals(0, counters.decodeErrors());
    }

    @Test
    void shouldDecodeEveryRecordedDepthUpdateExactlyAsTheReferenceOnceSynchronized()
    {
        final List<String> frames = Fixtures.lines("binance/depthUpdate.jsonl");
        frames.forEach(this::deliver);
        assertEquals(0, collector.books().gaps());

        // Answer each instrument with an empty snapshot just before its first buffered event.
        final Map<Integer, Long> firstUpdateId = new LinkedHashMap<>();
        for (final String frame : frames)
        {
            firstUpdateId.putIfAbsent(id(frame), ReferenceBinanceDecoder.payload(frame).get("U").longValue());
        }
        assertEquals(firstUpdateId.keySet().stream().sorted().toList(), snapshotRequests.stream().sorted().toList());
        firstUpdateId.forEach(
            (id, first) -> answer(id, "{\"lastUpdateId\":" + (first - 1) + ",\"bids\":[],\"asks\":[]}"));
        ring.close();

        final List<String> expected = frames.stream().map(this::expected).toList();
        final List<String> deltas = collector.lines().stream().filter(line -> line.contains(" DELTA ")).toList();
        assertLines(expected.stream().sorted().toList(), deltas.stream().sorted().toList());
        assertEquals(firstUpdateId.size(), syncCounters.resyncs());
        assertEquals(0, syncCounters.gaps());
        assertEquals(0, counters.decodeErrors());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"binance/streams/spot_2021-04-17.jsonl", "binance/streams/spot_2021-08-14.jsonl"})
    void shouldDecodeEveryLineOfARecordedMixedStreamExactlyAsTheReference(final String file)
    {
        final List<String> frames = Fixtures.lines(file);
        frames.forEach(this::deliver);
        final Map<Integer, Long> firstUpdateId = new LinkedHashMap<>();
        for (final String frame : frames)
        {
            final JsonNode payload = ReferenceBinanceDecoder.payload(frame);
            if ("depthUpdate".equals(payload.path("e").asText()))
            {
                firstUpdateId.putIfAbsent(id(frame), payload.get("U").longValue());
            }
        }
        firstUpdateId.forEach(
            (id, first) -> answer(id, "{\"lastUpdateId\":" + (first - 1) + ",\"bids\":[],\"asks\":[]}"));
        ring.close();

        // Depth events come out after their snapshot, the rest in arrival order: compare as sorted multisets.
        final List<String> expected = new ArrayList<>(frames.stream().map(this::expected).toList());
        final List<String> actual = new ArrayList<>(collector.lines().stream()
            .filter(line -> !line.contains(" SNAPSHOT ") && !line.startsWith("status ")).toList());
        assertLines(expected.stream().sorted().toList(), actual.stream().sorted().toList());
        assertEquals(0, counters.decodeErrors());
        assertEquals(0, syncCounters.gaps());
    }

    @Test
    void shouldReadEveryRecordedRestDepthSnapshotExactlyAsTheReference()
    {
        final BinanceDepthLevels reader = new BinanceDepthLevels();
        final zvt.crypto.feed.book.LevelBuffer levels = new zvt.crypto.feed.book.LevelBuffer();
        final List<String> bodies = new ArrayList<>(Fixtures.lines("binance/rest_depth.jsonl"));
        bodies.addAll(Fixtures.lines("binance/futures_usdm/rest_depth.jsonl"));
        for (final String body : bodies)
        {
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertTrue(reader.readSnapshot(new UnsafeBuffer(bytes), 0, bytes.length, levels));
            final StringBuilder text = new StringBuilder("book 1 SNAPSHOT U=" + reader.lastUpdateId() + " u=" +
                reader.lastUpdateId() + " E=0 [");
            for (int i = 0; i < levels.count(); i++)
            {
                text.append(levels.side(i)).append(' ')
                    .append(zvt.crypto.core.decimal.AsciiDecimal.toString(levels.price(i), levels.priceExponent(i)))
                    .append(' ')
                    .append(zvt.crypto.core.decimal.AsciiDecimal.toString(levels.size(i), levels.sizeExponent(i)))
                    .append(';');
            }
            assertEquals(ReferenceBinanceDecoder.snapshot(body, 1), text.append(']').toString());
        }
        assertEquals(22, bodies.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("depthSyncSets")
    void shouldSynchronizeEveryRecordedDepthSetToTheReferenceBook(final String set)
    {
        final List<String> updates = Fixtures.lines("binance/depth_sync/" + set + ".updates.jsonl");
        final String snapshot = Fixtures.lines("binance/depth_sync/" + set + ".snapshot.jsonl").getFirst();
        updates.forEach(this::deliver);
        final int id = id(updates.getFirst());
        assertEquals(List.of(id), snapshotRequests);
        answer(id, snapshot);
        ring.close();

        final ReferenceDepthBook reference = ReferenceDepthBook.synchronize(snapshot, updates);
        final OrderBook book = collector.books().bookOrNull(id);
        assertTrue(book.isServable(), set + " must be good after the sync");
        assertEquals(reference.levels(true), zvt.crypto.core.book.ReferenceBook.levels(book, true));
        assertEquals(reference.levels(false), zvt.crypto.core.book.ReferenceBook.levels(book, false));
        assertEquals(reference.lastUpdateId(), book.lastSequence());

        final List<String> expected = new ArrayList<>();
        expected.add(ReferenceBinanceDecoder.snapshot(snapshot, id));
        expected.add("status " + id + " RESYNCED snapshot lastUpdateId=" + reference.snapshotId());
        reference.applied().forEach(frame -> expected.add(expected(frame)));
        assertLines(expected, collector.lines());
        assertEquals(updates.size() - reference.applied().size(), syncCounters.droppedUpdates());
        assertEquals(0, syncCounters.gaps());
    }

    @Test
    void shouldReportAGapKeepTheBookStaleAndResyncFromAFreshSnapshot()
    {
        final String set = "2021-04-17_SWRVBUSD";
        final List<String> updates = Fixtures.lines("binance/depth_sync/" + set + ".updates.jsonl");
        final String snapshot = Fixtures.lines("binance/depth_sync/" + set + ".snapshot.jsonl").getFirst();
        final int id = id(updates.getFirst());
        final int half = updates.size() / 2;
        updates.subList(0, half).forEach(this::deliver);
        answer(id, snapshot);
        assertTrue(depth.isLive(id));

        // One update lost: the next one does not follow.
        final List<String> rest = updates.subList(half + 1, updates.size());
        rest.forEach(this::deliver);
        assertFalse(depth.isLive(id));
        assertEquals(1, syncCounters.gaps());
        assertEquals(List.of(id, id), snapshotRequests);

        // A fresh snapshot, as of just before the first frame after the loss.
        final long resumeFrom = ReferenceBinanceDecoder.payload(rest.getFirst()).get("U").longValue() - 1;
        final String fresh = ReferenceDepthBook.synchronize(snapshot, updates.subList(0, half + 1))
            .toSnapshot(resumeFrom);
        answer(id, fresh);
        ring.close();

        final List<String> statuses = collector.lines("status");
        assertEquals(3, statuses.size(), statuses::toString);
        assertTrue(statuses.get(0).contains("RESYNCED"));
        assertTrue(statuses.get(1).startsWith("status " + id + " GAP_DETECTED expected U="), statuses.get(1));
        assertTrue(statuses.get(2).contains("RESYNCED snapshot lastUpdateId=" + resumeFrom));
        final OrderBook book = collector.books().bookOrNull(id);
        assertTrue(book.isServable());
        final ReferenceDepthBook reference = ReferenceDepthBook.synchronize(snapshot, updates);
        assertEquals(reference.levels(true), zvt.crypto.core.book.ReferenceBook.levels(book, true));
        assertEquals(reference.levels(false), zvt.crypto.core.book.ReferenceBook.levels(book, false));
        assertEquals(2, syncCounters.resyncs());
    }

    @Test
    void shouldDropDuplicatesDeliveredTwiceByOverlappingConnections()
    {
        final List<String> frames = new ArrayList<>(Fixtures.lines("binance/aggTrade.jsonl"));
        frames.addAll(Fixtures.lines("binance/bookTicker.jsonl"));
        frames.addAll(Fixtures.lines("binance/trade.jsonl"));
        frames.addAll(Fixtures.lines("binance/kline.jsonl"));
        frames.forEach(this::deliver);
        frames.forEach(this::deliver);
        ring.close();

        assertEquals(frames.size(), collector.lines().size());
        assertEquals(frames.size(), syncCounters.duplicates());
    }

    @Test
    void shouldDropKlineUpdatesAlreadyPublishedButKeepTheNextCandleSharingAnEventTime()
    {
        ids.put("BTCUSDT", 1);
        adapter.addSymbol("BTCUSDT", 1);
        deliverRaw(kline(60_500, 0, "1m", false, "1"));
        deliverRaw(kline(61_000, 0, "1m", true, "2"));       // the minute closes...
        deliverRaw(kline(61_000, 60_000, "1m", false, "3"));  // ...and the next begins in the same millisecond
        deliverRaw(kline(61_000, 0, "1m", true, "2"));       // the other connection, a little behind
        deliverRaw(kline(60_500, 0, "1m", false, "1"));
        deliverRaw(kline(61_000, 60_000, "1m", false, "3"));
        deliverRaw(kline(60_500, 0, "5m", false, "1"));       // another interval is another stream
        deliverRaw(kline(63_000, 60_000, "1m", false, "4"));
        ring.close();

        assertEquals(List.of("1m x=FALSE c=1", "1m x=TRUE c=2", "1m x=FALSE c=3", "5m x=FALSE c=1", "1m x=FALSE c=4"),
            collector.lines().stream()
                .map(line -> line.replaceAll(".* M(\\d+) .* (x=\\w+) .* (c=\\d+) .*", "$1m $2 $3")).toList());
        assertEquals(3, syncCounters.duplicates());
    }

    private static String kline(
        final long eventTime, final long openTime, final String interval, final boolean closed, final String close)
    {
        return "{\"stream\":\"btcusdt@kline_" + interval + "\",\"data\":{\"e\":\"kline\",\"E\":" + eventTime +
            ",\"s\":\"BTCUSDT\",\"k\":{\"t\":" + openTime + ",\"T\":" + (openTime + 59_999) + ",\"i\":\"" + interval +
            "\",\"o\":\"1\",\"c\":\"" + close + "\",\"h\":\"9\",\"l\":\"1\",\"v\":\"1\",\"n\":1,\"x\":" + closed +
            ",\"q\":\"1\"}}}";
    }

    @Test
    void shouldCallTheShutdownListenerOnServerShutdown()
    {
        final AtomicInteger shutdowns = new AtomicInteger();
        adapter.shutdownListener(shutdowns::incrementAndGet);
        deliverRaw("{\"stream\":\"!serverShutdown\",\"data\":{\"e\":\"serverShutdown\",\"E\":1700000000000}}");
        deliverRaw("{\"e\":\"serverShutdown\",\"E\":1700000000000}");
        assertEquals(2, shutdowns.get());
        assertEquals(0, counters.events());
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("malformedFrames")
    void shouldRejectMalformedFramesWithTheirReasonAndPublishNothing(final String frame, final BinanceFrameError reason)
    {
        ids.put("BTCUSDT", 1);
        adapter.addSymbol("BTCUSDT", 1);
        depth.addInstrument(1, "BTCUSDT");
        deliverRaw(frame);
        deliverRaw(frame);
        ring.close();

        assertEquals(2, adapter.errors().count(reason));
        assertEquals(2, counters.decodeErrors());
        assertEquals(List.of(), collector.lines());
    }

    static Stream<Arguments> malformedFrames()
    {
        final String agg = "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":5,\"p\":\"1.0\",\"q\":\"2\",\"f\":1," +
            "\"l\":1,\"T\":1,\"m\":true}";
        final String depthUpdate = "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":5,\"u\":6," +
            "\"b\":[[\"1.0\",\"2\"]],\"a\":[]}";
        final String kline = "{\"e\":\"kline\",\"E\":1,\"s\":\"BTCUSDT\",\"k\":{\"t\":1,\"T\":2,\"i\":\"1m\"," +
            "\"o\":\"1\",\"c\":\"1\",\"h\":\"1\",\"l\":\"1\",\"v\":\"1\",\"n\":1,\"x\":false,\"q\":\"1\"}}";
        return Stream.of(
            Arguments.of("{\"stream\":\"x\",\"data\":{", BinanceFrameError.MALFORMED_JSON),
            Arguments.of(agg.replace("\"s\":\"BTCUSDT\",", ""), BinanceFrameError.MISSING_SYMBOL),
            Arguments.of(agg.replace("\"s\":\"BTCUSDT\"", "\"s\":7"), BinanceFrameError.BAD_SYMBOL),
            Arguments.of(agg.replace("\"p\":\"1.0\",", ""), BinanceFrameError.MISSING_FIELD),
            Arguments.of(agg.replace("\"a\":5", "\"a\":-5"), BinanceFrameError.BAD_ID),
            Arguments.of(agg.replace("\"1.0\"", "\"1.x\""), BinanceFrameError.BAD_PRICE),
            Arguments.of(agg.replace("\"q\":\"2\"", "\"q\":\"-2\""), BinanceFrameError.BAD_QUANTITY),
            Arguments.of(agg.replace("\"T\":1", "\"T\":\"1\""), BinanceFrameError.BAD_TIME),
            Arguments.of(agg.replace("\"m\":true", "\"m\":1"), BinanceFrameError.BAD_FLAG),
            Arguments.of(agg.replace("aggTrade", "trade").replace("\"a\":5", "\"t\":1.5"), BinanceFrameError.BAD_ID),
            Arguments.of(agg.replace("aggTrade", "trade").replace("\"a\":5,", ""), BinanceFrameError.MISSING_FIELD),
            Arguments.of(kline.replace("\"1m\"", "\"7m\""), BinanceFrameError.BAD_INTERVAL),
            Arguments.of(depthUpdate.replace("[[\"1.0\",\"2\"]]", "[[\"1.0\"]]"), BinanceFrameError.BAD_LEVELS),
            Arguments.of(depthUpdate.replace("\"U\":5", "\"U\":9"), BinanceFrameError.BAD_SEQUENCE));
    }

    static Stream<String> depthSyncSets() throws java.io.IOException
    {
        final List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> list = java.nio.file.Files.list(Fixtures.dir().resolve("binance/depth_sync")))
        {
            files = list.toList();
        }
        return files.stream()
            .map(path -> path.getFileName().toString())
            .filter(name -> name.endsWith(".snapshot.jsonl"))
            .map(name -> name.substring(0, name.length() - ".snapshot.jsonl".length()))
            .sorted();
    }

    /** Equal lists, reporting the first difference rather than both lists. */
    private static void assertLines(final List<String> expected, final List<String> actual)
    {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++)
        {
            assertEquals(expected.get(i), actual.get(i), "line " + i);
        }
        assertEquals(expected.size(), actual.size(), "number of lines");
    }

    private void answer(final int id, final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        depth.onSnapshot(id, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private String expected(final String frame)
    {
        return ReferenceBinanceDecoder.expected(frame, id(frame));
    }

    private int id(final String frame)
    {
        final String symbol = ReferenceBinanceDecoder.payload(frame).get("s").textValue();
        return ids.computeIfAbsent(symbol, s ->
        {
            final int id = ids.size() + 1;
            adapter.addSymbol(s, id);
            depth.addInstrument(id, s);
            return id;
        });
    }

    private void deliver(final String frame)
    {
        id(frame);
        deliverRaw(frame);
    }

    private void deliverRaw(final String frame)
    {
        adapter.depthSync(depth);
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        adapter.onFrame(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
