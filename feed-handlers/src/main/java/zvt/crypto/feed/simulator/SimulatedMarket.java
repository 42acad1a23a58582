package zvt.crypto.feed.simulator;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.EpochClock;
import zvt.crypto.core.json.JsonWriter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The simulated exchange: one {@link SyntheticTradeStream} per symbol, shared by every connection (a trade id means
 * the same trade to all subscribers), advanced only while someone subscribes to it. Each tick generates the trades
 * due at the configured total rate, spread round-robin over the subscribed streams, writes each to every subscriber
 * and flushes each connection once. Used on the simulator's event loop only.
 */
final class SimulatedMarket
{
    /** A stalled loop catches up at most this much, rather than bursting. */
    private static final long MAX_CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final String TRADE_SUFFIX = "@trade";

    private final BinanceSimulatorContext context;
    private final SimulatorCounters counters;
    private final EpochClock clock;
    private final Map<String, SyntheticTradeStream> streams = new HashMap<>();
    private final List<SyntheticTradeStream> active = new ArrayList<>();
    private final Set<SimulatorSession> sessions = new LinkedHashSet<>();
    private final JsonWriter writer = new JsonWriter();
    private final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(256);
    private long lastTickNanos;
    private long carry;
    private int nextStream;

    SimulatedMarket(final BinanceSimulatorContext context, final SimulatorCounters counters)
    {
        this.context = context;
        this.counters = counters;
        this.clock = context.epochClock();
    }

    void addSession(final SimulatorSession session)
    {
        sessions.add(session);
    }

    void removeSession(final SimulatorSession session)
    {
        sessions.remove(session);
        for (int i = active.size() - 1; i >= 0; i--)
        {
            final SyntheticTradeStream stream = active.get(i);
            stream.subscribers().remove(session);
            if (stream.subscribers().isEmpty())
            {
                active.remove(i);
            }
        }
    }

    /** Starts sending the stream to the session; streams other than {@code @trade} are accepted but silent. */
    void subscribe(final SimulatorSession session, final String streamName)
    {
        if (!streamName.endsWith(TRADE_SUFFIX))
        {
            return;
        }
        final String venueSymbol = streamName.substring(0, streamName.length() - TRADE_SUFFIX.length());
        final SyntheticTradeStream stream = streams.computeIfAbsent(streamName,
            name -> new SyntheticTradeStream(context.instrument(venueSymbol), context.seed()));
        if (!stream.subscribers().contains(session))
        {
            stream.subscribers().add(session);
        }
        if (!active.contains(stream))
        {
            active.add(stream);
        }
    }

    void unsubscribe(final SimulatorSession session, final String streamName)
    {
        final SyntheticTradeStream stream = streams.get(streamName);
        if (stream != null && stream.subscribers().remove(session) && stream.subscribers().isEmpty())
        {
            active.remove(stream);
        }
    }

    void closeAllSessions()
    {
        for (final SimulatorSession session : new ArrayList<>(sessions))
        {
            session.drop();
        }
    }

    /** Generates and sends the trades due since the last tick. */
    void onTick()
    {
        final long nowNanos = System.nanoTime();
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
        if (due == 0)
        {
            return;
        }

        final long nowMs = clock.time();
        for (long i = 0; i < due; i++)
        {
            if (nextStream >= active.size())
            {
                nextStream = 0;
            }
            final SyntheticTradeStream stream = active.get(nextStream++);
            final int length = stream.nextTrade(writer, payload, nowMs);
            counters.incrementTradesGenerated();
            final List<SimulatorSession> subscribers = stream.subscribers();
            for (int s = 0; s < subscribers.size(); s++)
            {
                subscribers.get(s).sendTrade(stream.nameBytes(), payload, length);
            }
        }
        for (final SimulatorSession session : sessions)
        {
            session.flushIfPending();
        }
    }
}
