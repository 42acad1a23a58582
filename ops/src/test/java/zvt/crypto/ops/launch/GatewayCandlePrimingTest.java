package zvt.crypto.ops.launch;

import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.candle.TradeCandles;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.TradeEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.EventJsonRenderer;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.core.test.TextMessageCollector;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.fanout.FanoutEventHandler;
import zvt.crypto.gateway.ws.GatewayServer;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalEventHandler;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restart as the gateway's live candles see it: today's trades journaled before the restart are primed into the
 * new fan-out before its ring starts, so the first forming bar a client receives afterwards includes them. Real
 * journal, ring, gateway server and WebSocket client on loopback.
 */
class GatewayCandlePrimingTest
{
    private static final long MIDNIGHT = epochNanos("2024-03-05T00:00:00Z");
    private static final long TEN_AM = epochNanos("2024-03-05T10:00:00Z");
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long RECEIVE_LATENCY_NANOS = 1_000_000;

    private final InstrumentRegistry instruments = new InstrumentRegistry();
    private final Instrument btc = instruments.intern(Venue.BINANCE, MarketType.SPOT, "BTCUSDT", "BTC-USDT");
    private final Instrument eth = instruments.intern(Venue.BINANCE, MarketType.SPOT, "ETHUSDT", "ETH-USDT");
    private final TradeCandles reference = new TradeCandles(bar -> { });

    @Test
    void shouldMakeTheFirstLiveBarIncludeTheTradesJournaledEarlierToday(@TempDir final Path dir) throws Exception
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final JournalEventHandler beforeRestart = new JournalEventHandler(journal);
            journal(beforeRestart, btc, "90", "7", epochNanos("2024-03-04T23:59:50Z"));
            // Received 200 ms before midnight by our clock, traded 300 ms after it by the venue's: today's.
            journal(beforeRestart, btc, "95", "1", MIDNIGHT + 300_000_000L, MIDNIGHT - 200_000_000L);
            journal(beforeRestart, btc, "100", "1", TEN_AM + 5 * SECOND);
            journal(beforeRestart, btc, "105", "0.5", TEN_AM + 20 * SECOND);
            journal(beforeRestart, eth, "3000", "1", TEN_AM + 30 * SECOND);
            journalKline(beforeRestart, btc, TEN_AM + 35 * SECOND);
            journal(beforeRestart, btc, "98", "2", TEN_AM + 40 * SECOND);
            beforeRestart.onShutdown();

            final GatewayContext gatewayContext = new GatewayContext();
            final FanoutEventHandler fanout = new FanoutEventHandler(gatewayContext, instruments);
            assertEquals(5, GatewayCandlePriming.primeFromStartOfDay(journal, fanout, () -> TEN_AM + 50 * SECOND),
                "today's trades are primed, the one received before midnight too; yesterday's trade and the kline " +
                "are not");

            final MarketEventRing ring = new MarketEventRing(
                new RingContext().ringSize(64), new JournalEventHandler(journal), List.of(fanout)).start();
            final GatewayServer server = GatewayServer.launch(gatewayContext, instruments, fanout);
            final HttpClient http = HttpClient.newHttpClient();
            final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            final WebSocket client = http.newWebSocketBuilder()
                .buildAsync(server.webSocketUri(), new TextMessageCollector(messages)).get(10, TimeUnit.SECONDS);
            try
            {
                client.sendText("{\"op\":\"subscribe\",\"channel\":\"candle\",\"venue\":\"BINANCE\"," +
                    "\"symbol\":\"BTC-USDT\"}", true).get(10, TimeUnit.SECONDS);
                assertTrue(next(messages).contains("\"type\":\"subscribed\""));

                final long liveTime = TEN_AM + 45 * SECOND;
                ring.ringBuffer().publishEvent((event, sequence) ->
                    encodeTrade(event, btc, "101", "1", liveTime, liveTime + RECEIVE_LATENCY_NANOS));
                final String bar = next(messages);

                addToReference(btc, "101", "1", liveTime);
                assertEquals(render(reference.live(btc.id(), CandleInterval.M1, new CandleBar()), journal.lastIndex()),
                    bar);
                for (final String field : List.of("\"source\":\"trades\"", "\"closed\":false",
                    "\"open\":\"100\"", "\"high\":\"105\"", "\"low\":\"98\"", "\"close\":\"101\"",
                    "\"volume\":\"4.5\"", "\"tradeCount\":4"))
                {
                    assertTrue(bar.contains(field), field + " in " + bar);
                }
            }
            finally
            {
                client.abort();
                CloseHelper.closeAll(server, ring, http);
            }
        }
    }

    private void journal(
        final JournalEventHandler journal,
        final Instrument instrument,
        final String price,
        final String size,
        final long exchangeTime)
    {
        journal(journal, instrument, price, size, exchangeTime, exchangeTime + RECEIVE_LATENCY_NANOS);
    }

    /** Journals a trade as the node before the restart did; today's also go to the reference candles. */
    private void journal(
        final JournalEventHandler journal,
        final Instrument instrument,
        final String price,
        final String size,
        final long exchangeTime,
        final long receiveTime)
    {
        final MarketEvent event = new MarketEvent();
        encodeTrade(event, instrument, price, size, exchangeTime, receiveTime);
        journal.onEvent(event, 0, true);
        if (exchangeTime >= MIDNIGHT)
        {
            addToReference(instrument, price, size, exchangeTime);
        }
    }

    /** A venue kline, a Candle event: not a trade, so not primed. */
    private static void journalKline(final JournalEventHandler journal, final Instrument instrument, final long time)
    {
        final MarketEvent event = new MarketEvent();
        event.length(new CandleBar()
            .start(instrument.id(), instrument.venue(), CandleInterval.M1, CandleSource.VENUE_STREAM, TEN_AM)
            .prices(1, 0, 1, 0, 1, 0, 1, 0)
            .receiveTimeNanos(time)
            .encode(event.buffer(), 0));
        journal.onEvent(event, 0, true);
    }

    private void addToReference(final Instrument instrument, final String price, final String size, final long time)
    {
        final MutableDecimal priceValue = AsciiDecimal.parse(price);
        final MutableDecimal sizeValue = AsciiDecimal.parse(size);
        reference.onTrade(instrument.id(), instrument.venue(), time, time + RECEIVE_LATENCY_NANOS,
            priceValue.mantissa(), priceValue.exponent(), sizeValue.mantissa(), sizeValue.exponent());
    }

    private static void encodeTrade(
        final MarketEvent event,
        final Instrument instrument,
        final String price,
        final String size,
        final long time,
        final long receiveTime)
    {
        final MutableDecimal priceValue = AsciiDecimal.parse(price);
        final MutableDecimal sizeValue = AsciiDecimal.parse(size);
        final TradeEncoder trade = new TradeEncoder();
        trade.wrapAndApplyHeader(event.reset().buffer(), 0, new MessageHeaderEncoder())
            .receiveTimeNanos(receiveTime)
            .exchangeTimeNanos(time)
            .instrumentId(instrument.id())
            .venue(instrument.venue())
            .aggressorSide(Side.BUY);
        trade.price().mantissa(priceValue.mantissa()).exponent((byte)priceValue.exponent());
        trade.size().mantissa(sizeValue.mantissa()).exponent((byte)sizeValue.exponent());
        trade.venueTradeId("T-" + time);
        event.length(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
    }

    private String render(final CandleBar bar, final long journalIndex)
    {
        final ExpandableArrayBuffer encoded = new ExpandableArrayBuffer();
        final ExpandableArrayBuffer json = new ExpandableArrayBuffer();
        bar.encode(encoded, 0);
        return json.getStringWithoutLengthUtf8(
            0, new EventJsonRenderer(instruments).render(encoded, 0, journalIndex, json, 0));
    }

    private static long epochNanos(final String instant)
    {
        return TimeUnit.SECONDS.toNanos(Instant.parse(instant).getEpochSecond());
    }

    private static String next(final BlockingQueue<String> messages) throws InterruptedException
    {
        final String message = messages.poll(10, TimeUnit.SECONDS);
        assertNotNull(message, "a message within 10 s");
        return message;
    }
}
