package zvt.crypto.feed.okx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.feed.rest.RestRequest;
import zvt.crypto.feed.venue.Keepalive;
import zvt.crypto.feed.venue.VenueSettings;
import zvt.crypto.feed.venue.VenueStream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OKX adapter's configuration surface against PROTOCOLS.md §2: symbols, channels and their endpoints, the wire
 * shape of subscribe and unsubscribe messages (as in the recorded requests), keepalive, REST requests and the
 * instruments reference data of the recordings.
 */
class OkxAdapterTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final OkxAdapter okx = new OkxAdapter();

    @Test
    void shouldSpellSpotAsIsAndPerpetualsAsSwaps()
    {
        assertEquals("BTC-USDT", okx.venueSymbol(NormalizedSymbol.parse("BTC-USDT")));
        assertEquals("BTC-USDT-SWAP", okx.venueSymbol(NormalizedSymbol.parse("BTC-USDT-PERP")));
        assertEquals("BTC-USD-SWAP", okx.venueSymbol(NormalizedSymbol.parse("BTC-USD-PERP")));
    }

    @Test
    void shouldRefuseFuturesOptionsAndMalformedSymbolsWithAClearMessage()
    {
        final IllegalArgumentException future = assertThrows(IllegalArgumentException.class,
            () -> okx.venueSymbol(new NormalizedSymbol("BTC", "USD", MarketType.FUTURE)));
        assertTrue(future.getMessage().contains("only spot") && future.getMessage().contains("FUTURE"),
            future.getMessage());
        final IllegalArgumentException dated = assertThrows(IllegalArgumentException.class,
            () -> new VenueSettings(okx, Map.of("symbols", "BTC-USD-220527")));
        assertTrue(dated.getMessage().startsWith("okx.symbols: symbol 'BTC-USD-220527'"), dated.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VenueSettings(okx, Map.of("symbols", "btc-usdt")));
        assertThrows(IllegalArgumentException.class, () -> new VenueSettings(okx, Map.of("symbols", "BTC-USDT-SWAP")));
    }

    @Test
    void shouldBuildStreamsOnTheirEndpointGroupAndRefuseUnknownChannels()
    {
        final Instrument btc = Instrument.of(3, Venue.OKX, MarketType.SPOT, "BTC-USDT", "BTC-USDT");
        final List<VenueStream> streams = okx.streams(btc, VenueSettings.defaults(okx).channels());
        assertEquals(List.of(
            new VenueStream(3, "BTC-USDT", "trades", "trades:BTC-USDT", OkxChannel.PUBLIC, false),
            new VenueStream(3, "BTC-USDT", "books", "books:BTC-USDT", OkxChannel.PUBLIC, true),
            new VenueStream(3, "BTC-USDT", "bbo-tbt", "bbo-tbt:BTC-USDT", OkxChannel.PUBLIC, false),
            new VenueStream(3, "BTC-USDT", "candle1m", "candle1m:BTC-USDT", OkxChannel.BUSINESS, false)), streams);
        assertTrue(okx.streams(btc, List.of("books-l2-tbt")).getFirst().book());
        assertEquals(OkxChannel.BUSINESS, okx.streams(btc, List.of("candle1Dutc")).getFirst().group());
        final IllegalArgumentException unknown =
            assertThrows(IllegalArgumentException.class, () -> okx.streams(btc, List.of("candle1D")));
        assertTrue(unknown.getMessage().contains("'candle1D'") && unknown.getMessage().contains("candle1Dutc") &&
            unknown.getMessage().contains("books"), unknown.getMessage());
        final IllegalArgumentException quotes =
            assertThrows(IllegalArgumentException.class, () -> okx.streams(btc, List.of("bbo-tbt", "tickers")));
        assertTrue(quotes.getMessage().contains("configure one"), quotes.getMessage());
    }

    @Test
    void shouldAddressThePublicAndBusinessEndpoints()
    {
        final VenueSettings defaults = VenueSettings.defaults(okx);
        assertEquals("wss://ws.okx.com:8443/ws/v5/public",
            okx.webSocketUri(defaults, OkxChannel.PUBLIC, List.of()).toString());
        assertEquals("wss://ws.okx.com:8443/ws/v5/business",
            okx.webSocketUri(defaults, OkxChannel.BUSINESS, List.of()).toString());
        final VenueSettings local = new VenueSettings(okx, Map.of("ws.url", "ws://127.0.0.1:9001/"));
        assertEquals("ws://127.0.0.1:9001/ws/v5/public", okx.webSocketUri(local, OkxChannel.PUBLIC, List.of())
            .toString());
    }

    @Test
    void shouldSubscribeAsTheRecordedRequestsDoAtMostAHundredArgsAMessage() throws Exception
    {
        final Instrument btc = Instrument.of(1, Venue.OKX, MarketType.SPOT, "BTC-USDT", "BTC-USDT");
        final List<VenueStream> streams = okx.streams(btc, List.of("tickers", "trades", "books"));
        final String message = okx.subscribeMessages(VenueSettings.defaults(okx), OkxChannel.PUBLIC, streams)
            .getFirst();
        assertEquals("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"}," +
            "{\"channel\":\"trades\",\"instId\":\"BTC-USDT\"},{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}]}",
            message);
        assertEquals("{\"op\":\"unsubscribe\",\"args\":[{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"}]}",
            okx.unsubscribeMessages(streams.subList(0, 1)).getFirst());
        // Every recorded request parses to the same tree as ours for its args.
        for (final Path file : OkxRecordings.files("requests*.jsonl"))
        {
            for (final OkxRecordings.Line line : OkxRecordings.lines(file))
            {
                final JsonNode recorded = MAPPER.readTree(line.text());
                final List<VenueStream> args = new ArrayList<>();
                for (final JsonNode arg : recorded.get("args"))
                {
                    final String instId = arg.get("instId").textValue();
                    args.addAll(okx.streams(Instrument.of(1, Venue.OKX, OkxDecoderTest.marketType(instId), instId,
                        instId), List.of(arg.get("channel").textValue())));
                }
                assertEquals(recorded, MAPPER.readTree(
                    okx.subscribeMessages(VenueSettings.defaults(okx), OkxChannel.PUBLIC, args).getFirst()),
                    line.toString());
            }
        }
        final List<VenueStream> many = new ArrayList<>();
        for (int i = 0; i < 250; i++)
        {
            many.add(new VenueStream(i + 1, "S" + i + "-USDT", "trades", "trades:S" + i, OkxChannel.PUBLIC, false));
        }
        final List<String> messages = okx.subscribeMessages(VenueSettings.defaults(okx), OkxChannel.PUBLIC, many);
        assertEquals(3, messages.size());
        assertEquals(100, MAPPER.readTree(messages.getFirst()).get("args").size());
        assertEquals(50, MAPPER.readTree(messages.getLast()).get("args").size());
        assertTrue(messages.stream().allMatch(m -> m.length() < 64 * 1024));
    }

    @Test
    void shouldPingWithTheTextFrameWellInsideThirtySeconds()
    {
        final Keepalive keepalive = okx.keepalive();
        assertEquals("ping", keepalive.message());
        assertTrue(keepalive.intervalMs() < 30_000);
        assertTrue(keepalive.silenceMs() + keepalive.probeTimeoutMs() <= 30_000);
    }

    @Test
    void shouldRequestRestBookSnapshotsOfTheDeepestRestBook()
    {
        final Instrument swap = Instrument.of(2, Venue.OKX, MarketType.PERPETUAL, "BTC-USDT-SWAP", "BTC-USDT-PERP");
        final RestRequest request = okx.bookSnapshotRequest(VenueSettings.defaults(okx), swap);
        assertEquals("https://www.okx.com/api/v5/market/books?instId=BTC-USDT-SWAP&sz=400", request.uri().toString());
        assertTrue(okx.bookSnapshotReader() != null && okx.newChecksum() != null);
    }

    @Test
    void shouldRefineSpotInstrumentsFromTheRecordedInstrumentsResponse() throws Exception
    {
        final List<Path> files = OkxRecordings.files("rest_instruments*.jsonl");
        assertFalse(files.isEmpty());
        for (final Path file : files)
        {
            final byte[] body = Files.readAllLines(file, StandardCharsets.UTF_8).getFirst()
                .getBytes(StandardCharsets.UTF_8);
            final List<OkxInstruments.Info> infos = OkxInstruments.parse(new UnsafeBuffer(body), 0, body.length);
            final JsonNode reference = MAPPER.readTree(body).get("data");
            assertEquals(reference.size(), infos.size());
            for (int i = 0; i < infos.size(); i++)
            {
                final JsonNode entry = reference.get(i);
                final OkxInstruments.Info info = infos.get(i);
                assertEquals(entry.get("instId").textValue(), info.instId());
                assertEquals(0, new java.math.BigDecimal(entry.get("tickSz").textValue())
                    .compareTo(java.math.BigDecimal.valueOf(info.tickSize(), -info.priceExponent())), info.instId());
                assertEquals(0, new java.math.BigDecimal(entry.get("lotSz").textValue())
                    .compareTo(java.math.BigDecimal.valueOf(info.lotSize(), -info.sizeExponent())), info.instId());
            }
            final InstrumentRegistry registry = new InstrumentRegistry();
            final Instrument btc = registry.intern(Venue.OKX, MarketType.SPOT, "BTC-USDT", "BTC-USDT");
            registry.intern(Venue.OKX, MarketType.PERPETUAL, "ETH-USDT", "ETH-USDT-PERP");
            final List<Instrument> refined = OkxInstruments.refine(registry, MarketType.SPOT, infos);
            assertEquals(1, refined.size());
            final Instrument after = registry.byIdOrNull(btc.id());
            assertEquals(-1, after.priceExponent());
            assertEquals(1, after.tickSize());
            assertEquals(-8, after.sizeExponent());
            assertEquals(1, after.lotSize());
        }
        final byte[] error = "{\"code\":\"51001\",\"msg\":\"x\",\"data\":[]}".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IllegalArgumentException.class, () -> OkxInstruments.parse(new UnsafeBuffer(error), 0,
            error.length));
    }
}
