package zvt.crypto.feed.simulator;

/**
 * The kinds of messages the simulator sends, whatever the venue, as fault injection and the counters distinguish
 * them: trades, aggregate trades (Binance), best bid/ask, book changes and snapshots, candles, tickers, heartbeats.
 * {@link #ANY} selects every kind in a fault setting.
 */
public enum StreamKind
{
    TRADE("trade"),
    AGG_TRADE("aggTrade"),
    BOOK_TICKER("bookTicker"),
    DEPTH("depth"),
    KLINE("kline"),
    /** 24 h statistics with the best bid and ask (OKX and Bybit {@code tickers}, Coinbase {@code ticker}). */
    TICKER("ticker"),
    /** A keepalive the venue sends unasked (Coinbase {@code heartbeats}). */
    HEARTBEAT("heartbeat"),
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
}
