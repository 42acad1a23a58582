package zvt.crypto.core.instrument;

import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Interns instruments to dense int ids. Writes (at subscribe time, from reference data, from a journal) are rare
 * and synchronized; reads by id are lock-free array loads, safe from any thread.
 */
public final class InstrumentRegistry
{
    public static final int NO_INSTRUMENT = 0;

    private final Map<String, Instrument> byVenueSymbol = new ConcurrentHashMap<>();
    private final Map<String, Instrument> bySymbol = new ConcurrentHashMap<>();
    private final List<Consumer<Instrument>> listeners = new ArrayList<>();
    private volatile Instrument[] byId = new Instrument[16];
    private int nextId = 1;

    /**
     * @return the instrument for this venue symbol, created with the next id if it is new.
     */
    public synchronized Instrument intern(
        final Venue venue, final MarketType marketType, final String venueSymbol, final String symbol)
    {
        final Instrument existing = byVenueSymbol.get(venueKey(venue, marketType, venueSymbol));
        if (existing != null)
        {
            return existing;
        }
        return put(Instrument.of(nextId, venue, marketType, venueSymbol, symbol));
    }

    /**
     * Adds or replaces an instrument with a known id (restored from a journal, or refined by reference data).
     */
    public synchronized Instrument put(final Instrument instrument)
    {
        if (instrument.id() <= NO_INSTRUMENT)
        {
            throw new IllegalArgumentException("instrument id must be positive: " + instrument);
        }
        final Instrument sameId = byIdOrNull(instrument.id());
        if (sameId != null && !sameKey(sameId, instrument))
        {
            throw new IllegalStateException("instrument id " + instrument.id() + " already names " + sameId);
        }
        Instrument[] table = byId;
        if (instrument.id() >= table.length)
        {
            table = Arrays.copyOf(table, Math.max(table.length * 2, instrument.id() + 1));
        }
        else
        {
            table = table.clone();
        }
        table[instrument.id()] = instrument;
        byVenueSymbol.put(venueKey(instrument.venue(), instrument.marketType(), instrument.venueSymbol()), instrument);
        bySymbol.put(symbolKey(instrument.venue(), instrument.marketType(), instrument.symbol()), instrument);
        nextId = Math.max(nextId, instrument.id() + 1);
        byId = table;
        if (!instrument.equals(sameId))
        {
            for (final Consumer<Instrument> listener : listeners)
            {
                listener.accept(instrument);
            }
        }
        return instrument;
    }

    /** Called (under the registry's lock) for every new or changed instrument, e.g. to journal its definition. */
    public synchronized void addListener(final Consumer<Instrument> listener)
    {
        listeners.add(listener);
    }

    /** @return the instrument, or null if the id is unknown. */
    public Instrument byIdOrNull(final int id)
    {
        final Instrument[] table = byId;
        return id > NO_INSTRUMENT && id < table.length ? table[id] : null;
    }

    /** @return the instrument with this normalized symbol on the venue, or null. */
    public Instrument bySymbol(final Venue venue, final MarketType marketType, final String symbol)
    {
        return bySymbol.get(symbolKey(venue, marketType, symbol));
    }

    public Instrument byVenueSymbol(final Venue venue, final MarketType marketType, final String venueSymbol)
    {
        return byVenueSymbol.get(venueKey(venue, marketType, venueSymbol));
    }

    public List<Instrument> all()
    {
        final List<Instrument> result = new ArrayList<>();
        for (final Instrument instrument : byId)
        {
            if (instrument != null)
            {
                result.add(instrument);
            }
        }
        return result;
    }

    private static boolean sameKey(final Instrument a, final Instrument b)
    {
        return a.venue() == b.venue() && a.marketType() == b.marketType() && a.venueSymbol().equals(b.venueSymbol());
    }

    private static String venueKey(final Venue venue, final MarketType marketType, final String venueSymbol)
    {
        return venue.name() + '/' + marketType.name() + '/' + venueSymbol;
    }

    private static String symbolKey(final Venue venue, final MarketType marketType, final String symbol)
    {
        return venue.name() + '/' + marketType.name() + '#' + symbol;
    }
}
