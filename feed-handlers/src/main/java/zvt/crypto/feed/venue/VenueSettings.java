package zvt.crypto.feed.venue;

import zvt.crypto.core.instrument.NormalizedSymbol;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One venue's configuration: the node's {@code <venue>.*} keys without the prefix, over the venue's
 * {@link VenueAdapter#defaults()}. Symbols are parsed once, so a malformed one stops the node at start-up with a
 * message naming the key. Immutable.
 */
public final class VenueSettings
{
    private final VenueAdapter adapter;
    private final Map<String, String> values;
    private final List<NormalizedSymbol> symbols;

    /**
     * @param adapter the venue.
     * @param values  configured keys without the {@code <venue>.} prefix (e.g. {@code ws.url}); a key left out
     *                takes the venue's default, a key set blank is off (e.g. {@code rest.url}: no REST calls).
     * @throws IllegalArgumentException naming the key, for a malformed or unsupported symbol or a missing address.
     */
    public VenueSettings(final VenueAdapter adapter, final Map<String, String> values)
    {
        this.adapter = adapter;
        this.values = Map.copyOf(values);
        final String key = adapter.configName() + ".symbols";
        try
        {
            symbols = list("symbols").stream().map(NormalizedSymbol::parse).toList();
            symbols.forEach(adapter::venueSymbol);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(key + ": " + ex.getMessage(), ex);
        }
        if (symbols.isEmpty())
        {
            throw new IllegalArgumentException(key + " names no symbol");
        }
        if (get("ws.url") == null)
        {
            throw new IllegalArgumentException(adapter.configName() + ".ws.url is not set");
        }
    }

    /** The venue's defaults alone. */
    public static VenueSettings defaults(final VenueAdapter adapter)
    {
        return new VenueSettings(adapter, Map.of());
    }

    public VenueAdapter adapter()
    {
        return adapter;
    }

    /** @return the configured value (null if configured blank: off), else the venue's default (null if none). */
    public String get(final String key)
    {
        final String value = values.get(key);
        if (value != null)
        {
            return value.isBlank() ? null : value.trim();
        }
        final String fallback = adapter.defaults().get(key);
        return fallback == null || fallback.isBlank() ? null : fallback.trim();
    }

    public int getInt(final String key, final int defaultValue)
    {
        final String value = get(key);
        try
        {
            return value == null ? defaultValue : Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(adapter.configName() + "." + key + " must be an integer: " + value, ex);
        }
    }

    public String webSocketUrl()
    {
        return get("ws.url");
    }

    /** Null when REST is off (then no reference data and no REST book snapshots). */
    public String restUrl()
    {
        return get("rest.url");
    }

    public List<NormalizedSymbol> symbols()
    {
        return symbols;
    }

    public List<String> channels()
    {
        return list("channels");
    }

    private List<String> list(final String key)
    {
        final String value = get(key);
        return value == null ? List.of() :
            Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
