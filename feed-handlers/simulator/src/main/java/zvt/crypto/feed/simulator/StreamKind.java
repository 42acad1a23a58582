package zvt.crypto.feed.simulator;

/**
 * The kinds of Binance spot streams the simulator serves, as fault injection and the counters distinguish them.
 * {@link #ANY} selects every kind in a fault setting.
 */
public enum StreamKind
{
    TRADE("trade"),
    AGG_TRADE("aggTrade"),
    BOOK_TICKER("bookTicker"),
    DEPTH("depth"),
    KLINE("kline"),
    /** Recorded lines replayed verbatim, whatever they hold. */
    REPLAY("replay"),
    ANY("any");

    private final String label;

    StreamKind(final String label)
    {
        this.label = label;
    }

    public String label()
    {
        return label;
    }

    /** The kind a stream name ({@code btcusdt@depth@100ms}) belongs to, or null if the simulator does not serve it. */
    public static StreamKind ofStreamName(final String streamName)
    {
        final int at = streamName.indexOf('@');
        if (at <= 0)
        {
            return null;
        }
        final String rest = streamName.substring(at + 1);
        if ("trade".equals(rest))
        {
            return TRADE;
        }
        if ("aggTrade".equals(rest))
        {
            return AGG_TRADE;
        }
        if ("bookTicker".equals(rest))
        {
            return BOOK_TICKER;
        }
        if ("depth".equals(rest) || "depth@100ms".equals(rest) || "depth@1000ms".equals(rest))
        {
            return DEPTH;
        }
        if (rest.startsWith("kline_") && KlineInterval.millisOrZero(rest.substring("kline_".length())) > 0)
        {
            return KLINE;
        }
        return null;
    }
}
