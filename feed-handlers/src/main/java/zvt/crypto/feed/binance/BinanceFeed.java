package zvt.crypto.feed.binance;

import io.netty.channel.Channel;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.feed.connection.DecodeErrorLog;
import zvt.crypto.feed.connection.FeedConnection;
import zvt.crypto.feed.connection.FeedContext;
import zvt.crypto.feed.connection.FeedCounters;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The Binance spot trade feed: interns the configured symbols as SPOT instruments, opens one combined-stream
 * connection ({@code /stream?streams=btcusdt@trade/...}) and decodes its frames into the ring with a
 * {@link BinanceTradeAdapter}. Subscriptions are carried by the URL, so every session reports SUBSCRIBED for each
 * instrument as soon as it opens; a reconnect resubscribes the same way.
 * <p>
 * {@link #launch} and {@link #close} may be called from any thread; the counters and accessors are thread-safe.
 */
public final class BinanceFeed implements AutoCloseable
{
    private final FeedContext context;
    private final List<Instrument> instruments;
    private final List<String> streams;
    private final FeedCounters counters = new FeedCounters();
    private final BinanceTradeAdapter adapter;
    private final FeedConnection connection;

    private BinanceFeed(final FeedContext context)
    {
        this.context = context;
        adapter = new BinanceTradeAdapter(context.ringBuffer(), context.clock(), counters);
        final List<Instrument> interned = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        for (final String symbol : context.symbols())
        {
            final Instrument instrument = context.instrumentRegistry().intern(
                Venue.BINANCE, MarketType.SPOT, BinanceStreams.venueSymbol(symbol), symbol);
            adapter.addSymbol(instrument.venueSymbol(), instrument.id());
            interned.add(instrument);
            names.add(BinanceStreams.tradeStream(symbol));
        }
        instruments = List.copyOf(interned);
        streams = List.copyOf(names);
        connection = new FeedConnection(
            context,
            BinanceStreams.combinedStreamUri(context.webSocketUri(), streams),
            adapter,
            this::onSessionOpen,
            counters);
    }

    /**
     * Interns the instruments and starts connecting (in the background).
     *
     * @param context venue BINANCE (set here if unset), base URL, symbols, ring, registry and status publisher.
     * @throws IllegalArgumentException if the context is incomplete or invalid.
     */
    public static BinanceFeed launch(final FeedContext context)
    {
        if (context.venue() == null)
        {
            context.venue(Venue.BINANCE);
        }
        if (context.conclude().venue() != Venue.BINANCE)
        {
            throw new IllegalArgumentException("a Binance feed needs venue BINANCE, not " + context.venue());
        }
        final BinanceFeed feed = new BinanceFeed(context);
        feed.connection.start();
        return feed;
    }

    /** The instruments this feed subscribes, in configuration order. */
    public List<Instrument> instruments()
    {
        return instruments;
    }

    /** The combined-stream address the feed connects to. */
    public URI uri()
    {
        return connection.uri();
    }

    public boolean isConnected()
    {
        return connection.isOpen();
    }

    public FeedCounters counters()
    {
        return counters;
    }

    /** Rejected frames by {@link BinanceTradeError}. */
    public DecodeErrorLog decodeErrors()
    {
        return adapter.errors();
    }

    /** Closes the connection (publishing DISCONNECTED); close it before the ring. */
    public void close()
    {
        connection.close();
    }

    private void onSessionOpen(final Channel channel)
    {
        for (int i = 0; i < instruments.size(); i++)
        {
            context.controlEventPublisher().publishStatus(
                Venue.BINANCE, instruments.get(i).id(), VenueStatusCode.SUBSCRIBED, streams.get(i));
        }
    }
}
