package zvt.crypto.feed.connection;

import java.util.Locale;

/**
 * A reason a venue adapter rejects a frame. Implemented by a per-venue enum, so that {@link #ordinal()} indexes the
 * counters of a {@link DecodeErrorLog}.
 */
public interface DecodeError
{
    int ordinal();

    String name();

    /** Human-readable reason, e.g. {@code "field p is not a decimal"}. */
    String description();

    /** The metric's {@code reason} label, e.g. {@code bad_price}. */
    default String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
