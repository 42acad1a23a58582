package zvt.crypto.feed.binance;

import com.fasterxml.jackson.databind.JsonNode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.book.ReferenceBook;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.book.BookFields;
import zvt.crypto.feed.publish.FeedControl;
import zvt.crypto.feed.test.DecoderHarness;
import zvt.crypto.feed.test.Recordings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every recorded Binance line through the real decoder, publisher, book sync and ring, compared with the Jackson
 * reference decoder; recordings are found by folder and pattern, so any recording dropped in is checked.
 */
class BinanceDecoderTest
{
    private final BinanceAdapter binance = new BinanceAdapter();
    private final Map<String, Integer> ids = new LinkedHashMap<>();
    private final DecoderHarness feed = new DecoderHarness(binance);
    private MarketType marketType = MarketType.SPOT;

    @AfterEach
    void close()
    {
        feed.close();
    }

    /** Stream recordings: everything but REST bodies and the depth-sync sets (checked against their snapshots). */
    static Stream<Path> streamRecordings()
    {
        return Recordings.find(Fixtures.dir().resolve("binance"), "glob:**.jsonl",
            "glob:**/rest_*", "glob:**/depth_sync/**").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamRecordings")
    void shouldDecodeEveryLineOfEveryRecordingExactlyAsTheReference(final Path file)
    {
        // USD-M futures recordings are perpetuals: their own connection group and the pu book rule.
        marketType = file.toString().contains("/futures_") ? MarketType.PERPETUAL : MarketType.SPOT;
        feed.session(1, marketType == MarketType.PERPETUAL ? BinanceAdapter.USD_M : BinanceAdapter.SPOT);
        final List<String> frames = Recordings.lines(file);
        final Map<Integer, Long> firstUpdateId = new LinkedHashMap<>();
        final List<String> expected = new ArrayList<>();
        for (final String frame : frames)
        {
            final JsonNode payload = ReferenceBinanceDecoder.payload(frame);
            if (payload.has("s"))
            {
                final int id = id(frame);
                expected.add(ReferenceBinanceDecoder.expected(frame, id));
                if ("depthUpdate".equals(payload.path("e").asText()))
                {
                    firstUpdateId.putIfAbsent(id, payload.get("U").longValue());
                }
            }
            feed.deliver(frame);
        }
        // An empty snapshot each book's first update follows: spot U <= id + 1; futures U <= id <= u.
        firstUpdateId.forEach((id, first) -> feed.answer(id, "{\"lastUpdateId\":" +
            (marketType == MarketType.PERPETUAL ? first : first - 1) + ",\"bids\":[],\"asks\":[]}"));
        feed.close();

        // Depth events come out after their snapshot, the rest in arrival order: compare as sorted multisets.
        final List<String> actual = feed.collector().lines().stream()
            .filter(line -> !line.contains(" SNAPSHOT ") && !line.startsWith("status ")).toList();
        assertLines(expected.stream().sorted().toList(), actual.stream().sorted().toList());
        assertEquals(0, feed.counters().decodeErrors(), file.toString());
        assertEquals(0, feed.syncCounters().gaps(), file.toString());
        assertEquals(frames.size(), feed.counters().events() + feed.counters().ignored());
        assertEquals(frames.size() - expected.size() + feed.syncCounters().duplicates(), feed.counters().ignored(),
            "only lines without market data and duplicates are ignored");
    }

    @Test
    void shouldReadEveryRecordedRestDepthSnapshotExactlyAsTheReference()
    {
        final BinanceSnapshotReader reader = new BinanceSnapshotReader();
        final BookFields snapshot = new BookFields();
        final List<Path> files = Recordings.find(Fixtures.dir().resolve("binance"), "glob:**/rest_depth*.jsonl");
        final List<String> bodies = files.stream().flatMap(file -> Recordings.lines(file).stream()).toList();
        assertFalse(bodies.isEmpty(), "REST depth recordings");
        for (final String body : bodies)
        {
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertTrue(reader.read(1, new UnsafeBuffer(bytes), 0, bytes.length, snapshot));
            assertTrue(snapshot.isSnapshot());
            final StringBuilder text = new StringBuilder("book 1 SNAPSHOT U=" + snapshot.lastId() + " u=" +
                snapshot.lastId() + " E=0 [");
            for (int i = 0; i < snapshot.levels().count(); i++)
            {
                text.append(snapshot.levels().side(i)).append(' ')
                    .append(AsciiDecimal.toString(snapshot.levels().price(i), snapshot.levels().priceExponent(i)))
                    .append(' ')
                    .append(AsciiDecimal.toString(snapshot.levels().size(i), snapshot.levels().sizeExponent(i)))
                    .append(';');
            }
            assertEquals(ReferenceBinanceDecoder.snapshot(body, 1), text.append(']').toString());
        }
    }

    static Stream<String> depthSyncSets()
    {
        return Recordings.find(Fixtures.dir().resolve("binance/depth_sync"), "glob:**.snapshot.jsonl").stream()
            .map(path -> path.getFileName().toString())
            .map(name -> name.substring(0, name.length() - ".snapshot.jsonl".length()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("depthSyncSets")
    void shouldSynchronizeEveryRecordedDepthSetToTheReferenceBook(final String set)
    {
        final List<String> updates = depthSync(set, "updates");
        final String snapshot = depthSync(set, "snapshot").getFirst();
        updates.forEach(this::deliver);
        final int id = id(updates.getFirst());
        assertEquals(List.of(id), feed.snapshotRequests());
        feed.answer(id, snapshot);
        feed.close();

        final ReferenceDepthBook reference = ReferenceDepthBook.synchronize(snapshot, updates);
        final OrderBook book = feed.collector().books().bookOrNull(id);
        assertTrue(book.isServable(), set + " must be good after the sync");
        assertEquals(reference.levels(true), ReferenceBook.levels(book, true));
        assertEquals(reference.levels(false), ReferenceBook.levels(book, false));
        assertEquals(reference.lastUpdateId(), book.lastSequence());

        final List<String> expected = new ArrayList<>();
        expected.add(ReferenceBinanceDecoder.snapshot(snapshot, id));
        expected.add("status " + id + " RESYNCED REST snapshot id " + reference.snapshotId());
        reference.applied().forEach(frame -> expected.add(expected(frame)));
        assertLines(expected, feed.collector().lines());
        assertEquals(updates.size() - reference.applied().size(), feed.syncCounters().droppedUpdates());
        assertEquals(0, feed.syncCounters().gaps());
    }

    @Test
    void shouldReportAGapKeepTheBookStaleAndResyncFromAFreshSnapshot()
    {
        final String set = depthSyncSets().filter(s -> depthSync(s, "updates").size() >= 20).findFirst().orElseThrow();
        final List<String> updates = depthSync(set, "updates");
        final String snapshot = depthSync(set, "snapshot").getFirst();
        final int id = id(updates.getFirst());
        final int half = updates.size() / 2;
        updates.subList(0, half).forEach(this::deliver);
        feed.answer(id, snapshot);
        assertTrue(feed.books().isLive(id));

        // One update lost: the next one does not follow.
        final List<String> rest = updates.subList(half + 1, updates.size());
        rest.forEach(this::deliver);
        assertFalse(feed.books().isLive(id));
        assertEquals(1, feed.syncCounters().gaps());
        assertEquals(List.of(id, id), feed.snapshotRequests());

        // A fresh snapshot, as of just before the first frame after the loss.
        final long resumeFrom = ReferenceBinanceDecoder.payload(rest.getFirst()).get("U").longValue() - 1;
        final String fresh = ReferenceDepthBook.synchronize(snapshot, updates.subList(0, half + 1))
            .toSnapshot(resumeFrom);
        feed.answer(id, fresh);
        feed.close();

        final List<String> statuses = feed.collector().lines("status");
        assertEquals(3, statuses.size(), statuses::toString);
        assertTrue(statuses.get(0).contains("RESYNCED"));
        assertTrue(statuses.get(1).startsWith("status " + id + " GAP_DETECTED expected id "), statuses.get(1));
        assertTrue(statuses.get(2).contains("RESYNCED REST snapshot id " + resumeFrom));
        final OrderBook book = feed.collector().books().bookOrNull(id);
        assertTrue(book.isServable());
        final ReferenceDepthBook reference = ReferenceDepthBook.synchronize(snapshot, updates);
        assertEquals(reference.levels(true), ReferenceBook.levels(book, true));
        assertEquals(reference.levels(false), ReferenceBook.levels(book, false));
        assertEquals(2, feed.syncCounters().resyncs());
    }

    @Test
    void shouldDropDuplicatesDeliveredTwiceByOverlappingConnections()
    {
        final List<String> frames = Recordings.find(Fixtures.dir().resolve("binance"), "glob:**/binance/*.jsonl",
                "glob:**/rest_*", "glob:**/depth*").stream()
            .flatMap(file -> Recordings.lines(file).stream())
            .filter(frame -> ReferenceBinanceDecoder.payload(frame).has("s"))
            .toList();
        frames.forEach(this::deliver);
        final long published = feed.counters().events();
        frames.forEach(this::deliver);
        feed.close();

        assertEquals(published, feed.collector().lines().size());
        assertEquals(frames.size(), feed.syncCounters().duplicates());
    }

    @Test
    void shouldDropKlineUpdatesAlreadyPublishedButKeepTheNextCandleSharingAnEventTime()
    {
        feed.instrument("BTCUSDT", 1, MarketType.SPOT);
        feed.deliver(kline(60_500, 0, "1m", false, "1"));
        feed.deliver(kline(61_000, 0, "1m", true, "2"));       // the minute closes...
        feed.deliver(kline(61_000, 60_000, "1m", false, "3"));  // ...and the next begins in the same millisecond
        feed.deliver(kline(61_000, 0, "1m", true, "2"));       // the other connection, a little behind
        feed.deliver(kline(60_500, 0, "1m", false, "1"));
        feed.deliver(kline(61_000, 60_000, "1m", false, "3"));
        feed.deliver(kline(60_500, 0, "5m", false, "1"));       // another interval is another stream
        feed.deliver(kline(63_000, 60_000, "1m", false, "4"));
        feed.close();

        assertEquals(List.of("1m x=FALSE c=1", "1m x=TRUE c=2", "1m x=FALSE c=3", "5m x=FALSE c=1", "1m x=FALSE c=4"),
            feed.collector().lines().stream()
                .map(line -> line.replaceAll(".* M(\\d+) .* (x=\\w+) .* (c=\\d+) .*", "$1m $2 $3")).toList());
        assertEquals(3, feed.syncCounters().duplicates());
    }

    @Test
    void shouldReplaceTheConnectionsOnServerShutdown()
    {
        final AtomicInteger shutdowns = new AtomicInteger();
        feed.publisher().control(new FeedControl()
        {
            public void rotateAll(final String reason)
            {
                shutdowns.incrementAndGet();
            }

            public void resync(final int session, final String reason)
            {
            }
        });
        feed.deliver("{\"stream\":\"!serverShutdown\",\"data\":{\"e\":\"serverShutdown\",\"E\":1700000000000}}");
        feed.deliver("{\"e\":\"serverShutdown\",\"E\":1700000000000}");
        assertEquals(2, shutdowns.get());
        assertEquals(0, feed.counters().events());
        assertEquals(2, feed.counters().ignored());
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("malformedFrames")
    void shouldRejectMalformedFramesWithTheirReasonAndPublishNothing(final String frame, final BinanceFrameError reason)
    {
        feed.instrument("BTCUSDT", 1, MarketType.SPOT);
        feed.deliver(frame);
        feed.deliver(frame);
        feed.close();

        assertEquals(2, feed.publisher().errors().count(reason));
        assertEquals(2, feed.counters().decodeErrors());
        assertEquals(List.of(), feed.collector().lines());
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

    private static String kline(
        final long eventTime, final long openTime, final String interval, final boolean closed, final String close)
    {
        return "{\"stream\":\"btcusdt@kline_" + interval + "\",\"data\":{\"e\":\"kline\",\"E\":" + eventTime +
            ",\"s\":\"BTCUSDT\",\"k\":{\"t\":" + openTime + ",\"T\":" + (openTime + 59_999) + ",\"i\":\"" + interval +
            "\",\"o\":\"1\",\"c\":\"" + close + "\",\"h\":\"9\",\"l\":\"1\",\"v\":\"1\",\"n\":1,\"x\":" + closed +
            ",\"q\":\"1\"}}}";
    }

    private static List<String> depthSync(final String set, final String part)
    {
        return Recordings.lines(Fixtures.dir().resolve("binance/depth_sync/" + set + "." + part + ".jsonl"));
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

    private String expected(final String frame)
    {
        return Objects.requireNonNull(ReferenceBinanceDecoder.expected(frame, id(frame)), frame);
    }

    private int id(final String frame)
    {
        final String symbol = ReferenceBinanceDecoder.payload(frame).get("s").textValue();
        return ids.computeIfAbsent(symbol, s ->
        {
            final int id = ids.size() + 1;
            feed.instrument(s, id, marketType);
            return id;
        });
    }

    private void deliver(final String frame)
    {
        id(frame);
        feed.deliver(frame);
    }
}
