package zvt.crypto.feed.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.feed.venue.VenueSettings;
import zvt.crypto.feed.venue.VenueStream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Bybit adapter against the shapes of PROTOCOLS.md §3: addresses, subscriptions, symbols, channels, REST. */
class BybitAdapterTest
{
    private final BybitAdapter adapter = new BybitAdapter();
    private final Instrument spot = Instrument.of(1, Venue.BYBIT, MarketType.SPOT, "BTCUSDT", "BTC-USDT");
    private final Instrument linear = Instrument.of(2, Venue.BYBIT, MarketType.PERPETUAL, "BTCUSDT", "BTC-USDT-PERP");

    @Test
    void shouldSpellSpotAndLinearSymbolsAndRefuseOthers()
    {
        assertEquals("BTCUSDT", adapter.venueSymbol(NormalizedSymbol.parse("BTC-USDT")));
        assertEquals("ETHUSDT", adapter.venueSymbol(NormalizedSymbol.parse("ETH-USDT-PERP")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> adapter.venueSymbol(NormalizedSymbol.parse(
            "BTC-USD-PERP"))).getMessage().contains("USDT-settled"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> adapter.venueSymbol(
            new NormalizedSymbol("BTC", "USDT", MarketType.OPTION))).getMessage().contains("only spot"));
        final IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class, () ->
            new VenueSettings(adapter, Map.of("symbols", "BTC-USDT,btcusdt")));
        assertTrue(malformed.getMessage().startsWith("bybit.symbols: symbol 'btcusdt'"), malformed.getMessage());
    }

    @Test
    void shouldConnectSpotAndLinearToTheirOwnEndpoints()
    {
        final VenueSettings settings = VenueSettings.defaults(adapter);
        assertEquals("wss://stream.bybit.com/v5/public/spot",
            adapter.webSocketUri(settings, BybitAdapter.SPOT, List.of()).toString());
        assertEquals("wss://stream.bybit.com/v5/public/linear",
            adapter.webSocketUri(settings, BybitAdapter.LINEAR, List.of()).toString());
        final VenueSettings local = new VenueSettings(adapter, Map.of("ws.url", "ws://127.0.0.1:9000/v5/public/"));
        assertEquals("ws://127.0.0.1:9000/v5/public/linear",
            adapter.webSocketUri(local, BybitAdapter.LINEAR, List.of()).toString());
        assertEquals(List.of("BTC-USDT", "ETH-USDT"), settings.symbols().stream().map(Object::toString).toList());
    }

    @Test
    void shouldNameStreamsByTopicInTheInstrumentsGroup()
    {
        final List<VenueStream> streams =
            adapter.streams(linear, List.of("publicTrade", "orderbook.200", "tickers", "kline.D", "kline.60"));
        assertEquals(List.of("publicTrade.BTCUSDT", "orderbook.200.BTCUSDT", "tickers.BTCUSDT", "kline.D.BTCUSDT",
            "kline.60.BTCUSDT"), streams.stream().map(VenueStream::name).toList());
        assertEquals(List.of(false, true, false, false, false), streams.stream().map(VenueStream::book).toList());
        assertTrue(streams.stream().allMatch(s -> s.group() == BybitAdapter.LINEAR && s.instrumentId() == 2));
        assertTrue(adapter.streams(spot, List.of("orderbook.1", "tickers")).stream()
            .allMatch(s -> s.group() == BybitAdapter.SPOT));
    }

    @Test
    void shouldRefuseUnknownChannelsAndConflictingOnes()
    {
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () ->
            adapter.streams(spot, List.of("trades")));
        assertTrue(unknown.getMessage().contains("'trades'") && unknown.getMessage().contains("publicTrade"),
            unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> adapter.streams(spot, List.of("kline.2")));
        assertThrows(IllegalArgumentException.class, () -> adapter.streams(spot, List.of("orderbook.1000")));
        assertThrows(IllegalArgumentException.class, () ->
            adapter.streams(spot, List.of("orderbook.50", "orderbook.200")));
        assertThrows(IllegalArgumentException.class, () ->
            adapter.streams(linear, List.of("orderbook.1", "tickers")));
    }

    @Test
    void shouldSubscribeWithAtMostTenArgsPerMessage()
    {
        final List<VenueStream> streams = IntStream.range(0, 23).mapToObj(i ->
            new VenueStream(i + 1, "S" + i + "USDT", "publicTrade", "publicTrade.S" + i + "USDT", 0, false)).toList();
        final List<String> messages = adapter.subscribeMessages(VenueSettings.defaults(adapter), 0, streams);
        assertEquals(3, messages.size());
        int args = 0;
        for (final String message : messages)
        {
            final JsonNode json = ReferenceBybitDecoder.parse(message);
            assertEquals("subscribe", json.get("op").asText());
            assertTrue(json.get("args").size() <= BybitAdapter.ARGS_PER_MESSAGE);
            args += json.get("args").size();
        }
        assertEquals(23, args);
        assertEquals("{\"op\":\"subscribe\",\"args\":[\"orderbook.1.BTCUSDT\",\"publicTrade.BTCUSDT\"]}",
            adapter.subscribeMessages(VenueSettings.defaults(adapter), 0,
                adapter.streams(spot, List.of("orderbook.1", "publicTrade"))).getFirst());
        assertEquals(List.of("{\"op\":\"unsubscribe\",\"args\":[\"orderbook.50.BTCUSDT\"]}"),
            adapter.unsubscribeMessages(adapter.streams(linear, List.of("orderbook.50"))));
    }

    @Test
    void shouldPingEveryTwentySecondsWithTheDocumentedMessage()
    {
        assertEquals(20_000, adapter.keepalive().intervalMs());
        final JsonNode ping = ReferenceBybitDecoder.parse(adapter.keepalive().message());
        assertEquals("ping", ping.get("op").asText());
        assertTrue(ping.has("req_id"));
        assertTrue(adapter.keepalive().silenceMs() > adapter.keepalive().intervalMs());
        assertEquals(10, adapter.limits().streamsPerSubscribe());
    }

    @Test
    void shouldRefineTickAndLotSizesFromInstrumentsInfo()
    {
        // Shapes of the v5 docs' examples (no recording of this endpoint exists): spot has basePrecision, linear
        // qtyStep.
        final String spotBody = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"list\":[{" +
            "\"symbol\":\"BTCUSDT\",\"baseCoin\":\"BTC\",\"quoteCoin\":\"USDT\",\"innovation\":\"0\"," +
            "\"status\":\"Trading\",\"marginTrading\":\"both\",\"lotSizeFilter\":{\"basePrecision\":\"0.000001\"," +
            "\"quotePrecision\":\"0.00000001\",\"minOrderQty\":\"0.000048\",\"maxOrderQty\":\"71.73956243\"," +
            "\"minOrderAmt\":\"1\",\"maxOrderAmt\":\"2000000\"},\"priceFilter\":{\"tickSize\":\"0.01\"}}]}," +
            "\"retExtInfo\":{},\"time\":1672712468011}";
        final String linearBody = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\",\"list\":[{" +
            "\"symbol\":\"BTCUSDT\",\"contractType\":\"LinearPerpetual\",\"status\":\"Trading\",\"baseCoin\":\"BTC\"," +
            "\"quoteCoin\":\"USDT\",\"priceScale\":\"2\",\"leverageFilter\":{\"minLeverage\":\"1\"," +
            "\"maxLeverage\":\"100.00\",\"leverageStep\":\"0.01\"},\"priceFilter\":{\"minPrice\":\"0.10\"," +
            "\"maxPrice\":\"199999.80\",\"tickSize\":\"0.10\"},\"lotSizeFilter\":{\"maxOrderQty\":\"100.000\"," +
            "\"minOrderQty\":\"0.001\",\"qtyStep\":\"0.001\",\"postOnlyMaxOrderQty\":\"1000.000\"}}]," +
            "\"nextPageCursor\":\"\"},\"retExtInfo\":{},\"time\":1672712495660}";
        final InstrumentRegistry registry = new InstrumentRegistry();
        final Instrument spotId = registry.intern(Venue.BYBIT, MarketType.SPOT, "BTCUSDT", "BTC-USDT");
        final Instrument linearId = registry.intern(Venue.BYBIT, MarketType.PERPETUAL, "BTCUSDT", "BTC-USDT-PERP");
        BybitInstrumentsInfo.refine(registry, MarketType.SPOT, BybitInstrumentsInfo.parse(buffer(spotBody), 0,
            spotBody.length()));
        BybitInstrumentsInfo.refine(registry, MarketType.PERPETUAL, BybitInstrumentsInfo.parse(buffer(linearBody), 0,
            linearBody.length()));
        final Instrument refinedSpot = registry.byIdOrNull(spotId.id());
        assertEquals(List.of(-2, 1L, -6, 1L), List.of(refinedSpot.priceExponent(), refinedSpot.tickSize(),
            refinedSpot.sizeExponent(), refinedSpot.lotSize()));
        final Instrument refinedLinear = registry.byIdOrNull(linearId.id());
        assertEquals(List.of(-1, 1L, -3, 1L), List.of(refinedLinear.priceExponent(), refinedLinear.tickSize(),
            refinedLinear.sizeExponent(), refinedLinear.lotSize()));
        final String error = "{\"retCode\":10001,\"retMsg\":\"params error\",\"result\":{},\"time\":1}";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BybitInstrumentsInfo.parse(buffer(error), 0,
            error.length())).getMessage().contains("10001"));
        assertEquals("https://api.bybit.com/v5/market/instruments-info?category=linear&symbol=BTCUSDT",
            BybitAdapter.instrumentsRequest("https://api.bybit.com", linear).uri().toString());
    }

    private static UnsafeBuffer buffer(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
