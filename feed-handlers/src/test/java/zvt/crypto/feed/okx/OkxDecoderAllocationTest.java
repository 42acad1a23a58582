package zvt.crypto.feed.okx;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.feed.book.BookFields;
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
 * Decoding OKX trades, bbo-tbt, tickers, candles, pongs and sequenced book updates with verified checksums into ring
 * slots allocates nothing per frame. The ring is a bare single-producer ring nobody consumes from (the slots are
 * overwritten), so only the decode path of the calling thread is measured.
 */
class OkxDecoderAllocationTest
{
    private static final int ROUND = 6_000;
    private static final int KINDS = 6;

    @Test
    void shouldNotAllocatePerFrameOnAnyDecodePath()
    {
        final RingBuffer<MarketEvent> ring =
            RingBuffer.createSingleProducer(MarketEvent::new, 1024, new YieldingWaitStrategy());
        final FeedCounters counters = new FeedCounters(new CountersRegistry(), "test");
        final SyncCounters syncCounters = new SyncCounters(new CountersRegistry(), "test");
        final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        final OkxAdapter okx = new OkxAdapter();
        final FeedPublisher publisher =
            new FeedPublisher(Venue.OKX, ring, counters, syncCounters, okx.decodeErrors());
        final BookSync books = new BookSync(Venue.OKX, ring, new ControlEventPublisher(ring, () -> 1L), timers,
            () -> 1L, syncCounters, okx::newChecksum);
        publisher.books(books).addSymbol(OkxChannel.PUBLIC, "BTC-USDT", 1).addSymbol(OkxChannel.BUSINESS, "BTC-USDT", 1)
            .addSymbol(OkxChannel.PUBLIC, "ETH-USDT", 2); // tickers: one quote channel per instrument
        books.addInstrument(1, "BTC-USDT",
            okx.newBookRule(Instrument.of(1, Venue.OKX, MarketType.SPOT, "BTC-USDT", "BTC-USDT")));
        final FrameDecoder decoder = okx.newDecoder(publisher);

        final int rounds = 10;
        final OkxBookChecksum expected = new OkxBookChecksum();
        final List<UnsafeBuffer> frames = new ArrayList<>();
        final List<Integer> groups = new ArrayList<>();
        frames.add(direct(book(expected, true, 0)));
        groups.add(OkxChannel.PUBLIC);
        for (int i = 0; i < (rounds + 1) * ROUND; i++)
        {
            final long n = 1 + i / KINDS;
            final int kind = i % KINDS;
            groups.add(kind == 3 ? OkxChannel.BUSINESS : OkxChannel.PUBLIC);
            frames.add(direct(switch (kind)
            {
                case 0 -> "{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instId\":" +
                    "\"BTC-USDT\",\"tradeId\":\"" + (338476307 + n) + "\",\"px\":\"30236.1\",\"sz\":\"0.0002\"," +
                    "\"side\":\"buy\",\"ts\":\"" + (1652459224818L + n) + "\"}]}";
                case 1 -> "{\"arg\":{\"channel\":\"bbo-tbt\",\"instId\":\"BTC-USDT\"},\"data\":[{\"asks\":[[" +
                    "\"31774.7\",\"0.14368878\",\"0\",\"3\"]],\"bids\":[[\"31774.6\",\"0.3392211\",\"0\",\"3\"]]," +
                    "\"ts\":\"1654032991947\",\"seqId\":" + n + "}]}";
                case 2 -> "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"ETH-USDT\"},\"data\":[{\"instType\":\"SPOT\"," +
                    "\"instId\":\"ETH-USDT\",\"last\":\"30236\",\"lastSz\":\"0.0002\",\"askPx\":\"30228.7\"," +
                    "\"askSz\":\"1.55896972\",\"bidPx\":\"30228.6\",\"bidSz\":\"0.23393\",\"open24h\":\"29700.4\"," +
                    "\"ts\":\"" + (1652459224956L + n) + "\"}]}";
                case 3 -> "{\"arg\":{\"channel\":\"candle1m\",\"instId\":\"BTC-USDT\"},\"data\":[[\"" +
                    (1654154580000L + n * 60_000) + "\",\"29930.7\",\"29936.3\",\"29930.7\",\"29936.3\"," +
                    "\"0.0111536\",\"333.86246417\",\"333.86246417\",\"0\"]]}";
                case 4 -> "pong";
                default -> book(expected, false, n);
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

        assertEquals(0, allocatedPerRound.getLast(),
            "bytes allocated per round of " + ROUND + ": " + allocatedPerRound);
        assertEquals(0, counters.decodeErrors());
        assertEquals(0, syncCounters.gaps());
        assertEquals(0, syncCounters.duplicates());
        final long frameCount = (allocatedPerRound.size() + 1L) * ROUND;
        assertEquals(frameCount / KINDS, counters.ignored()); // the pongs
        assertEquals(frameCount - frameCount / KINDS, counters.events());
        assertTrue(books.isLive(1));
    }

    /** A book message whose checksum is computed on {@code book} (a snapshot at n = 0, then updates chained). */
    private static String book(final OkxBookChecksum book, final boolean snapshot, final long n)
    {
        final String bidPrice = "1.0" + (n % 10);
        final String bidSize = (n % 5) + ".5";
        final String askSize = String.valueOf(n % 7);
        final BookFields fields = new BookFields().reset(1, snapshot);
        add(fields, Side.BUY, bidPrice, bidSize);
        add(fields, Side.BUY, "0.99", "0.00");
        add(fields, Side.SELL, "2.01", askSize);
        book.apply(fields);
        return "{\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"},\"action\":\"" +
            (snapshot ? "snapshot" : "update") + "\",\"data\":[{\"asks\":[[\"2.01\",\"" + askSize + "\",\"0\",\"1\"]]," +
            "\"bids\":[[\"" + bidPrice + "\",\"" + bidSize + "\",\"0\",\"1\"],[\"0.99\",\"0.00\",\"0\",\"0\"]]," +
            "\"ts\":\"1652459225381\",\"checksum\":" + book.value() + ",\"seqId\":" + (1000 + n) + ",\"prevSeqId\":" +
            (snapshot ? -1 : 999 + n) + "}]}";
    }

    private static void add(final BookFields fields, final Side side, final String price, final String size)
    {
        final MutableDecimal p = AsciiDecimal.parse(price);
        final MutableDecimal s = AsciiDecimal.parse(size);
        fields.levels().add(side, p.mantissa(), p.exponent(), s.mantissa(), s.exponent());
    }

    private static UnsafeBuffer direct(final String frame)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        buffer.putBytes(0, bytes);
        return buffer;
    }
}
