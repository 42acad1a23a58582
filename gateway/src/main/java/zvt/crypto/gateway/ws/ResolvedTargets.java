package zvt.crypto.gateway.ws;

import org.agrona.collections.LongHashSet;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.gateway.fanout.SubscriptionKey;

import java.util.List;

/**
 * The subscriptions a control request names, resolved: for each target, its instrument (null for a venue-wide one:
 * no symbol, or {@code *}) and its subscription key (a depth-limited book is a channel of its own). Reused for every
 * request of a session, on its event loop.
 */
final class ResolvedTargets
{
    private final InstrumentRegistry instruments;
    private long[] keys = new long[1];
    private Instrument[] resolved = new Instrument[1];
    private int count;

    ResolvedTargets(final InstrumentRegistry instruments)
    {
        this.instruments = instruments;
    }

    /** @return null if every target resolved, else the first whose symbol names no instrument of its venue. */
    ControlRequestDecoder.Target resolve(final List<ControlRequestDecoder.Target> targets)
    {
        count = targets.size();
        if (keys.length < count)
        {
            keys = new long[count];
            resolved = new Instrument[count];
        }
        for (int i = 0; i < count; i++)
        {
            final ControlRequestDecoder.Target target = targets.get(i);
            final String symbol = target.symbol();
            Instrument instrument = null;
            if (symbol != null && !ClientSessionHandler.WILDCARD.equals(symbol))
            {
                instrument = bySymbol(target, symbol);
                if (instrument == null)
                {
                    return target;
                }
            }
            resolved[i] = instrument;
            keys[i] = SubscriptionKey.of(
                instrument == null ? InstrumentRegistry.NO_INSTRUMENT : instrument.id(),
                target.venue().value(),
                templateId(target));
        }
        return null;
    }

    /** The channel's own template id, or the pseudo one of a depth-limited book or a one-interval candle channel. */
    private static int templateId(final ControlRequestDecoder.Target target)
    {
        if (target.depth() != 0)
        {
            return SubscriptionKey.bookDepthTemplateId(target.depth());
        }
        if (target.interval() != null)
        {
            return SubscriptionKey.candleIntervalTemplateId(target.interval());
        }
        return target.channel().eventType().templateId();
    }

    long key(final int index)
    {
        return keys[index];
    }

    Instrument instrument(final int index)
    {
        return resolved[index];
    }

    /** @return how many distinct keys the request adds to {@code subscribed}. */
    int newKeys(final LongHashSet subscribed)
    {
        final LongHashSet added = new LongHashSet();
        for (int i = 0; i < count; i++)
        {
            if (!subscribed.contains(keys[i]))
            {
                added.add(keys[i]);
            }
        }
        return added.size();
    }

    /** @return the request's keys, each once. */
    long[] distinctKeys()
    {
        final LongHashSet distinct = new LongHashSet();
        for (int i = 0; i < count; i++)
        {
            distinct.add(keys[i]);
        }
        final long[] result = new long[distinct.size()];
        final LongHashSet.LongIterator iterator = distinct.iterator();
        for (int i = 0; iterator.hasNext(); i++)
        {
            result[i] = iterator.nextValue();
        }
        return result;
    }

    private Instrument bySymbol(final ControlRequestDecoder.Target target, final String symbol)
    {
        try
        {
            final NormalizedSymbol normalized = NormalizedSymbol.parse(symbol);
            return instruments.bySymbol(target.venue(), normalized.marketType(), normalized.toString());
        }
        catch (final IllegalArgumentException ex)
        {
            return null; // not a symbol at all: as unknown
        }
    }
}
