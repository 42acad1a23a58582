package zvt.crypto.feed.binance;

import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.feed.book.BookRule;
import zvt.crypto.feed.book.SequencedBookRule;
import zvt.crypto.feed.book.SnapshotReader;
import zvt.crypto.feed.connection.DecodeError;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.rest.RequestWeightLimiter;
import zvt.crypto.feed.rest.RestClient;
import zvt.crypto.feed.rest.RestRequest;
import zvt.crypto.feed.venue.ConnectionLimits;
import zvt.crypto.feed.venue.FrameDecoder;
import zvt.crypto.feed.venue.Keepalive;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueSettings;
import zvt.crypto.feed.venue.VenueStream;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Binance spot and USD-M perpetuals. Streams ({@code btcusdt@trade}) travel in combined-stream connections of at
 * most 1,024 streams: the first in the address, the rest in SUBSCRIBE requests paced at 4/s (Binance allows 5 client
 * messages/s, pongs included). Spot and USD-M are different hosts, so different connection groups. The server pings
 * every 20 s; a connection silent for 10 s is probed with a ping frame. Books are synchronized from REST snapshots:
 * spot by {@code U == previous u + 1}, USD-M by {@code pu == previous u} with the futures first-event rule.
 * Channels: {@code trade}, {@code aggTrade} (not both: each carries every execution), {@code bookTicker},
 * {@code depth}, {@code depth@100ms}, {@code kline_<interval>}.
 */
public final class BinanceAdapter implements VenueAdapter
{
    public static final int SPOT = 0;
    public static final int USD_M = 1;
    private static final Logger LOG = LoggerFactory.getLogger(BinanceAdapter.class);
    /** Streams in the URL up to this length; beyond, SUBSCRIBE requests. */
    private static final int MAX_URL_LENGTH = 2_000;
    private static final int REST_WEIGHT_PER_MINUTE = 6_000;
    private static final int EXCHANGE_INFO_WEIGHT = 20;
    private static final Map<String, String> DEFAULTS = Map.of(
        "ws.url", "wss://stream.binance.com:9443",
        "rest.url", "https://api.binance.com",
        "perp.ws.url", "wss://fstream.binance.com",
        "perp.rest.url", "https://fapi.binance.com",
        "symbols", "BTC-USDT,ETH-USDT",
        "channels", "trade,bookTicker,depth@100ms,kline_1m",
        "depth.snapshot.limit", "1000");

    private final AtomicLong requestIds = new AtomicLong();

    public Venue venue()
    {
        return Venue.BINANCE;
    }

    public Map<String, String> defaults()
    {
        return DEFAULTS;
    }

    public String venueSymbol(final NormalizedSymbol symbol)
    {
        return symbol.concatenated();
    }

    public List<VenueStream> streams(final Instrument instrument, final List<String> channels)
    {
        if (channels.contains("trade") && channels.contains("aggTrade"))
        {
            throw new IllegalArgumentException("binance.channels: subscribe to trade or aggTrade, not both: each " +
                "publishes the same executions as Trade events");
        }
        final int group = instrument.marketType() == MarketType.PERPETUAL ? USD_M : SPOT;
        final List<VenueStream> streams = new ArrayList<>();
        for (final String channel : channels)
        {
            if (!isKnownChannel(channel))
            {
                throw new IllegalArgumentException("binance.channels: unknown channel '" + channel + "'; known: " +
                    "trade, aggTrade, bookTicker, depth, depth@100ms, kline_<1s|1m|3m|5m|15m|30m|1h|...|1M>");
            }
            streams.add(new VenueStream(instrument.id(), instrument.venueSymbol(), channel,
                BinanceStreams.stream(instrument.venueSymbol(), channel), group, isDepth(channel)));
        }
        return streams;
    }

    public ConnectionLimits limits()
    {
        return new ConnectionLimits(1024, 4, 200);
    }

    public URI webSocketUri(final VenueSettings settings, final int group, final List<VenueStream> streams)
    {
        final String base = baseUri(settings, group);
        return BinanceStreams.combinedStreamUri(base, names(streams.subList(0, streamsInUrl(base, streams))));
    }

    public List<String> subscribeMessages(
        final VenueSettings settings, final int group, final List<VenueStream> streams)
    {
        return requests("SUBSCRIBE", streams.subList(streamsInUrl(baseUri(settings, group), streams), streams.size()));
    }

    public List<String> unsubscribeMessages(final List<VenueStream> streams)
    {
        return requests("UNSUBSCRIBE", streams);
    }

    public Keepalive keepalive()
    {
        return new Keepalive(0, null, 10_000, null, 5_000);
    }

    public DecodeError[] decodeErrors()
    {
        return BinanceFrameError.values();
    }

    public FrameDecoder newDecoder(final FeedPublisher publisher)
    {
        return new BinanceDecoder(publisher);
    }

    public BookRule newBookRule(final Instrument instrument)
    {
        return instrument.marketType() == MarketType.PERPETUAL ?
            new SequencedBookRule(SequencedBookRule.Chain.PREVIOUS_ID, false, SequencedBookRule.FirstDelta.SNAPSHOT_ID,
                BookRule.Resync.REST_SNAPSHOT, 0) :
            new SequencedBookRule(SequencedBookRule.Chain.NEXT_ID, false, SequencedBookRule.FirstDelta.NEXT_ID,
                BookRule.Resync.REST_SNAPSHOT, 0);
    }

    public RestRequest bookSnapshotRequest(final VenueSettings settings, final Instrument instrument)
    {
        final int limit = settings.getInt("depth.snapshot.limit", 1000);
        final boolean perpetual = instrument.marketType() == MarketType.PERPETUAL;
        return RestRequest.get(perpetual ? settings.get("perp.rest.url") : settings.restUrl(),
                perpetual ? "/fapi/v1/depth" : "/api/v3/depth")
            .query("symbol", instrument.venueSymbol())
            .query("limit", limit)
            .weight(perpetual ? futuresDepthWeight(limit) : spotDepthWeight(limit));
    }

    public SnapshotReader bookSnapshotReader()
    {
        return new BinanceSnapshotReader();
    }

    public RequestWeightLimiter newRestLimiter()
    {
        return new RequestWeightLimiter(REST_WEIGHT_PER_MINUTE, 1, TimeUnit.MINUTES);
    }

    public CompletableFuture<Void> refineInstruments(
        final RestClient client, final VenueSettings settings, final InstrumentRegistry registry,
        final List<Instrument> instruments)
    {
        final CompletableFuture<Void> spot =
            refine(client, settings.restUrl(), "/api/v3/exchangeInfo", MarketType.SPOT, registry);
        if (instruments.stream().noneMatch(i -> i.marketType() == MarketType.PERPETUAL))
        {
            return spot;
        }
        return CompletableFuture.allOf(spot,
            refine(client, settings.get("perp.rest.url"), "/fapi/v1/exchangeInfo", MarketType.PERPETUAL, registry));
    }

    /** Binance spot request weight of a depth request. */
    static int spotDepthWeight(final int limit)
    {
        return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
    }

    private static int futuresDepthWeight(final int limit)
    {
        return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
    }

    private static CompletableFuture<Void> refine(
        final RestClient client, final String restUri, final String path, final MarketType marketType,
        final InstrumentRegistry registry)
    {
        if (restUri == null)
        {
            return CompletableFuture.completedFuture(null);
        }
        return client.execute(RestRequest.get(restUri, path).weight(EXCHANGE_INFO_WEIGHT)).handle((response, failure) ->
        {
            try
            {
                if (failure != null || !response.isSuccess())
                {
                    LOG.warn("binance {} unavailable, tick and lot sizes stay unknown: {}", path,
                        failure != null ? failure.toString() : response.status() + " " + response.abbreviatedBody());
                    return null;
                }
                final byte[] body = response.body();
                final int refined = BinanceExchangeInfo.refine(registry, marketType,
                    BinanceExchangeInfo.parse(new UnsafeBuffer(body), 0, body.length)).size();
                LOG.info("binance {}: refined {} {} instruments", path, refined, marketType);
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("binance {} could not be applied", path, ex);
            }
            return null;
        });
    }

    private static String baseUri(final VenueSettings settings, final int group)
    {
        return group == USD_M ? settings.get("perp.ws.url") : settings.webSocketUrl();
    }

    /** How many of the streams go in the address: as many as keep it short, at least one. */
    private static int streamsInUrl(final String base, final List<VenueStream> streams)
    {
        int urlLength = base.length() + BinanceStreams.COMBINED_PATH.length() + 9;
        int count = 0;
        for (final VenueStream stream : streams)
        {
            urlLength += stream.name().length() + 1;
            if (count > 0 && urlLength > MAX_URL_LENGTH)
            {
                break;
            }
            count++;
        }
        return count;
    }

    private List<String> requests(final String method, final List<VenueStream> streams)
    {
        final List<String> requests = new ArrayList<>();
        final int perRequest = limits().streamsPerSubscribe();
        for (int from = 0; from < streams.size(); from += perRequest)
        {
            requests.add(BinanceStreams.request(method,
                names(streams.subList(from, Math.min(streams.size(), from + perRequest))),
                requestIds.incrementAndGet()));
        }
        return requests;
    }

    private static List<String> names(final List<VenueStream> streams)
    {
        return streams.stream().map(VenueStream::name).toList();
    }

    private static boolean isDepth(final String channel)
    {
        return channel.equals("depth") || channel.startsWith("depth@");
    }

    private static boolean isKnownChannel(final String channel)
    {
        return channel.equals("trade") || channel.equals("aggTrade") || channel.equals("bookTicker") ||
            channel.equals("depth") || channel.equals("depth@100ms") ||
            channel.startsWith("kline_") && BinanceIntervals.of(channel.substring(6)) != null;
    }
}
