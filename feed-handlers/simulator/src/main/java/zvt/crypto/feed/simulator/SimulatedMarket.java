package zvt.crypto.feed.simulator;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The simulated exchange: one {@link SyntheticSymbol} per symbol, shared by every connection (an update id or a trade
 * id means the same thing to all subscribers), advanced only while someone subscribes to one of its streams, with
 * the venue's {@link WireEncoder} beside it. Each tick runs the market steps due at the configured total rate,
 * round-robin over the active symbols; the encoder writes each event's messages once and they go to the connections
 * subscribed to their stream; due klines are pushed, and each connection is flushed once. Venue-neutral: what a
 * stream name means and how messages look are the {@link VenueProtocol}'s. Used on the simulator's event loop only.
 */
public final class SimulatedMarket
{
    /** A stalled loop catches up at most this much, rather than bursting. */
    private static final long MAX_CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final BinanceSimulatorContext context;
    private final VenueProtocol protocol;
    private final SimulatorCounters counters;
    private final FaultLog faultLog;
    private final EpochClock clock;
    private final Map<String, SymbolState> symbols = new HashMap<>();
    private final List<SymbolState> active = new ArrayList<>();
    private final Set<SimulatorSession> sessions = new LinkedHashSet<>();
    private final SessionSink sessionSink = new SessionSink();
    private long lastTickNanos;
    private long carry;
    private int nextSymbol;
    private long stalledUntilNanos;
    private long unresponsiveUntilNanos;
    private long nextConnectionId;

    SimulatedMarket(
        final BinanceSimulatorContext context,
        final VenueProtocol protocol,
        final SimulatorCounters counters,
        final FaultLog faultLog)
    {
        this.context = context;
        this.protocol = protocol;
        this.counters = counters;
        this.faultLog = faultLog;
        this.clock = context.epochClock();
    }

    long addSession(final SimulatorSession session)
    {
        sessions.add(session);
        return ++nextConnectionId;
    }

    void removeSession(final SimulatorSession session)
    {
        sessions.remove(session);
        for (int i = active.size() - 1; i >= 0; i--)
        {
            final SymbolState symbol = active.get(i);
            for (final MarketStream stream : symbol.streams)
            {
                stream.sessions().remove(session);
            }
            symbol.dropUnsubscribedStreams();
            if (symbol.streams.isEmpty())
            {
                active.remove(i);
            }
        }
    }

    /**
     * Starts sending the stream to the session, after the snapshot the venue sends on subscribe (if any); names the
     * simulator does not serve are accepted but silent.
     */
    void subscribe(final SimulatorSession session, final String streamName)
    {
        final StreamRef ref = protocol.parseStream(streamName);
        if (ref == null || context.replay() != null)
        {
            return;
        }
        final SymbolState symbol = symbol(ref.venueSymbol());
        MarketStream stream = null;
        for (final MarketStream candidate : symbol.streams)
        {
            if (candidate.name().equals(streamName))
            {
                stream = candidate;
            }
        }
        if (stream == null)
        {
            stream = new MarketStream(streamName, ref);
            symbol.streams.add(stream);
        }
        if (!stream.sessions().contains(session))
        {
            stream.sessions().add(session);
            sessionSink.wrap(session, stream);
            symbol.encoder.onSubscribe(ref.kind(), ref.variant(), symbol.generator, clock.time(), sessionSink);
        }
        if (!active.contains(symbol))
        {
            active.add(symbol);
        }
    }

    void unsubscribe(final SimulatorSession session, final String streamName)
    {
        final StreamRef ref = protocol.parseStream(streamName);
        final SymbolState symbol = ref == null ? null : symbols.get(ref.venueSymbol().toUpperCase(Locale.ROOT));
        if (symbol == null)
        {
            return;
        }
        for (final MarketStream stream : symbol.streams)
        {
            if (stream.name().equals(streamName))
            {
                stream.sessions().remove(session);
            }
        }
        symbol.dropUnsubscribedStreams();
        if (symbol.streams.isEmpty())
        {
            active.remove(symbol);
        }
    }

    /** The symbol's market, created (at its seeded start) on first use. */
    SymbolState symbol(final String venueSymbolAnyCase)
    {
        final String venueSymbol = venueSymbolAnyCase.toUpperCase(Locale.ROOT);
        return symbols.computeIfAbsent(venueSymbol, s -> new SymbolState(new SyntheticSymbol(
            context.instrument(s), context.seed(), context.bookLevels(), context.historyEntries())));
    }

    /** The symbol's book now (for REST snapshots), its market created on first use. */
    public SyntheticSymbol book(final String venueSymbol)
    {
        return symbol(venueSymbol).generator;
    }

    /** Symbols created so far (by a subscription, a snapshot or a ground-truth query). */
    public List<SimulatedInstrument> instruments()
    {
        return symbols.values().stream().map(s -> s.generator.instrument()).toList();
    }

    Set<SimulatorSession> sessions()
    {
        return sessions;
    }

    void closeAllSessions()
    {
        for (final SimulatorSession session : new ArrayList<>(sessions))
        {
            session.drop();
        }
    }

    /** Stops generating and sending until {@code nanoTime}; the market resumes where it stopped. */
    void stallUntil(final long nanoTime)
    {
        stalledUntilNanos = Math.max(stalledUntilNanos, nanoTime);
    }

    /**
     * Stops generating and sending until {@code nanoTime}, and answering too: a stuck venue process answers no
     * control request and no ping while its sockets stay open.
     */
    void stallUnresponsiveUntil(final long nanoTime)
    {
        stallUntil(nanoTime);
        unresponsiveUntilNanos = Math.max(unresponsiveUntilNanos, nanoTime);
    }

    /** True while stalled unresponsive ({@link #stallUnresponsiveUntil}). */
    boolean isUnresponsive()
    {
        return System.nanoTime() < unresponsiveUntilNanos;
    }

    /** Runs the market steps due since the last tick and sends their messages. */
    void onTick()
    {
        final long nowNanos = System.nanoTime();
        if (nowNanos < stalledUntilNanos)
        {
            lastTickNanos = nowNanos;
            return;
        }
        final long elapsed = lastTickNanos == 0 ? 0 : Math.min(nowNanos - lastTickNanos, MAX_CATCH_UP_NANOS);
        lastTickNanos = nowNanos;
        if (active.isEmpty())
        {
            carry = 0;
            return;
        }
        carry += elapsed * context.messagesPerSecond();
        final long due = carry / NANOS_PER_SECOND;
        carry -= due * NANOS_PER_SECOND;

        final long nowMs = clock.time();
        runSteps(due, nowMs);
        for (int i = 0; i < active.size(); i++)
        {
            final SymbolState symbol = active.get(i);
            for (final MarketStream stream : symbol.streams)
            {
                if (stream.kind() == StreamKind.KLINE)
                {
                    stream.pushIfDue(nowMs, context.klinePushIntervalMs(), symbol.encoder);
                }
            }
        }
        final TradeSends sends = context.tradeSends();
        if (sends != null)
        {
            sends.onSend();
        }
        flushAll();
    }

    /** Runs {@code steps} market steps over the active symbols; package-private for the throughput measurement. */
    void runSteps(final long steps, final long nowMs)
    {
        for (long i = 0; i < steps && !active.isEmpty(); i++)
        {
            if (nextSymbol >= active.size())
            {
                nextSymbol = 0;
            }
            final SymbolState symbol = active.get(nextSymbol++);
            symbol.generator.step(nowMs, symbol);
            counters.incrementStepsGenerated();
        }
    }

    public BinanceSimulatorContext context()
    {
        return context;
    }

    /** Sends what every connection has batched, so a REST answer never runs ahead of the streams. */
    public void flushAll()
    {
        for (final SimulatorSession session : sessions)
        {
            session.flushBatch();
        }
    }

    public FaultLog faultLog()
    {
        return faultLog;
    }

    /**
     * A symbol's generator, its venue encoder and its subscribed streams; routes the encoder's messages to the
     * streams of their kind and variant, and trades to the candles of its kline streams.
     */
    final class SymbolState implements MarketListener, WireSink
    {
        final SyntheticSymbol generator;
        final WireEncoder encoder;
        final List<MarketStream> streams = new ArrayList<>();

        SymbolState(final SyntheticSymbol generator)
        {
            this.generator = generator;
            this.encoder = protocol.newEncoder(generator.instrument(), this, SimulatedMarket.this);
        }

        public void onTrade(
            final long tradeId, final long aggregateId, final long price, final long quantity, final long timeMs,
            final boolean buyerIsMaker)
        {
            final TradeSends sends = context.tradeSends();
            if (sends != null)
            {
                sends.onTrade(protocol.name(), generator.instrument().venueSymbol(), tradeId);
            }
            encoder.onTrade(tradeId, aggregateId, price, quantity, timeMs, buyerIsMaker);
            for (int i = 0; i < streams.size(); i++)
            {
                final MarketStream stream = streams.get(i);
                if (stream.kind() == StreamKind.KLINE)
                {
                    stream.onTrade(price, quantity, timeMs, tradeId, buyerIsMaker, encoder);
                }
            }
        }

        public void onBookChange(final BookChange change, final BookView book)
        {
            encoder.onBookChange(change, book);
        }

        public void onTopOfBook(
            final long updateId, final long bidPrice, final long bidSize, final long askPrice, final long askSize,
            final long timeMs)
        {
            encoder.onTopOfBook(updateId, bidPrice, bidSize, askPrice, askSize, timeMs);
        }

        public boolean wants(final StreamKind kind, final int variant)
        {
            for (int i = 0; i < streams.size(); i++)
            {
                final StreamRef ref = streams.get(i).ref();
                if (ref.kind() == kind && ref.variant() == variant)
                {
                    return true;
                }
            }
            return false;
        }

        public void emit(
            final StreamKind kind, final int variant, final DirectBuffer payload, final int length,
            final int spliceAt, final long first, final long last)
        {
            counters.incrementGenerated(kind);
            for (int i = 0; i < streams.size(); i++)
            {
                final MarketStream stream = streams.get(i);
                final StreamRef ref = stream.ref();
                if (ref.kind() == kind && ref.variant() == variant)
                {
                    stream.emit(kind, variant, payload, length, spliceAt, first, last);
                }
            }
        }

        void dropUnsubscribedStreams()
        {
            streams.removeIf(stream -> stream.sessions().isEmpty());
        }
    }

    /** Sends an encoder's messages to one connection of one stream: the snapshot a venue sends on subscribe. */
    private static final class SessionSink implements WireSink
    {
        private SimulatorSession session;
        private MarketStream stream;

        void wrap(final SimulatorSession session, final MarketStream stream)
        {
            this.session = session;
            this.stream = stream;
        }

        public boolean wants(final StreamKind kind, final int variant)
        {
            return true;
        }

        public void emit(
            final StreamKind kind, final int variant, final DirectBuffer payload, final int length,
            final int spliceAt, final long first, final long last)
        {
            session.send(kind, stream.nameBytes(), stream.venueSymbol(), stream, payload, length, spliceAt, first,
                last);
        }
    }
}
