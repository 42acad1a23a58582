package zvt.crypto.feed.binance;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binance's documented local-book procedure, written plainly on Jackson and BigDecimal maps: the oracle for the
 * depth sync. Fails (throws) if the recording does not synchronize by the rules.
 */
final class ReferenceDepthBook
{
    private final TreeMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, String[]> asks = new TreeMap<>();
    private final List<String> applied = new ArrayList<>();
    private long snapshotId;
    private long lastUpdateId;

    static ReferenceDepthBook synchronize(final String snapshot, final List<String> updates)
    {
        final ReferenceDepthBook book = new ReferenceDepthBook();
        final JsonNode body = ReferenceBinanceDecoder.payload(snapshot);
        book.snapshotId = body.get("lastUpdateId").longValue();
        book.lastUpdateId = book.snapshotId;
        book.apply(body.get("bids"), true);
        book.apply(body.get("asks"), false);
        for (final String frame : updates)
        {
            final JsonNode event = ReferenceBinanceDecoder.payload(frame);
            final long first = event.get("U").longValue();
            final long last = event.get("u").longValue();
            if (last <= book.lastUpdateId)
            {
                continue;
            }
            final boolean follows = book.applied.isEmpty() ?
                first <= book.lastUpdateId + 1 : first == book.lastUpdateId + 1;
            if (!follows)
            {
                throw new IllegalStateException("gap at " + frame + " after " + book.lastUpdateId);
            }
            book.apply(event.get("b"), true);
            book.apply(event.get("a"), false);
            book.lastUpdateId = last;
            book.applied.add(frame);
        }
        return book;
    }

    long snapshotId()
    {
        return snapshotId;
    }

    long lastUpdateId()
    {
        return lastUpdateId;
    }

    List<String> applied()
    {
        return applied;
    }

    /** Levels best first as "price=size", trailing zeros stripped (as core's ReferenceBook renders a book). */
    List<String> levels(final boolean bid)
    {
        final List<String> levels = new ArrayList<>();
        for (final Map.Entry<BigDecimal, String[]> level : (bid ? bids : asks).entrySet())
        {
            levels.add(plain(level.getKey()) + "=" + plain(new BigDecimal(level.getValue()[1])));
        }
        return levels;
    }

    /** The current book as a REST depth body with the given id. */
    String toSnapshot(final long id)
    {
        return "{\"lastUpdateId\":" + id + ",\"bids\":" + render(bids) + ",\"asks\":" + render(asks) + "}";
    }

    private static String render(final TreeMap<BigDecimal, String[]> side)
    {
        final List<String> levels = new ArrayList<>();
        side.values().forEach(level -> levels.add("[\"" + level[0] + "\",\"" + level[1] + "\"]"));
        return "[" + String.join(",", levels) + "]";
    }

    private void apply(final JsonNode levels, final boolean bid)
    {
        for (final JsonNode level : levels)
        {
            final BigDecimal price = new BigDecimal(level.get(0).textValue());
            final String size = level.get(1).textValue();
            if (new BigDecimal(size).signum() == 0)
            {
                (bid ? bids : asks).remove(price);
            }
            else
            {
                (bid ? bids : asks).put(price, new String[] {level.get(0).textValue(), size});
            }
        }
    }

    private static String plain(final BigDecimal value)
    {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
