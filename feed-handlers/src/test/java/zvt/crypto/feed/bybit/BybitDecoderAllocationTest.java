package zvt.crypto.feed.bybit;

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
 * Decoding Bybit trade (UUID and numeric ids, several per message), book delta, level-1, linear ticker delta and
 * kline frames into ring slots allocates nothing per frame. The ring is a bare single-producer ring nobody consumes
 * from (slots are overwritten), so only the calling thread's decode path is measured. Ids, {@code u}, {@code cs}
 * and kline times keep rising (duplicates would be dropped before encoding), so frames are built up front.
 */
class BybitDecoderAllocationTest
{
    private static final int ROUND = 8_000;
    private static final int LINEAR_ID = 1;
    private static final int SPOT_ID = 2;

    @Test
    void shouldNotAllocatePerFrameOnAnyDecodePath()
    {
        final RingBuffer<MarketEvent> ring =
            RingBuffer.createSingleProducer(MarketEvent::new, 1024, new YieldingWaitStrategy());
        final FeedCounters counters = new FeedCounters(new CountersRegistry(), "test");
        final SyncCounters syncCounters = new SyncCounters(new CountersRegistry(), "test");
        final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        final BybitAdapter adapter = new BybitAdapter();
        final FeedPublisher publisher = new FeedPublisher(Venue.BYBIT, ring, counters, syncCounters,
            adapter.decodeErrors());
        final BookSync books = new BookSync(Venue.BYBIT, ring, new ControlEventPublisher(ring, () -> 1L), timers,
            () -> 1L, syncCounters, adapter::newChecksum);
        publisher.books(books).addSymbol(BybitAdapter.LINEAR, "BTCUSDT", LINEAR_ID)
            .addSymbol(BybitAdapter.SPOT, "BTCUSDT", SPOT_ID);
        books.addInstrument(LINEAR_ID, "BTCUSDT", adapter.newBookRule(
            Instrument.of(LINEAR_ID, Venue.BYBIT, MarketType.PERPETUAL, "BTCUSDT", "BTC-USDT-PERP")));
        final FrameDecoder decoder = adapter.newDecoder(publisher);

        final int rounds = 10;
        final List<UnsafeBuffer> frames = new ArrayList<>();
        final List<Integer> groups = new ArrayList<>();
        frames.add(direct(BybitDecoderRulesTest.book("snapshot", 100, "[[\"10.0\",\"1\"]]", "[[\"11.0\",\"2\"]]")
            .replace("orderbook.50", "orderbook.200")));
        groups.add(BybitAdapter.LINEAR);
        frames.add(direct(ticker("snapshot", 1, "\"bid1Price\":\"65114.20\",\"bid1Size\":\"5.954\"," +
            "\"ask1Price\":\"65114.30\",\"ask1Size\":\"10.470\"")));
        groups.add(BybitAdapter.LINEAR);
        for (int i = 0; i < (rounds + 1) * ROUND; i++)
        {
            final long n = 101 + i / 5;
            final boolean spot = (i % 5) == 1 || (i % 5) == 2;
            groups.add(spot ? BybitAdapter.SPOT : BybitAdapter.LINEAR);
            frames.add(direct(switch (i % 5)
            {
                case 0 -> "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1786310820347,\"data\":[" +
                    "{\"T\":1786310820346,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.01\",\"p\":\"1922.50\"," +
                    "\"L\":\"PlusTick\",\"i\":\"19d7df56-4f10-5290-a969-" + String.format("%012d", n) + "\"," +
                    "\"BT\":false,\"RPI\":false,\"seq\":430879434439},{\"T\":1786310820346,\"s\":\"BTCUSDT\"," +
                    "\"S\":\"Sell\",\"v\":\"1.30\",\"p\":\"1922.50\",\"L\":\"ZeroPlusTick\",\"i\":\"4d4ad26c-901f-" +
                    "5146-adc0-" + String.format("%012d", n) + "\",\"BT\":false,\"RPI\":false,\"seq\":430879434439}]}";
                case 1 -> "{\"topic\":\"publicTrade.BTCUSDT\",\"ts\":1786310822606,\"type\":\"snapshot\",\"data\":[" +
                    "{\"i\":\"" + (2290000001189048101L + n) + "\",\"T\":1786310822605,\"p\":\"65140.5\"," +
                    "\"v\":\"0.002705\",\"S\":\"Buy\",\"seq\":112488547164,\"s\":\"BTCUSDT\",\"BT\":false," +
                    "\"RPI\":false}]}";
                case 2 -> "{\"topic\":\"orderbook.1.BTCUSDT\",\"ts\":1749833472906,\"type\":\"snapshot\",\"data\":" +
                    "{\"s\":\"BTCUSDT\",\"b\":[[\"0.579\",\"3886.45\"]],\"a\":[[\"0.58\",\"4043.62\"]],\"u\":" + n +
                    ",\"seq\":122620616678},\"cts\":1749833472901}";
                case 3 -> BybitDecoderRulesTest.book("delta", n, "[[\"10.0" + (n % 10) + "\",\"3.5\"]]",
                    "[[\"11.0\",\"" + (n % 7) + "\"]]").replace("orderbook.50", "orderbook.200");
                default -> i % 10 == 4 ? ticker("delta", 1 + n, "\"ask1Size\":\"10." + (n % 100) + "\"") :
                    "{\"topic\":\"kline.1.BTCUSDT\",\"data\":[{\"start\":1786310760000,\"end\":1786310819999," +
                    "\"interval\":\"1\",\"open\":\"65119.9\",\"close\":\"65114.3\",\"high\":\"65119.9\"," +
                    "\"low\":\"65114.2\",\"volume\":\"1.576\",\"turnover\":\"102627.995\",\"confirm\":false," +
                    "\"timestamp\":" + (1786310818440L + n) + "}],\"ts\":1786310818440,\"type\":\"snapshot\"}";
            }));
        }
        final int[] next = {0};
        final Runnable round = () ->
        {
            for (int i = 0; i < ROUND; i++)
            {
                final int at = next[0]++;
                final UnsafeBuffer frame = frames.get(at);
                publisher.beginFrame(1, groups.get(at), 1L);
                decoder.decode(frame, 0, frame.capacity());
                publisher.endFrame();
            }
        };
        final List<Long> allocatedPerRound = Allocation.perRound(round, rounds);
        timers.shutdownNow();

        assertEquals(0, allocatedPerRound.getLast(), "bytes allocated per round of " + ROUND + ": " +
            allocatedPerRound);
        assertEquals(0, counters.decodeErrors());
        assertEquals(0, counters.ignored());
        assertEquals(0, syncCounters.gaps());
        assertTrue(books.isLive(LINEAR_ID));
    }

    private static String ticker(final String type, final long cs, final String fields)
    {
        return "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"" + type + "\",\"data\":{\"symbol\":\"BTCUSDT\"," + fields +
            "},\"cs\":" + cs + ",\"ts\":1786310818000}";
    }

    private static UnsafeBuffer direct(final String frame)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        buffer.putBytes(0, bytes);
        return buffer;
    }
}
