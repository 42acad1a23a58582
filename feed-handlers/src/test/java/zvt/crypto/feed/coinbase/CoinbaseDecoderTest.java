package zvt.crypto.feed.coinbase;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
import zvt.crypto.feed.test.DecoderHarness;
import zvt.crypto.feed.venue.FrameDecoder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decoder's own rules on hand-made frames: rejections by reason, field order, ordering, allocation. */
class CoinbaseDecoderTest
{
    private static final String TRADES = "{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":" +
        "\"2026-08-09T21:05:49.553346966Z\",\"sequence_num\":60,\"events\":[{\"type\":\"update\",\"trades\":[" +
        "{\"product_id\":\"BTC-USD\",\"trade_id\":\"1068572095\",\"price\":\"65083.67\",\"size\":\"0.1\"," +
        "\"side\":\"SELL\",\"time\":\"2026-08-09T21:05:49.507468Z\"}," +
        "{\"product_id\":\"ETH-USD\",\"trade_id\":\"7\",\"price\":\"1919.4\",\"size\":\"2\",\"side\":\"BUY\"," +
        "\"time\":\"2026-08-09T21:05:49.5Z\"}," +
        "{\"product_id\":\"BTC-USD\",\"trade_id\":\"1068572094\",\"price\":\"65083.66\",\"size\":\"0.2\"," +
        "\"side\":\"BUY\",\"time\":\"2026-08-09T21:05:49.4Z\"}]}]}";

    private final DecoderHarness harness = new DecoderHarness(new CoinbaseAdapter())
        .instrument("BTC-USD", 1, MarketType.SPOT);

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldPublishAnEventsTradesOldestFirstWithTheTakerAsAggressorAndSkipUnsubscribedProducts()
    {
        harness.deliver(TRADES);
        harness.close();
        assertEquals(List.of(
            "trade 1 SELL p=65083.66 q=0.2 id=1068572094 T=1786309549400000000",
            "trade 1 BUY p=65083.67 q=0.1 id=1068572095 T=1786309549507468000"), harness.collector().lines());
    }

    @Test
    void shouldDecodeAnEnvelopeWhoseEventsComeFirstAsOneInTheUsualOrder()
    {
        final String eventsFirst = "{\"events\":" + TRADES.substring(TRADES.indexOf("[{\"type\""),
            TRADES.length() - 1) + ",\"sequence_num\":60,\"timestamp\":\"2026-08-09T21:05:49.553346966Z\"," +
            "\"channel\":\"market_trades\"}";
        harness.deliver(eventsFirst);
        harness.close();
        assertEquals(2, harness.collector().lines().size(), eventsFirst);
        assertEquals(1, harness.counters().events());
    }

    @Test
    void shouldIgnoreHeartbeatsSubscriptionsAndOtherChannelsButFollowTheirSequence()
    {
        final List<String> resyncs = new ArrayList<>();
        harness.publisher().control(new zvt.crypto.feed.publish.FeedControl()
        {
            public void rotateAll(final String reason)
            {
            }

            public void resync(final int session, final String reason)
            {
                resyncs.add(reason);
            }
        });
        harness.deliver("{\"channel\":\"subscriptions\",\"timestamp\":\"2026-08-09T21:05:48.228846629Z\"," +
            "\"sequence_num\":0,\"events\":[{\"subscriptions\":{\"heartbeats\":[\"heartbeats\"]}}]}");
        harness.deliver("{\"channel\":\"heartbeats\",\"timestamp\":\"2026-08-09T21:05:48.856364007Z\"," +
            "\"sequence_num\":1,\"events\":[{\"current_time\":\"2026-08-09 21:05:48.854840045 +0000 UTC\"," +
            "\"heartbeat_counter\":41691}]}");
        harness.deliver("{\"channel\":\"status\",\"sequence_num\":2,\"events\":[{\"type\":\"snapshot\"," +
            "\"products\":[]}]}");
        harness.deliver("{\"channel\":\"heartbeats\",\"sequence_num\":4,\"events\":[]}");
        assertEquals(4, harness.counters().ignored());
        assertEquals(List.of("session sequence jumped from 2 to 4"), resyncs);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"channel\":\"market_trades\"                                                        | MALFORMED_JSON",
        "[]                                                                                     | MALFORMED_JSON",
        "{\"events\":[]}                                                                        | MISSING_CHANNEL",
        "{\"channel\":\"ticker\",\"sequence_num\":-1,\"events\":[]}                             | BAD_SEQUENCE",
        "{\"channel\":\"ticker\",\"sequence_num\":\"1\",\"events\":[]}                          | BAD_SEQUENCE",
        "{\"channel\":\"ticker\",\"sequence_num\":12345678901234567890,\"events\":[]}           | BAD_SEQUENCE",
        "{\"channel\":\"ticker\",\"timestamp\":\"yesterday\",\"events\":[]}                     | BAD_TIME",
        "{\"channel\":\"ticker\",\"events\":{}}                                                 | BAD_EVENTS",
        "{\"channel\":\"ticker\",\"events\":[1]}                                                | BAD_EVENTS",
        "{\"channel\":\"ticker\",\"events\":[{\"tickers\":{}}]}                                 | BAD_EVENTS",
        "{\"channel\":\"ticker\",\"events\":[{\"tickers\":[{\"product_id\":\"BTC-USD\"}]}]}     | MISSING_FIELD",
        "{\"channel\":\"l2_data\",\"sequence_num\":1,\"events\":[{\"product_id\":\"BTC-USD\",\"updates\":[]}]} " +
            "| BAD_EVENT_TYPE",
        "{\"channel\":\"l2_data\",\"events\":[{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":[{" +
            "\"side\":\"ask\",\"event_time\":\"2026-08-09T21:05:48Z\",\"price_level\":\"1\"," +
            "\"new_quantity\":\"1\"}]}]} " +
            "| BAD_SIDE",
        "{\"channel\":\"l2_data\",\"events\":[{\"type\":\"update\",\"product_id\":\"BTC-USD\",\"updates\":[{" +
            "\"side\":\"bid\",\"event_time\":\"2026-08-09T21:05:48Z\",\"price_level\":\"-1\"," +
            "\"new_quantity\":\"1\"}]}]}" +
            " | BAD_PRICE",
        "{\"channel\":\"market_trades\",\"events\":[{\"trades\":[{\"product_id\":\"BTC-USD\",\"trade_id\":\"\"," +
            "\"price\":\"1\",\"size\":\"1\",\"side\":\"BUY\",\"time\":\"2026-08-09T21:05:48Z\"}]}]} | BAD_ID",
        "{\"channel\":\"market_trades\",\"events\":[{\"trades\":[{\"product_id\":\"BTC-USD\",\"trade_id\":\"1\"," +
            "\"price\":\"1\",\"size\":\"1e999\",\"side\":\"BUY\",\"time\":\"2026-08-09T21:05:48Z\"}]}]} | BAD_QUANTITY",
        "{\"channel\":\"market_trades\",\"events\":[{\"trades\":[{\"product_id\":\"BTC-USD\",\"trade_id\":\"1\"," +
            "\"price\":\"1\",\"size\":\"1\",\"side\":\"buy\",\"time\":\"2026-08-09T21:05:48Z\"}]}]} | BAD_SIDE",
        "{\"channel\":\"market_trades\",\"events\":[{\"trades\":[{\"product_id\":\"BTC-USD\",\"trade_id\":\"1\"," +
            "\"price\":\"1\",\"size\":\"1\",\"side\":\"BUY\",\"time\":\"2026-08-09T25:05:48Z\"}]}]} | BAD_TIME",
        "{\"channel\":\"candles\",\"timestamp\":\"2026-08-09T21:05:48Z\",\"events\":[{\"candles\":[{" +
            "\"product_id\":\"BTC-USD\",\"start\":\"x\",\"open\":\"1\",\"high\":\"1\",\"low\":\"1\",\"close\":\"1\"," +
            "\"volume\":\"1\"}]}]} | BAD_TIME"})
    void shouldRejectAMalformedFrameByReason(final String frame, final CoinbaseDecodeError reason)
    {
        harness.deliver(frame.trim());
        assertEquals(1, harness.counters().decodeErrors(), frame);
        assertEquals(1, harness.publisher().errors().count(reason), frame);
    }

    @Test
    void shouldNotAllocatePerFrameOnAnyDecodePath()
    {
        final RingBuffer<MarketEvent> ring =
            RingBuffer.createSingleProducer(MarketEvent::new, 1024, new YieldingWaitStrategy());
        final CoinbaseAdapter adapter = new CoinbaseAdapter();
        final FeedCounters counters = new FeedCounters(new CountersRegistry(), "test");
        final SyncCounters syncCounters = new SyncCounters(new CountersRegistry(), "test");
        final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        final FeedPublisher publisher =
            new FeedPublisher(Venue.COINBASE, ring, counters, syncCounters, adapter.decodeErrors());
        final BookSync books = new BookSync(Venue.COINBASE, ring, new ControlEventPublisher(ring, () -> 1L), timers,
            () -> 1L, syncCounters, adapter::newChecksum);
        publisher.books(books).addSymbol(0, "BTC-USD", 1);
        books.addInstrument(1, "BTC-USD",
            adapter.newBookRule(Instrument.of(1, Venue.COINBASE, MarketType.SPOT, "BTC-USD", "BTC-USD")));
        final FrameDecoder decoder = adapter.newDecoder(publisher);

        final int round = 8_000;
        final int rounds = 10;
        final List<UnsafeBuffer> frames = new ArrayList<>();
        frames.add(direct(CoinbaseFrames.l2Snapshot(0)));
        for (int i = 1; i <= (rounds + 1) * round; i++)
        {
            frames.add(direct(switch (i & 3)
            {
                case 0 -> CoinbaseFrames.trades(i, 1_068_572_090L + i);
                case 1 -> CoinbaseFrames.ticker(i);
                case 2 -> CoinbaseFrames.candle(i);
                default -> CoinbaseFrames.l2Update(i);
            }));
        }
        final int[] next = {0};
        final Runnable batch = () ->
        {
            for (int i = 0; i < round; i++)
            {
                final UnsafeBuffer frame = frames.get(next[0]++);
                publisher.beginFrame(1, 0, 1L);
                decoder.decode(frame, 0, frame.capacity());
                publisher.endFrame();
            }
        };
        final List<Long> allocated = Allocation.perRound(batch, rounds);
        timers.shutdownNow();

        assertEquals(0, allocated.getLast(), "bytes allocated per round of " + round + ": " + allocated);
        assertEquals(0, counters.decodeErrors());
        assertEquals(0, counters.ignored() + syncCounters.duplicates());
        assertTrue(books.isLive(1));
    }

    private static UnsafeBuffer direct(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        buffer.putBytes(0, bytes);
        return buffer;
    }
}
