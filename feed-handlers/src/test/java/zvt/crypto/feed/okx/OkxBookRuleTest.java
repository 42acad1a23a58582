package zvt.crypto.feed.okx;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.feed.test.DecoderHarness;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OKX book sequencing through the feed's book sync with the adapter's rule and checksum: {@code prevSeqId} chains,
 * gaps go stale and resync on the next snapshot, overlapping sessions' duplicates are dropped, a checksum mismatch is
 * a gap, the REST-snapshot path applies {@code prevSeqId <= snapshot.seqId < seqId}, and id-less (2021-22) streams are
 * followed by checksum alone.
 */
class OkxBookRuleTest
{
    private static final String SYMBOL = "BTC-USDT";
    private static final String GAP = "status 1 GAP_DETECTED";
    private static final String RESYNCED = "status 1 RESYNCED";

    @Test
    void shouldReportAMissingSeqIdAsAGapKeepTheBookStaleAndResyncOnTheNextSnapshot()
    {
        final DecoderHarness harness = harness();
        try (harness)
        {
            harness.deliver(book("snapshot", 10, -1, "[\"100\",\"1\",\"0\",\"1\"]", "[\"99\",\"1\",\"0\",\"1\"]", 0));
            harness.deliver(book("update", 11, 10, "[\"100\",\"2\",\"0\",\"1\"]", "", 0));
            harness.deliver(book("update", 13, 12, "[\"100\",\"3\",\"0\",\"1\"]", "", 0));
            harness.deliver(book("update", 14, 13, "[\"100\",\"4\",\"0\",\"1\"]", "", 0));
            harness.deliver(book("snapshot", 20, -1, "[\"101\",\"1\",\"0\",\"1\"]", "[\"99\",\"1\",\"0\",\"1\"]", 0));
            harness.deliver(book("update", 21, 20, "[\"101\",\"5\",\"0\",\"1\"]", "", 0));
            assertEquals(1, harness.syncCounters().gaps());
        }
        final List<String> lines = harness.collector().lines();
        assertEquals(List.of("book 1 SNAPSHOT U=10 u=10", RESYNCED, "book 1 DELTA U=11 u=11", GAP,
            "book 1 SNAPSHOT U=20 u=20", RESYNCED, "book 1 DELTA U=21 u=21"), headers(lines));
        assertTrue(lines.get(3).startsWith(GAP + " expected previous id 11, got 12"), lines.get(3));
    }

    @Test
    void shouldChainThroughASequenceResetAndAnIdleKeepAlive()
    {
        final DecoderHarness harness = harness();
        try (harness)
        {
            harness.deliver(book("snapshot", 500, -1, "[\"100\",\"1\",\"0\",\"1\"]", "", 0));
            harness.deliver(book("update", 3, 500, "[\"100\",\"2\",\"0\",\"1\"]", "", 0)); // reset after maintenance
            harness.deliver(book("update", 3, 3, "", "", 0)); // idle keep-alive
            harness.deliver(book("update", 9, 3, "[\"100\",\"0\",\"0\",\"0\"]", "", 0)); // advances by more than 1
            assertEquals(0, harness.syncCounters().gaps());
        }
        assertEquals(List.of("book 1 SNAPSHOT U=500 u=500", RESYNCED, "book 1 DELTA U=501 u=3",
            "book 1 DELTA U=4 u=3", "book 1 DELTA U=4 u=9"), headers(harness.collector().lines()));
    }

    @Test
    void shouldDropWhatAnOverlappingSecondSessionDeliversAgain()
    {
        final String trade = "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":" +
            "\"BTC-USDT\",\"tradeId\":\"338476307\",\"px\":\"30236\",\"sz\":\"0.0002\",\"side\":\"buy\"," +
            "\"ts\":\"1652459224818\"}]}";
        final String bbo = "{\"arg\":{\"channel\":\"bbo-tbt\",\"instId\":\"BTC-USDT\"},\"data\":[{\"asks\":" +
            "[[\"31774.7\",\"0.14368878\",\"0\",\"3\"]],\"bids\":[[\"31774.6\",\"0.3392211\",\"0\",\"3\"]]," +
            "\"ts\":\"1654032991947\",\"seqId\":77}]}";
        final DecoderHarness harness = harness();
        try (harness)
        {
            harness.deliver(book("snapshot", 10, -1, "[\"100\",\"1\",\"0\",\"1\"]", "", 0));
            harness.deliver(book("update", 11, 10, "[\"100\",\"2\",\"0\",\"1\"]", "", 0));
            harness.deliver(trade);
            harness.deliver(bbo);
            harness.session(2, OkxChannel.PUBLIC);
            harness.deliver(book("update", 11, 10, "[\"100\",\"2\",\"0\",\"1\"]", "", 0));
            harness.deliver(trade);
            harness.deliver(bbo);
            assertEquals(3, harness.syncCounters().duplicates());
            assertEquals(0, harness.syncCounters().gaps());
        }
        assertEquals(5, harness.collector().lines().size(), harness.collector().lines().toString());
    }

    @Test
    void shouldTreatAChecksumMismatchAsAGap()
    {
        final int good = crc("99:1:100:1");
        final DecoderHarness harness = harness();
        try (harness)
        {
            harness.deliver(book("snapshot", 10, -1, "[\"100\",\"1\",\"0\",\"1\"]", "[\"99\",\"1\",\"0\",\"1\"]",
                good));
            harness.deliver(book("update", 11, 10, "[\"100\",\"2\",\"0\",\"1\"]", "", crc("99:1:100:2")));
            harness.deliver(book("update", 12, 11, "[\"100\",\"3\",\"0\",\"1\"]", "", crc("99:1:100:2")));
            assertEquals(1, harness.syncCounters().gaps());
        }
        final List<String> lines = harness.collector().lines();
        assertEquals(List.of("book 1 SNAPSHOT U=10 u=10", RESYNCED, "book 1 DELTA U=11 u=11", GAP), headers(lines));
        assertTrue(lines.get(3).contains("checksum mismatch"), lines.get(3));
    }

    @Test
    void shouldStartABookFromARestSnapshotWhenNoWebSocketSnapshotComes()
    {
        final OkxAdapter okx = new OkxAdapter();
        final DecoderHarness harness = harness();
        try (harness)
        {
            harness.books().restSnapshots((id, symbol, callback) -> { }, okx.bookSnapshotReader());
            harness.deliver(book("update", 105, 100, "[\"100\",\"1\",\"0\",\"1\"]", "", 0));
            harness.deliver(book("update", 107, 105, "[\"100\",\"2\",\"0\",\"1\"]", "", 0));
            harness.deliver(book("update", 110, 107, "[\"101\",\"3\",\"0\",\"1\"]", "", 0));
            snapshot(harness, 99); // older than the first buffered update: fetched again
            assertEquals(1, harness.syncCounters().snapshotFailures());
            snapshot(harness, 106);
            assertTrue(harness.books().isLive(1));
        }
        assertEquals(List.of("book 1 SNAPSHOT U=106 u=106", RESYNCED, "book 1 DELTA U=106 u=107",
            "book 1 DELTA U=108 u=110"), headers(harness.collector().lines()));
    }

    @Test
    void shouldFollowAStreamWithoutIdsByItsChecksumAlone()
    {
        final DecoderHarness harness = harness();
        try (harness)
        {
            harness.deliver(legacyBook("snapshot", "[\"100\",\"1\",\"0\",\"1\"]", crc("100:1")));
            harness.deliver(legacyBook("update", "[\"101\",\"1\",\"0\",\"1\"]", crc("100:1:101:1")));
            harness.deliver(legacyBook("update", "[\"102\",\"1\",\"0\",\"1\"]", crc("100:1:101:1")));
            assertEquals(1, harness.syncCounters().gaps());
        }
        final long none = 0; // a book message without ids is journaled with no sequence
        assertEquals(List.of("book 1 SNAPSHOT U=" + none + " u=" + none, RESYNCED,
            "book 1 DELTA U=" + none + " u=" + none, GAP), headers(harness.collector().lines()));
    }

    @Test
    void shouldReadARestBookSnapshotAndRefuseOneWithoutSeqId()
    {
        final OkxBookSnapshotReader reader = new OkxBookSnapshotReader();
        final zvt.crypto.feed.book.BookFields into = new zvt.crypto.feed.book.BookFields();
        assertTrue(reader.read(7, direct(restBook(",\"seqId\":123456")), 0, restBook(",\"seqId\":123456").length(),
            into));
        assertEquals(123456, into.lastId());
        assertTrue(into.isSnapshot());
        assertEquals(2, into.levels().count());
        assertEquals(1629966436396L * 1_000_000L, into.exchangeTimeNanos());
        assertEquals(false, reader.read(7, direct(restBook("")), 0, restBook("").length(), into));
        final String error = "{\"code\":\"51001\",\"msg\":\"Instrument ID does not exist\",\"data\":[]}";
        assertEquals(false, reader.read(7, direct(error), 0, error.length(), into));
    }

    private static String restBook(final String seqId)
    {
        return "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"asks\":[[\"41006.8\",\"0.60038921\",\"0\",\"1\"]]," +
            "\"bids\":[[\"41006.3\",\"0.30178218\",\"0\",\"2\"]],\"ts\":\"1629966436396\"" + seqId + "}]}";
    }

    private static void snapshot(final DecoderHarness harness, final long seqId)
    {
        final byte[] body = ("{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"asks\":[[\"100\",\"9\",\"0\",\"1\"]]," +
            "\"bids\":[],\"ts\":\"1\",\"seqId\":" + seqId + "}]}").getBytes(StandardCharsets.US_ASCII);
        harness.books().onSnapshot(1, new UnsafeBuffer(body), 0, body.length);
    }

    private static DecoderHarness harness()
    {
        return new DecoderHarness(new OkxAdapter()).instrument(SYMBOL, 1, MarketType.SPOT);
    }

    private static String book(
        final String action, final long seqId, final long prevSeqId, final String asks, final String bids,
        final int checksum)
    {
        return "{\"arg\":{\"channel\":\"books\",\"instId\":\"" + SYMBOL + "\"},\"action\":\"" + action + "\"," +
            "\"data\":[{\"asks\":[" + asks + "],\"bids\":[" + bids + "],\"ts\":\"1\",\"checksum\":" + checksum +
            ",\"seqId\":" + seqId + ",\"prevSeqId\":" + prevSeqId + "}]}";
    }

    private static String legacyBook(final String action, final String asks, final int checksum)
    {
        return "{\"arg\":{\"channel\":\"books\",\"instId\":\"" + SYMBOL + "\"},\"action\":\"" + action + "\"," +
            "\"data\":[{\"asks\":[" + asks + "],\"bids\":[],\"ts\":\"1\",\"checksum\":" + checksum + "}]}";
    }

    /** Book lines cut to kind and sequences, status lines to their code. */
    private static List<String> headers(final List<String> lines)
    {
        return lines.stream().map(l -> l.startsWith("book") ? l.substring(0, l.indexOf(" E=")) :
            l.startsWith(GAP) ? GAP : l.startsWith(RESYNCED) ? RESYNCED : l).toList();
    }

    private static UnsafeBuffer direct(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static int crc(final String text)
    {
        final CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        return (int)crc.getValue();
    }
}
