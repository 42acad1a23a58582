package zvt.crypto.feed.coinbase;

import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.book.BookRule;
import zvt.crypto.feed.book.SequencedBookRule;
import zvt.crypto.feed.venue.VenueSettings;
import zvt.crypto.feed.venue.VenueStream;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter against PROTOCOLS.md §4.2 and the recorded requests. */
class CoinbaseAdapterTest
{
    private final CoinbaseAdapter adapter = new CoinbaseAdapter();
    private final Instrument btc = Instrument.of(1, Venue.COINBASE, MarketType.SPOT, "BTC-USD", "BTC-USD");
    private final Instrument eth = Instrument.of(2, Venue.COINBASE, MarketType.SPOT, "ETH-USD", "ETH-USD");

    @Test
    void shouldDefaultToTheProductionAddressesAndEveryDataChannel()
    {
        final VenueSettings settings = VenueSettings.defaults(adapter);
        assertEquals("coinbase", adapter.configName());
        assertEquals("wss://advanced-trade-ws.coinbase.com", settings.webSocketUrl());
        assertEquals("https://api.coinbase.com", settings.restUrl());
        assertEquals(List.of(NormalizedSymbol.parse("BTC-USD"), NormalizedSymbol.parse("ETH-USD")),
            settings.symbols());
        assertEquals(List.of("market_trades", "level2", "ticker", "candles"), settings.channels());
        assertEquals(URI.create("ws://localhost:9000/ws"), adapter.webSocketUri(
            new VenueSettings(adapter, Map.of("ws.url", "ws://localhost:9000/ws")), 0, List.of()));
    }

    @Test
    void shouldSpellSpotSymbolsAsTheyAreAndRefuseOtherMarketTypesClearly()
    {
        assertEquals("BTC-USD", adapter.venueSymbol(NormalizedSymbol.parse("BTC-USD")));
        final IllegalArgumentException perpetual = assertThrows(IllegalArgumentException.class,
            () -> adapter.venueSymbol(NormalizedSymbol.parse("BTC-USD-PERP")));
        assertEquals("Coinbase Advanced Trade market data is spot only: 'BTC-USD-PERP' is a PERPETUAL; use BTC-USD",
            perpetual.getMessage());
        final IllegalArgumentException config = assertThrows(IllegalArgumentException.class,
            () -> new VenueSettings(adapter, Map.of("symbols", "BTC-USD,ETH-USD-PERP")));
        assertTrue(config.getMessage().startsWith("coinbase.symbols: "), config.getMessage());
        final IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
            () -> new VenueSettings(adapter, Map.of("symbols", "btc-usd")));
        assertTrue(malformed.getMessage().contains("is not BASE-QUOTE"), malformed.getMessage());
    }

    @Test
    void shouldNameOneStreamPerChannelAndProductAndRefuseAnUnknownChannel()
    {
        assertEquals(List.of(
            new VenueStream(1, "BTC-USD", "market_trades", "market_trades:BTC-USD", 0, false),
            new VenueStream(1, "BTC-USD", "level2", "level2:BTC-USD", 0, true),
            new VenueStream(1, "BTC-USD", "ticker", "ticker:BTC-USD", 0, false),
            new VenueStream(1, "BTC-USD", "candles", "candles:BTC-USD", 0, false)),
            adapter.streams(btc, List.of("market_trades", "level2", "ticker", "candles")));
        final IllegalArgumentException unknown =
            assertThrows(IllegalArgumentException.class, () -> adapter.streams(btc, List.of("trades")));
        assertEquals("unknown coinbase channel 'trades'; known channels: " +
            "[market_trades, level2, ticker, ticker_batch, candles]", unknown.getMessage());
        final IllegalArgumentException heartbeats =
            assertThrows(IllegalArgumentException.class, () -> adapter.streams(btc, List.of("heartbeats")));
        assertTrue(heartbeats.getMessage().endsWith("(heartbeats is always subscribed)"), heartbeats.getMessage());
    }

    @Test
    void shouldSubscribeOneChannelPerMessageAsRecordedWithHeartbeatsFirst()
    {
        final List<VenueStream> streams = new ArrayList<>();
        for (final String channel : List.of("market_trades", "candles", "ticker", "level2"))
        {
            streams.addAll(adapter.streams(btc, List.of(channel)));
            streams.addAll(adapter.streams(eth, List.of(channel)));
        }
        final List<String> recorded = Fixtures.lines("coinbase/advanced/requests.jsonl");
        final List<String> expected = new ArrayList<>();
        expected.add(recorded.stream().filter(r -> r.contains("\"heartbeats\"")).findFirst().orElseThrow());
        recorded.stream().filter(r -> !r.contains("\"heartbeats\"")).forEach(expected::add);
        assertEquals(expected, adapter.subscribeMessages(VenueSettings.defaults(adapter), 0, streams));
        assertEquals(List.of(
            "{\"type\":\"unsubscribe\",\"product_ids\":[\"BTC-USD\"],\"channel\":\"level2\"}",
            "{\"type\":\"unsubscribe\",\"product_ids\":[\"ETH-USD\"],\"channel\":\"ticker\"}"),
            adapter.unsubscribeMessages(List.of(streams.get(6), streams.get(5))));
    }

    @Test
    void shouldSplitAChannelsProductsOverMessagesOfAtMostTheLimit()
    {
        final List<VenueStream> streams = IntStream.rangeClosed(1, CoinbaseAdapter.PRODUCTS_PER_MESSAGE + 1)
            .mapToObj(i -> adapter.streams(Instrument.of(i, Venue.COINBASE, MarketType.SPOT, "A" + i + "-USD",
                "A" + i + "-USD"), List.of("level2")).getFirst())
            .toList();
        final List<String> messages = adapter.subscribeMessages(VenueSettings.defaults(adapter), 0, streams);
        assertEquals(3, messages.size(), messages::toString);
        assertTrue(messages.get(0).endsWith("\"channel\":\"heartbeats\"}"));
        assertTrue(messages.get(1).contains("\"A25-USD\"]"), messages.get(1));
        assertEquals("{\"type\":\"subscribe\",\"product_ids\":[\"A26-USD\"],\"channel\":\"level2\"}", messages.get(2));
        assertEquals(CoinbaseAdapter.PRODUCTS_PER_MESSAGE, adapter.limits().streamsPerSubscribe());
    }

    @Test
    void shouldKeepAliveWithHeartbeatsAndProbeASilentConnectionWithAWebSocketPing()
    {
        assertEquals(0, adapter.keepalive().intervalMs());
        assertNull(adapter.keepalive().message());
        assertNull(adapter.keepalive().probe());
        assertTrue(adapter.keepalive().silenceMs() >= 2_000, "several heartbeats (1/s) may be missed first");
    }

    @Test
    void shouldFollowBooksWithInStreamSnapshotsNoChainAndResubscribeWithoutRestSnapshots()
    {
        final BookRule rule = adapter.newBookRule(btc);
        assertInstanceOf(SequencedBookRule.class, rule);
        assertEquals(BookRule.Resync.RESUBSCRIBE, rule.resync());
        assertEquals(-1, rule.restSnapshotDelayMs());
        assertNull(adapter.bookSnapshotRequest(VenueSettings.defaults(adapter), btc));
        assertNull(adapter.newChecksum());
    }

    @Test
    void shouldAskForTheProductsOfTheInstrumentsOnThePublicEndpoint()
    {
        assertEquals("https://api.coinbase.com/api/v3/brokerage/market/products?product_ids=BTC-USD&" +
            "product_ids=ETH-USD", CoinbaseAdapter.productsRequest("https://api.coinbase.com", List.of(btc, eth))
            .uri().toString());
    }
}
