package zvt.crypto.feed.binance;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.book.SyncCounters;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.test.Allocation;
import zvt.crypto.feed.venue.FrameDecoder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decoding aggTrade, bookTicker, kline and (synchronized) depth frames into ring slots allocates nothing per frame.
 * The ring is a bare single-producer ring nobody consumes from (the slots are overwritten), so only the decode path
 * of the calling thread is measured.
 */
class BinanceDecoderAllocationTest
{
    private static final int ROUND = 8_000;

    @Test
    void shouldNotAllocatePerFrameOnAnyDecodePath() throws Exception
    {
        final RingBuffer<MarketEvent> ring =
            RingBuffer.createSingleProducer(MarketEvent::new, 1024, new YieldingWaitStrategy());
        final FeedCounters counters = new FeedCounters(new CountersRegistry(), "test");
        final SyncCounters syncCounters = new SyncCounters(new CountersRegistry(), "test");
        final FeedPublisher publisher =
            new FeedPublisher(Venue.BINANCE, ring, counters, syncCounters, BinanceFrameError.values());
        final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
        final BookSync depth = new BookSync(Venue.BINANCE, ring, new ControlEventPublisher(ring, () -> 1L), retries,
            () -> 1L, syncCounters, () -> null)
            .restSnapshots((id, symbol, callback) -> {}, new BinanceSnapshotReader());
        publisher.books(depth);
        final BinanceDecoder decoder = new BinanceDecoder(publisher);
        final FrameDecoder adapter = (buffer, offset, length) ->
        {
            publisher.beginFrame(1, BinanceAdapter.SPOT, 1L);
            decoder.decode(buffer, offset, length);
            publisher.endFrame();
        };

        final List<String> klines = Fixtures.lines("binance/kline.jsonl");
        final String symbol = "SWRVBUSD";
        publisher.addSymbol(BinanceAdapter.SPOT, symbol, 1);
        depth.addInstrument(1, symbol, new BinanceAdapter().newBookRule(
            Instrument.of(1, Venue.BINANCE, MarketType.SPOT, symbol, symbol)));
        for (final String line : klines)
        {
            final String s = ReferenceBinanceDecoder.payload(line).get("s").textValue();
            if (!s.equals(symbol))
            {
                publisher.addSymbol(BinanceAdapter.SPOT, s, 2);
            }
        }
        final String first = depthFrame(symbol, 100);
        adapter.decode(direct(first), 0, first.length());
        final byte[] snapshot = "{\"lastUpdateId\":100,\"bids\":[[\"1.0\",\"1\"]],\"asks\":[[\"2.0\",\"1\"]]}"
            .getBytes(StandardCharsets.US_ASCII);
        depth.onSnapshot(1, new UnsafeBuffer(snapshot), 0, snapshot.length);
        assertTrue(depth.isLive(1));

        // Ids, kline open and event times keep rising (duplicates would be dropped before decoding), so the frames are
        // built up front.
        final int rounds = 10;
        final List<UnsafeBuffer> frames = new ArrayList<>();
        for (int i = 0; i < (rounds + 1) * ROUND; i++)
        {
            final long n = 101 + i / 4;
            frames.add(direct(switch (i & 3)
            {
                case 0 -> "{\"stream\":\"swrvbusd@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1618677373913," +
                    "\"s\":\"SWRVBUSD\",\"a\":" + n + ",\"p\":\"2.27600000\",\"q\":\"21.96300000\",\"f\":1135632," +
                    "\"l\":1135632,\"T\":1618677373912,\"m\":false,\"M\":true}}";
                case 1 -> "{\"stream\":\"swrvbusd@bookTicker\",\"data\":{\"u\":" + n + ",\"s\":\"SWRVBUSD\"," +
                    "\"b\":\"2.27200000\",\"B\":\"218.40800000\",\"a\":\"2.27700000\",\"A\":\"1.19200000\"}}";
                case 2 -> klines.get(i / 4 % klines.size())
                    .replaceFirst("\"E\":\\d+", "\"E\":" + (1618677373907L + n))
                    .replaceFirst("\"t\":\\d+", "\"t\":" + n * 60_000);
                default -> depthFrame(symbol, n);
            }));
        }
        final int[] next = {0};
        final Runnable round = () ->
        {
            for (int i = 0; i < ROUND; i++)
            {
                final UnsafeBuffer frame = frames.get(next[0]++);
                adapter.decode(frame, 0, frame.capacity());
            }
        };

        final List<Long> allocatedPerRound = Allocation.perRound(round, rounds);
        retries.shutdownNow();

        assertEquals(0, allocatedPerRound.getLast(),
            "bytes allocated per round of " + ROUND + ": " + allocatedPerRound);
        assertEquals(0, counters.decodeErrors());
        assertEquals(0, counters.ignored());
        assertEquals(0, syncCounters.gaps());
        assertEquals(1 + (allocatedPerRound.size() + 1) * ROUND, counters.events());
        assertTrue(depth.isLive(1));
    }

    private static String depthFrame(final String symbol, final long id)
    {
        return "{\"stream\":\"" + symbol.toLowerCase() + "@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":" +
            "1618677389628,\"s\":\"" + symbol + "\",\"U\":" + id + ",\"u\":" + id + ",\"b\":[[\"1.0" +
            (id % 10) + "\",\"3.5\"],[\"0.99\",\"0.00\"]],\"a\":[[\"2.01\",\"" + (id % 7) + "\"]]}}";
    }

    private static UnsafeBuffer direct(final String frame)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        buffer.putBytes(0, bytes);
        return buffer;
    }
}
