package zvt.crypto.feed.simulator;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.json.JsonWriter;

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
 * id means the same thing to all subscribers), advanced only while someone subscribes to one of its streams. Each
 * tick runs the market steps due at the configured total rate, round-robin over the active symbols, writes each
 * message to the connections subscribed to its stream, pushes due klines, and flushes each connection once.
 * Used on the simulator's event loop only.
 */
final class SimulatedMarket
{
    /** A stalled loop catches up at most this much, rather than bursting. */
    private static final long MAX_CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final BinanceSimulatorContext context;
    private final SimulatorCounters counters;
    private final FaultLog faultLog;
    private final EpochClock clock;
    private final Map<String, SymbolState> symbols = new HashMap<>();
    private final List<SymbolState> active = new ArrayList<>();
    private final Set<SimulatorSession> sessions = new LinkedHashSet<>();
    private final JsonWriter klineWriter = new JsonWriter();
    private final UnsafeBuffer klinePayload = new UnsafeBuffer(new byte[1024]);
    private long lastTickNanos;
    private long carry;
    private int nextSymbol;
    private long stalledUntilNanos;
    private long nextConnectionId;

    SimulatedMarket(final BinanceSimulatorContext context, final SimulatorCounters counters, final FaultLog faultLog)
    {
        this.context = context;
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

    /** Starts sending the stream to the session; names the simulator does not serve are accepted but silent. */
    void subscribe(final SimulatorSession session, final String streamName)
    {
        final StreamKind kind = StreamKind.ofStreamName(streamName);
        if (kind == null || context.replay() != null)
        {
            return;
        }
        final SymbolState symbol = symbol(streamName.substring(0, streamName.indexOf('@')));
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
            stream = new MarketStream(streamName, kind, symbol.generator.venueSymbol());
            symbol.streams.add(stream);
        }
        if (!stream.sessions().contains(session))
        {
            stream.sessions().add(session);
        }
        if (!active.contains(symbol))
        {
            active.add(symbol);
        }
    }

    void unsubscribe(final SimulatorSession session, final String streamName)
    {
        final int at = streamName.indexOf('@');
        final SymbolState symbol = at <= 0 ? null : symbols.get(streamName.substring(0, at).toUpperCase(Locale.ROOT));
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

    /** Symbols created so far (by a subscription, a snapshot or a ground-truth query). */
    List<SimulatedInstrument> instruments()
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
            for (final MarketStream stream : active.get(i).streams)
            {
                if (stream.kind() == StreamKind.KLINE)
                {
                    stream.pushIfDue(nowMs, context.klinePushIntervalMs(), klineWriter, klinePayload);
                }
            }
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

    void flushAll()
    {
        for (final SimulatorSession session : sessions)
        {
            session.flushBatch();
        }
    }

    FaultLog faultLog()
    {
        return faultLog;
    }

    /** A symbol's generator and its subscribed streams; routes the generator's messages to them. */
    final class SymbolState implements SyntheticSymbol.Emitter
    {
        final SyntheticSymbol generator;
        final List<MarketStream> streams = new ArrayList<>();

        SymbolState(final SyntheticSymbol generator)
        {
            this.generator = generator;
        }

        public void emit(
            final StreamKind kind, final MutableDirectBuffer payload, final int length, final long first,
            final long last)
        {
            counters.incrementGenerated(kind);
            for (int i = 0; i < streams.size(); i++)
            {
                final MarketStream stream = streams.get(i);
                if (stream.kind() == kind)
                {
                    stream.send(payload, length, first, last);
                }
            }
        }

        public void onTrade(
            final long price, final long quantity, final long timeMs, final long tradeId, final boolean buyerIsMaker)
        {
            for (int i = 0; i < streams.size(); i++)
            {
                final MarketStream stream = streams.get(i);
                if (stream.kind() == StreamKind.KLINE)
                {
                    stream.onTrade(price, quantity, timeMs, tradeId, buyerIsMaker, klineWriter, klinePayload);
                }
            }
        }

        void dropUnsubscribedStreams()
        {
            streams.removeIf(stream -> stream.sessions().isEmpty());
        }
    }
}
