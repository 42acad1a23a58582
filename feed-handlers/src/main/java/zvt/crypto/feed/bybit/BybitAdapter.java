package zvt.crypto.feed.bybit;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bybit v5 public market data, spot and linear (USDT perpetuals), on the venue seam. Spot and linear are separate
 * endpoints ({@code <ws.url>/spot}, {@code <ws.url>/linear}), so they are two connection groups ({@link #SPOT},
 * {@link #LINEAR}); both spell BTC-USDT {@code BTCUSDT}, which is why the feed looks symbols up per group.
 * <p>
 * Channels, configured by their topic prefix: {@code publicTrade}; {@code orderbook.50} / {@code orderbook.200}
 * (the instrument's book: WebSocket snapshot then deltas, chained on {@code u}; a break resubscribes, since Bybit has
 * no REST merge procedure); {@code orderbook.1} (TopOfBook); {@code tickers} (TopOfBook from linear bid1/ask1;
 * spot tickers carry no bid or ask and publish nothing); {@code kline.<interval>} with intervals
 * {@code 1 3 5 15 30 60 120 240 360 720 D W M}. Stream names are {@code <channel>.<SYMBOL>}.
 * <p>
 * Stateless and thread-safe.
 */
public final class BybitAdapter implements VenueAdapter
{
    /** Connection group of {@code /v5/public/spot}. */
    public static final int SPOT = 0;
    /** Connection group of {@code /v5/public/linear}. */
    public static final int LINEAR = 1;
    /** Spot accepts at most 10 args per subscribe request (PROTOCOLS.md §3.1); linear is held to the same. */
    public static final int ARGS_PER_MESSAGE = 10;
    /** Bybit recommends a ping every 20 s. */
    public static final long PING_INTERVAL_MS = 20_000;
    public static final String PING = "{\"req_id\":\"ping\",\"op\":\"ping\"}";
    public static final String INSTRUMENTS_PATH = "/v5/market/instruments-info";
    public static final List<String> CHANNELS =
        List.of("publicTrade", "orderbook.1", "orderbook.50", "orderbook.200", "tickers", "kline.<interval>");

    private static final Logger LOG = LoggerFactory.getLogger(BybitAdapter.class);
    private static final Map<String, String> DEFAULTS = Map.of(
        "ws.url", "wss://stream.bybit.com/v5/public",
        "rest.url", "https://api.bybit.com",
        "symbols", "BTC-USDT,ETH-USDT",
        "channels", "publicTrade,orderbook.50,orderbook.1");
    /**
     * Streams per connection: Bybit caps the {@code args} of a connection at 21,000 characters; 500 topics of up to
     * ~30 characters stay well below.
     */
    private static final int MAX_STREAMS_PER_CONNECTION = 500;
    /**
     * Bybit documents no client message rate for public streams [uncertain]; subscribes are paced at 5 per second
     * per connection, which also keeps reconnect storms far below the 500 connections per 5 minutes IP limit.
     */
    private static final int CONTROL_MESSAGES_PER_SECOND = 5;
    /**
     * A connection with no inbound frame for 22 s is probed: the 20 s ping's pong always arrives within that on a
     * healthy connection, even one whose topics are quiet. Still silent 5 s after the probe ping: dead.
     */
    private static final Keepalive KEEPALIVE = new Keepalive(PING_INTERVAL_MS, PING, 22_000, PING, 5_000);
    /** Bybit's REST limit is 600 requests per 5 s per IP; use half of it. */
    private static final int REST_REQUESTS_PER_5S = 300;

    public Venue venue()
    {
        return Venue.BYBIT;
    }

    public Map<String, String> defaults()
    {
        return DEFAULTS;
    }

    /**
     * Spot {@code BTC-USDT} → {@code BTCUSDT} on the spot endpoint; perpetual {@code BTC-USDT-PERP} →
     * {@code BTCUSDT} on the linear endpoint. Only USDT-settled perpetuals: Bybit's USDC perpetuals have other
     * spellings ({@code BTCPERP} [recall]) and {@code BTC-USD-PERP} is an inverse contract, which this feed does not
     * connect to.
     */
    public String venueSymbol(final NormalizedSymbol symbol)
    {
        return switch (symbol.marketType())
        {
            case SPOT -> symbol.concatenated();
            case PERPETUAL ->
            {
                if (!"USDT".equals(symbol.quote()))
                {
                    throw new IllegalArgumentException("bybit perpetual '" + symbol + "' is not supported: only " +
                        "USDT-settled linear perpetuals (e.g. BTC-USDT-PERP)");
                }
                yield symbol.concatenated();
            }
            default -> throw new IllegalArgumentException("bybit does not trade '" + symbol + "' (" +
                symbol.marketType() + "): only spot (BTC-USDT) and linear perpetuals (BTC-USDT-PERP)");
        };
    }

    /**
     * @throws IllegalArgumentException for an unknown channel, two book depths for one instrument, or
     *                                  {@code orderbook.1} with {@code tickers} on a perpetual (both would publish
     *                                  its TopOfBook, numbered by {@code u} and by the cross sequence: the
     *                                  duplicate filter, one sequence per instrument, would drop one of them).
     */
    public List<VenueStream> streams(final Instrument instrument, final List<String> channels)
    {
        final int group = group(instrument.marketType());
        final List<VenueStream> streams = new ArrayList<>();
        String book = null;
        boolean levelOne = false;
        boolean tickers = false;
        for (final String channel : channels)
        {
            final boolean isBook = channel.equals("orderbook.50") || channel.equals("orderbook.200");
            if (!isBook && !channel.equals("publicTrade") && !channel.equals("orderbook.1") &&
                !channel.equals("tickers") && !isKline(channel))
            {
                throw new IllegalArgumentException("unknown bybit channel '" + channel + "'; known channels: " +
                    CHANNELS + " (intervals " + BybitIntervals.names() + ")");
            }
            if (isBook && book != null)
            {
                throw new IllegalArgumentException("bybit channels " + book + " and " + channel +
                    " both carry the book of " + instrument.symbol() + "; configure one depth");
            }
            book = isBook ? channel : book;
            levelOne |= channel.equals("orderbook.1");
            tickers |= channel.equals("tickers");
            streams.add(new VenueStream(instrument.id(), instrument.venueSymbol(), channel,
                channel + "." + instrument.venueSymbol(), group, isBook));
        }
        if (levelOne && tickers && group == LINEAR)
        {
            throw new IllegalArgumentException("bybit channels orderbook.1 and tickers both publish the top of book " +
                "of " + instrument.symbol() + " under different sequences; configure one of them");
        }
        return streams;
    }

    public ConnectionLimits limits()
    {
        return new ConnectionLimits(MAX_STREAMS_PER_CONNECTION, CONTROL_MESSAGES_PER_SECOND, ARGS_PER_MESSAGE);
    }

    public URI webSocketUri(final VenueSettings settings, final int group, final List<VenueStream> streams)
    {
        final String base = settings.webSocketUrl();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) +
            (group == SPOT ? "/spot" : "/linear"));
    }

    public List<String> subscribeMessages(
        final VenueSettings settings, final int group, final List<VenueStream> streams)
    {
        return messages("subscribe", streams);
    }

    public List<String> unsubscribeMessages(final List<VenueStream> streams)
    {
        return messages("unsubscribe", streams);
    }

    public Keepalive keepalive()
    {
        return KEEPALIVE;
    }

    public DecodeError[] decodeErrors()
    {
        return BybitDecodeError.values();
    }

    public FrameDecoder newDecoder(final FeedPublisher publisher)
    {
        return new BybitDecoder(publisher);
    }

    /**
     * Deltas chain on {@code u = previous u + 1} (seen on every delta of the 200-level recordings; the docs do not
     * promise it [empirical], so a break is treated as a loss and costs only a resubscription); a snapshot, or a
     * message with {@code u == 1}, replaces the book; no REST snapshots (Bybit offers no merge procedure);
     * a lost book resubscribes to get a fresh WebSocket snapshot.
     */
    public BookRule newBookRule(final Instrument instrument)
    {
        return new SequencedBookRule(SequencedBookRule.Chain.NEXT_ID, true, null, BookRule.Resync.RESUBSCRIBE, -1);
    }

    public RequestWeightLimiter newRestLimiter()
    {
        return new RequestWeightLimiter(REST_REQUESTS_PER_5S, 5, TimeUnit.SECONDS);
    }

    /** The instruments-info request of one instrument (its category and symbol), so no pagination is needed. */
    public static RestRequest instrumentsRequest(final String restUrl, final Instrument instrument)
    {
        return RestRequest.get(restUrl, INSTRUMENTS_PATH)
            .query("category", instrument.marketType() == MarketType.SPOT ? "spot" : "linear")
            .query("symbol", instrument.venueSymbol());
    }

    public CompletableFuture<Void> refineInstruments(
        final RestClient client, final VenueSettings settings, final InstrumentRegistry registry,
        final List<Instrument> instruments)
    {
        final List<CompletableFuture<?>> answers = new ArrayList<>();
        for (final Instrument instrument : settings.restUrl() == null ? List.<Instrument>of() : instruments)
        {
            answers.add(client.execute(instrumentsRequest(settings.restUrl(), instrument)).handle((response, failure) ->
            {
                try
                {
                    if (failure != null || !response.isSuccess())
                    {
                        LOG.warn("bybit instruments-info unavailable for {}, tick and lot sizes stay unknown: {}",
                            instrument.symbol(), failure != null ? failure.toString() :
                                response.status() + " " + response.abbreviatedBody());
                        return null;
                    }
                    final byte[] body = response.body();
                    BybitInstrumentsInfo.refine(registry, instrument.marketType(),
                        BybitInstrumentsInfo.parse(new UnsafeBuffer(body), 0, body.length));
                }
                catch (final RuntimeException ex)
                {
                    LOG.warn("bybit instruments-info for {} could not be applied", instrument.symbol(), ex);
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
    }

    /** The connection group of a market type: spot or linear endpoint. */
    public static int group(final MarketType marketType)
    {
        return switch (marketType)
        {
            case SPOT -> SPOT;
            case PERPETUAL -> LINEAR;
            default -> throw new IllegalArgumentException("bybit has no " + marketType + " endpoint in this feed");
        };
    }

    /** {@code {"op":"subscribe","args":[...]}} messages of at most {@link #ARGS_PER_MESSAGE} topics each. */
    private static List<String> messages(final String op, final List<VenueStream> streams)
    {
        final List<String> messages = new ArrayList<>();
        for (int from = 0; from < streams.size(); from += ARGS_PER_MESSAGE)
        {
            final StringBuilder message = new StringBuilder("{\"op\":\"").append(op).append("\",\"args\":[");
            for (int i = from; i < Math.min(streams.size(), from + ARGS_PER_MESSAGE); i++)
            {
                message.append(i == from ? "\"" : ",\"").append(streams.get(i).name()).append('"');
            }
            messages.add(message.append("]}").toString());
        }
        return messages;
    }

    private static boolean isKline(final String channel)
    {
        return channel.startsWith("kline.") && BybitIntervals.of(channel.substring("kline.".length())) != null;
    }
}
