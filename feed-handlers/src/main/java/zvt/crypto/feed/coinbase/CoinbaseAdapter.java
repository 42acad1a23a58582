package zvt.crypto.feed.coinbase;

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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Coinbase Advanced Trade public market data ({@code wss://advanced-trade-ws.coinbase.com}, PROTOCOLS.md §4.2), spot
 * only: channels {@code market_trades}, {@code level2}, {@code ticker} (or {@code ticker_batch}) and
 * {@code candles}, one stream per channel and product ({@code level2:BTC-USD}), all on one kind of connection.
 * <ul>
 *     <li>Subscribing: one channel per message, {@code {"type":"subscribe","product_ids":[...],"channel":"level2"}},
 *     no JWT for market data; every connection also subscribes {@code heartbeats} (first, so a connection whose
 *     other subscriptions are still being paced stays open: "most channels close within 60–90 s if no updates are
 *     sent"), and never unsubscribes it.</li>
 *     <li>Keepalive: the heartbeats (1 per second) are the traffic; a connection silent for
 *     {@value #SILENCE_MS} ms is probed with a WebSocket ping.</li>
 *     <li>Books: snapshots come in the stream, there is no per-product sequence (chain NONE) and no REST book; a
 *     lost book resubscribes. A loss is seen through the connection's {@code sequence_num}, which
 *     {@link CoinbaseDecoder} hands to {@link FeedPublisher#sessionSequence} (a gap resyncs the whole session).</li>
 *     <li>Reference data: {@code GET /api/v3/brokerage/market/products} ({@link CoinbaseProducts}).</li>
 * </ul>
 * Symbols: {@code BTC-USD} is {@code BTC-USD}. Stateless and thread-safe.
 */
public final class CoinbaseAdapter implements VenueAdapter
{
    public static final String MARKET_TRADES = "market_trades";
    public static final String LEVEL2 = "level2";
    public static final String TICKER = "ticker";
    public static final String TICKER_BATCH = "ticker_batch";
    public static final String CANDLES = "candles";
    public static final String HEARTBEATS = "heartbeats";
    public static final List<String> CHANNELS = List.of(MARKET_TRADES, LEVEL2, TICKER, TICKER_BATCH, CANDLES);
    public static final String PRODUCTS_PATH = "/api/v3/brokerage/market/products";
    static final long SILENCE_MS = 5_000;
    /**
     * Products named in one subscribe message. No limit is documented; kept small so one message stays well under
     * any frame limit. [uncertain]
     */
    static final int PRODUCTS_PER_MESSAGE = 25;
    /** No per-connection limit is documented; a conservative cap the runner shards by. [uncertain] */
    static final int STREAMS_PER_CONNECTION = 100;
    /**
     * "8 unauthenticated messages per second per IP" [doc]: the limit is per IP, not per connection, so a connection
     * keeps to half of it (a rotating session overlaps its successor) and one spare.
     */
    static final int MESSAGES_PER_SECOND = 3;

    private static final Logger LOG = LoggerFactory.getLogger(CoinbaseAdapter.class);
    private static final Map<String, String> DEFAULTS = Map.of(
        "ws.url", "wss://advanced-trade-ws.coinbase.com",
        "rest.url", "https://api.coinbase.com",
        "symbols", "BTC-USD,ETH-USD",
        "channels", String.join(",", MARKET_TRADES, LEVEL2, TICKER, CANDLES));

    public Venue venue()
    {
        return Venue.COINBASE;
    }

    public Map<String, String> defaults()
    {
        return DEFAULTS;
    }

    public String venueSymbol(final NormalizedSymbol symbol)
    {
        if (symbol.marketType() != MarketType.SPOT)
        {
            throw new IllegalArgumentException("Coinbase Advanced Trade market data is spot only: '" + symbol +
                "' is a " + symbol.marketType() + "; use " + symbol.pair());
        }
        return symbol.pair();
    }

    public List<VenueStream> streams(final Instrument instrument, final List<String> channels)
    {
        if (instrument.marketType() != MarketType.SPOT)
        {
            throw new IllegalArgumentException("Coinbase Advanced Trade market data is spot only, not " +
                instrument.marketType() + " " + instrument.symbol());
        }
        final List<VenueStream> streams = new ArrayList<>(channels.size());
        for (final String channel : channels)
        {
            if (!CHANNELS.contains(channel))
            {
                throw new IllegalArgumentException("unknown coinbase channel '" + channel + "'; known channels: " +
                    CHANNELS + (HEARTBEATS.equals(channel) ? " (heartbeats is always subscribed)" : ""));
            }
            streams.add(new VenueStream(instrument.id(), instrument.venueSymbol(), channel,
                channel + ":" + instrument.venueSymbol(), 0, LEVEL2.equals(channel)));
        }
        return streams;
    }

    public ConnectionLimits limits()
    {
        return new ConnectionLimits(STREAMS_PER_CONNECTION, MESSAGES_PER_SECOND, PRODUCTS_PER_MESSAGE);
    }

    public URI webSocketUri(final VenueSettings settings, final int group, final List<VenueStream> streams)
    {
        return URI.create(settings.webSocketUrl());
    }

    /** {@code heartbeats} for every product of the connection first, then each channel's products. */
    public List<String> subscribeMessages(
        final VenueSettings settings, final int group, final List<VenueStream> streams)
    {
        final Set<String> products = new LinkedHashSet<>();
        streams.forEach(stream -> products.add(stream.venueSymbol()));
        final List<String> messages = new ArrayList<>();
        if (!products.isEmpty())
        {
            messages.add(message("subscribe", HEARTBEATS, List.copyOf(products)));
        }
        messages.addAll(channelMessages("subscribe", streams));
        return messages;
    }

    public List<String> unsubscribeMessages(final List<VenueStream> streams)
    {
        return channelMessages("unsubscribe", streams);
    }

    public Keepalive keepalive()
    {
        return new Keepalive(0, null, SILENCE_MS, null, SILENCE_MS);
    }

    public DecodeError[] decodeErrors()
    {
        return CoinbaseDecodeError.values();
    }

    public FrameDecoder newDecoder(final FeedPublisher publisher)
    {
        return new CoinbaseDecoder(publisher);
    }

    public BookRule newBookRule(final Instrument instrument)
    {
        return new SequencedBookRule(SequencedBookRule.Chain.NONE, true, null, BookRule.Resync.RESUBSCRIBE, -1);
    }

    /** Public endpoints: 10 requests per second per IP. [recall: not in the stored doc pages] */
    public RequestWeightLimiter newRestLimiter()
    {
        return new RequestWeightLimiter(10, 1, TimeUnit.SECONDS);
    }

    public CompletableFuture<Void> refineInstruments(
        final RestClient client, final VenueSettings settings, final InstrumentRegistry registry,
        final List<Instrument> instruments)
    {
        if (settings.restUrl() == null || instruments.isEmpty())
        {
            return CompletableFuture.completedFuture(null);
        }
        final RestRequest request = productsRequest(settings.restUrl(), instruments);
        return client.execute(request).thenAccept(response ->
        {
            if (!response.isSuccess())
            {
                LOG.warn("coinbase reference data failed: {}; tick and lot sizes stay unknown", response);
                return;
            }
            final byte[] body = response.body();
            final int refined = CoinbaseProducts.refine(
                registry, CoinbaseProducts.parse(new UnsafeBuffer(body), 0, body.length)).size();
            LOG.info("coinbase reference data: {} of {} instruments refined", refined, instruments.size());
        }).exceptionally(failure ->
        {
            LOG.warn("coinbase reference data failed ({}); tick and lot sizes stay unknown", request, failure);
            return null;
        });
    }

    /** {@code GET /api/v3/brokerage/market/products?product_ids=BTC-USD&product_ids=ETH-USD}. */
    public static RestRequest productsRequest(final String restUrl, final List<Instrument> instruments)
    {
        final RestRequest request = RestRequest.get(restUrl, PRODUCTS_PATH);
        instruments.forEach(instrument -> request.query("product_ids", instrument.venueSymbol()));
        return request;
    }

    private static List<String> channelMessages(final String type, final List<VenueStream> streams)
    {
        final Map<String, List<String>> byChannel = new LinkedHashMap<>();
        streams.forEach(stream ->
            byChannel.computeIfAbsent(stream.channel(), channel -> new ArrayList<>()).add(stream.venueSymbol()));
        final List<String> messages = new ArrayList<>();
        byChannel.forEach((channel, products) ->
        {
            for (int from = 0; from < products.size(); from += PRODUCTS_PER_MESSAGE)
            {
                messages.add(message(type, channel,
                    products.subList(from, Math.min(products.size(), from + PRODUCTS_PER_MESSAGE))));
            }
        });
        return messages;
    }

    private static String message(final String type, final String channel, final List<String> products)
    {
        final StringBuilder json = new StringBuilder("{\"type\":\"").append(type).append("\",\"product_ids\":[");
        for (int i = 0; i < products.size(); i++)
        {
            json.append(i == 0 ? "\"" : ",\"").append(products.get(i)).append('"');
        }
        return json.append("],\"channel\":\"").append(channel).append("\"}").toString();
    }
}
