package zvt.crypto.feed.binance;

import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.feed.venue.VenueSettings;
import zvt.crypto.feed.venue.VenueStream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceAdapterTest
{
    private final BinanceAdapter binance = new BinanceAdapter();
    private final VenueSettings settings = VenueSettings.defaults(binance);

    @Test
    void shouldSpellSpotAndPerpetualSymbolsAsBinanceDoes()
    {
        assertEquals("BTCUSDT", binance.venueSymbol(NormalizedSymbol.parse("BTC-USDT")));
        assertEquals("BTCUSDT", binance.venueSymbol(NormalizedSymbol.parse("BTC-USDT-PERP")));
        assertEquals("1000SATSUSDT", binance.venueSymbol(NormalizedSymbol.parse("1000SATS-USDT")));
    }

    @Test
    void shouldNameOneStreamPerChannelAndPutPerpetualsOnTheUsdMConnections()
    {
        final List<VenueStream> spot = binance.streams(spot(1, "BTCUSDT"), List.of("trade", "depth@100ms", "kline_1m"));
        assertEquals(List.of("btcusdt@trade", "btcusdt@depth@100ms", "btcusdt@kline_1m"),
            spot.stream().map(VenueStream::name).toList());
        assertEquals(List.of(false, true, false), spot.stream().map(VenueStream::book).toList());
        assertTrue(spot.stream().allMatch(stream -> stream.group() == BinanceAdapter.SPOT));

        final Instrument perpetual = Instrument.of(2, Venue.BINANCE, MarketType.PERPETUAL, "BTCUSDT", "BTC-USDT-PERP");
        final List<VenueStream> usdm = binance.streams(perpetual, List.of("depth@100ms"));
        assertEquals(BinanceAdapter.USD_M, usdm.getFirst().group());
        assertEquals("wss://fstream.binance.com/stream?streams=btcusdt@depth@100ms",
            binance.webSocketUri(settings, BinanceAdapter.USD_M, usdm).toString());
    }

    @Test
    void shouldNameTheFirstStreamsInTheUrlAndSubscribeTheRestWithPacedRequests()
    {
        final List<VenueStream> streams = new ArrayList<>();
        for (int i = 0; i < 300; i++)
        {
            streams.addAll(binance.streams(spot(i + 1, "SYM" + i + "USDT"), List.of("trade")));
        }
        final String url = binance.webSocketUri(settings, BinanceAdapter.SPOT, streams).toString();
        assertTrue(url.startsWith("wss://stream.binance.com:9443/stream?streams=sym0usdt@trade/sym1usdt@trade"));
        assertTrue(url.length() <= 2_000, "the URL stays short: " + url.length());
        final int inUrl = url.split("/").length - 3;
        final List<String> requests = binance.subscribeMessages(settings, BinanceAdapter.SPOT, streams);
        assertEquals((300 - inUrl + 199) / 200, requests.size());
        assertTrue(requests.getFirst().startsWith("{\"method\":\"SUBSCRIBE\",\"params\":[\"sym" + inUrl + "usdt@trade\""),
            requests.getFirst());
        assertTrue(binance.unsubscribeMessages(streams.subList(0, 1)).getFirst()
            .matches("\\{\"method\":\"UNSUBSCRIBE\",\"params\":\\[\"sym0usdt@trade\"],\"id\":\\d+}"));
    }

    @Test
    void shouldRefuseUnknownChannelsAndBothTradeChannels()
    {
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> binance.streams(spot(1, "BTCUSDT"), List.of("trades")));
        assertTrue(unknown.getMessage().contains("unknown channel 'trades'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> binance.streams(spot(1, "BTCUSDT"), List.of("kline_7m")));
        assertThrows(IllegalArgumentException.class,
            () -> binance.streams(spot(1, "BTCUSDT"), List.of("trade", "aggTrade")));
    }

    @Test
    void shouldRefuseAMalformedSymbolInTheSettingsNamingTheKey()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new VenueSettings(binance, Map.of("symbols", "BTC-USDT,BTCUSDT")));
        assertTrue(error.getMessage().startsWith("binance.symbols: symbol 'BTCUSDT' is not BASE-QUOTE"),
            error.getMessage());
    }

    private static Instrument spot(final int id, final String venueSymbol)
    {
        return Instrument.of(id, Venue.BINANCE, MarketType.SPOT, venueSymbol, venueSymbol);
    }
}
