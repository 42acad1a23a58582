package zvt.crypto.feed.okx;

import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.feed.book.BookChecksum;
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

/**
 * OKX v5 public market data (PROTOCOLS.md §2). Streams are {@code channel:instId} pairs; {@code candle*} and
 * {@code trades-all} are served by the business endpoint, the rest by the public one ({@link OkxChannel}), so they
 * travel on separate connection groups. {@code ws.url} is the endpoint's base ({@code wss://ws.okx.com:8443}); the
 * group's path ({@code /ws/v5/public}, {@code /ws/v5/business}) is appended. Symbols: spot {@code BTC-USDT} as is,
 * perpetual {@code BTC-USDT-PERP} ↔ {@code BTC-USDT-SWAP} (coin-margined {@code BTC-USD-PERP} ↔ {@code BTC-USD-SWAP});
 * futures and options are decoded when a recording names them, but not configurable. Stateless and thread-safe.
 */
public final class OkxAdapter implements VenueAdapter
{
    public static final String PUBLIC_PATH = "/ws/v5/public";
    public static final String BUSINESS_PATH = "/ws/v5/business";
    public static final String BOOKS_PATH = "/api/v5/market/books";
    public static final String INSTRUMENTS_PATH = "/api/v5/public/instruments";
    /** Levels of a REST book: 400 is the most {@code /market/books} gives, as deep as the WebSocket snapshot [recall]. */
    static final int REST_BOOK_DEPTH = 400;
    /**
     * A book without a WebSocket snapshot this long after its first update is started from REST instead; OKX
     * normally sends the snapshot right after the subscription and will stop doing so (changelog, 2026-08) [doc].
     */
    static final long REST_SNAPSHOT_DELAY_MS = 3_000;
    private static final String SWAP_SUFFIX = "-SWAP";
    private static final Logger LOG = LoggerFactory.getLogger(OkxAdapter.class);

    public Venue venue()
    {
        return Venue.OKX;
    }

    public Map<String, String> defaults()
    {
        return Map.of(
            "ws.url", "wss://ws.okx.com:8443",
            "rest.url", "https://www.okx.com",
            "symbols", "BTC-USDT,ETH-USDT",
            "channels", "trades,books,bbo-tbt,candle1m");
    }

    public String venueSymbol(final NormalizedSymbol symbol)
    {
        return switch (symbol.marketType())
        {
            case SPOT -> symbol.pair();
            case PERPETUAL -> symbol.pair() + SWAP_SUFFIX;
            default -> throw new IllegalArgumentException("OKX: only spot (BTC-USDT) and perpetual (BTC-USDT-PERP) " +
                "symbols can be configured, not " + symbol.marketType() + " " + symbol.pair());
        };
    }

    /**
     * @throws IllegalArgumentException for an unknown channel, or for two quote channels ({@code bbo-tbt},
     *                                  {@code books5}, {@code tickers}) on one instrument: their TopOfBooks would be
     *                                  ordered by different keys ({@code seqId} or exchange time) and drop each other
     *                                  as duplicates.
     */
    public List<VenueStream> streams(final Instrument instrument, final List<String> channels)
    {
        final List<VenueStream> streams = new ArrayList<>(channels.size());
        String quotes = null;
        for (final String name : channels)
        {
            final OkxChannel channel = OkxChannel.of(name);
            if (channel == null)
            {
                throw new IllegalArgumentException("OKX has no channel '" + name + "' here; known channels: " +
                    OkxChannel.channels().stream().map(OkxChannel::name).toList());
            }
            if (channel.kind() == OkxChannel.Kind.TOP_LEVELS || channel.kind() == OkxChannel.Kind.TICKER)
            {
                if (quotes != null)
                {
                    throw new IllegalArgumentException("OKX channels '" + quotes + "' and '" + name + "' both carry " +
                        "the best bid and offer; configure one of them");
                }
                quotes = name;
            }
            streams.add(new VenueStream(instrument.id(), instrument.venueSymbol(), name,
                name + ":" + instrument.venueSymbol(), channel.group(), channel.kind() == OkxChannel.Kind.BOOK));
        }
        return streams;
    }

    /**
     * OKX caps a subscribe message's args at 64 KB and a connection at 480 (un)subscribe requests an hour [2nd]; 100
     * args (about 5 KB) per message and 240 streams per connection keep both far away, resubscriptions included. The
     * venue states no per-second message limit for public channels: 2 a second is a conservative guess [judgement].
     */
    public ConnectionLimits limits()
    {
        return new ConnectionLimits(240, 2, 100);
    }

    public URI webSocketUri(final VenueSettings settings, final int group, final List<VenueStream> streams)
    {
        String base = settings.webSocketUrl();
        while (base.endsWith("/"))
        {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + (group == OkxChannel.BUSINESS ? BUSINESS_PATH : PUBLIC_PATH));
    }

    public List<String> subscribeMessages(final VenueSettings settings, final int group, final List<VenueStream> streams)
    {
        return messages("subscribe", streams);
    }

    public List<String> unsubscribeMessages(final List<VenueStream> streams)
    {
        return messages("unsubscribe", streams);
    }

    /**
     * OKX closes a connection that received nothing for 30 s; the client sends the text {@code ping} (answered by
     * {@code pong}) when it has heard nothing for less than that [2nd: OKX docs as quoted by third parties; close code
     * 4004 observed]. Pinging every 20 s and probing after 25 s of silence, dead 5 s later, stays inside the window.
     */
    public Keepalive keepalive()
    {
        return new Keepalive(20_000, "ping", 25_000, "ping", 5_000);
    }

    public DecodeError[] decodeErrors()
    {
        return OkxDecodeError.values();
    }

    public FrameDecoder newDecoder(final FeedPublisher publisher)
    {
        return new OkxDecoder(publisher);
    }

    /**
     * OKX books: a WebSocket snapshot then updates chained on {@code prevSeqId == last seqId} (never {@code seqId+1}:
     * one update may advance it by more; a post-maintenance reset with {@code seqId < prevSeqId} still chains; an
     * idle keep-alive has {@code seqId == prevSeqId}) [2nd]. A gap resubscribes for a fresh snapshot. Without a
     * WebSocket snapshot within {@link #REST_SNAPSHOT_DELAY_MS}, the book starts from REST {@code /market/books} with
     * the buffered updates: those with {@code seqId <= snapshot.seqId} are dropped and the first applied must satisfy
     * {@code prevSeqId <= snapshot.seqId < seqId}, which is the rule's NEXT_ID condition since an update's first id is
     * {@code prevSeqId + 1} [doc changelog excerpt].
     * <p>
     * Streams without ids (the 2021-22 recordings, and anything else that omits them): every message then has
     * {@code NO_ID} as its previous and last id, so each update "follows" the last one and the chain checks nothing;
     * gaps are found by the checksum alone (every non-zero checksum is verified; a mismatch is a gap and resubscribes).
     * Since 2026-06 OKX sends checksum 0, which is skipped [doc].
     */
    public BookRule newBookRule(final Instrument instrument)
    {
        return new SequencedBookRule(SequencedBookRule.Chain.PREVIOUS_ID, true, SequencedBookRule.FirstDelta.NEXT_ID,
            BookRule.Resync.RESUBSCRIBE, REST_SNAPSHOT_DELAY_MS);
    }

    public BookChecksum newChecksum()
    {
        return new OkxBookChecksum();
    }

    public RestRequest bookSnapshotRequest(final VenueSettings settings, final Instrument instrument)
    {
        final String rest = settings.restUrl();
        return rest == null ? null : RestRequest.get(rest, BOOKS_PATH)
            .query("instId", instrument.venueSymbol())
            .query("sz", REST_BOOK_DEPTH);
    }

    public SnapshotReader bookSnapshotReader()
    {
        return new OkxBookSnapshotReader();
    }

    /** {@code /market/books} allows 40 and {@code /public/instruments} 20 requests per 2 s per IP [recall]: 20. */
    public RequestWeightLimiter newRestLimiter()
    {
        return new RequestWeightLimiter(20, 2, TimeUnit.SECONDS);
    }

    public CompletableFuture<Void> refineInstruments(
        final RestClient client, final VenueSettings settings, final InstrumentRegistry registry,
        final List<Instrument> instruments)
    {
        final String rest = settings.restUrl();
        final List<CompletableFuture<?>> answers = new ArrayList<>();
        for (final MarketType marketType : List.of(MarketType.SPOT, MarketType.PERPETUAL))
        {
            if (rest == null || instruments.stream().noneMatch(i -> i.marketType() == marketType))
            {
                continue;
            }
            final String instType = marketType == MarketType.SPOT ? "SPOT" : "SWAP";
            answers.add(client.execute(RestRequest.get(rest, INSTRUMENTS_PATH).query("instType", instType))
                .handle((response, failure) ->
                {
                    try
                    {
                        if (failure != null)
                        {
                            throw failure;
                        }
                        final byte[] body = response.requireSuccess("OKX instruments " + instType).body();
                        final int refined = OkxInstruments.refine(registry, marketType,
                            OkxInstruments.parse(new UnsafeBuffer(body), 0, body.length)).size();
                        LOG.info("okx instruments {}: refined {} instruments", instType, refined);
                    }
                    catch (final Throwable ex)
                    {
                        // The reason alone: an answer the venue refused is not a bug of ours to trace.
                        LOG.warn("okx instruments {}: reference data unavailable, tick and lot sizes stay unknown: {}",
                            instType, ex.toString());
                    }
                    return null;
                }));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
    }

    private List<String> messages(final String op, final List<VenueStream> streams)
    {
        final int perMessage = limits().streamsPerSubscribe();
        final List<String> messages = new ArrayList<>();
        for (int from = 0; from < streams.size(); from += perMessage)
        {
            final StringBuilder json = new StringBuilder(64 + 48 * perMessage)
                .append("{\"op\":\"").append(op).append("\",\"args\":[");
            for (int i = from; i < Math.min(streams.size(), from + perMessage); i++)
            {
                final VenueStream stream = streams.get(i);
                json.append(i == from ? "" : ",").append("{\"channel\":\"").append(stream.channel())
                    .append("\",\"instId\":\"").append(stream.venueSymbol()).append("\"}");
            }
            messages.add(json.append("]}").toString());
        }
        return messages;
    }
}
