package zvt.crypto.gateway;

import java.util.Locale;

/**
 * Why a client request was refused. {@link #code()} and {@link #reason()} are what the client sees in
 * {@code {"type":"error","code":...,"reason":...}}; every rejection is counted per kind in {@link GatewayCounters}.
 */
public enum Rejection
{
    BAD_JSON("malformed request: expected one JSON object as docs/PROTOCOL.md describes"),
    UNKNOWN_OP("unknown op: expected subscribe, unsubscribe, replay, stop_replay or ping"),
    MISSING_FIELD("missing field: subscribe and unsubscribe need op, channel, venue and symbol (or subscriptions); " +
        "replay also needs from"),
    BAD_VALUE("invalid value: resume_from is a journal index (a non-negative integer, on subscribe only); from and to " +
        "are ISO-8601 or epoch milliseconds, from before to; speed is a non-negative factor"),
    BAD_INTERVAL("invalid interval: candle only, one of 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, " +
        "1w"),
    BAD_DEPTH("invalid depth: book only, one of 1, 5, 10, 20, 50, 100, 500, 1000, or \"full\""),
    UNKNOWN_CHANNEL("unknown channel: expected trades, book, top, candle or status"),
    UNKNOWN_VENUE("unknown venue: expected BINANCE, OKX, BYBIT or COINBASE"),
    UNKNOWN_SYMBOL(
        "unknown symbol: no instrument with this symbol (BASE-QUOTE, BASE-QUOTE-PERP, or * for all) on the venue"),
    NOT_SUBSCRIBED("not subscribed to this channel and symbol"),
    TOO_MANY_SUBSCRIPTIONS("too many subscriptions for this session"),
    RATE_LIMITED("rate limit exceeded: too many control messages per second; further ones in this second are dropped"),
    /** Same code as {@link #RATE_LIMITED} for the client; counted apart. */
    KEY_SUBSCRIBE_RATE_LIMITED("rate_limited",
        "rate limit exceeded: too many subscribe requests for this key across its sessions; retry in a few seconds"),
    BINARY_FRAME("binary frames are not accepted: send JSON text"),
    SERVER_BUSY("server busy: subscription changes are queued full, retry shortly"),
    RESUME_NOT_FIRST("resume_from must be in the connection's first subscribe, before any other subscription: " +
        "journal indexes never go down within a connection"),
    RESUME_UNAVAILABLE("resume_from is not a journal index this node still holds: subscribe without it, and rebuild " +
        "from what the channels send first (a book snapshot, say)"),
    REPLAY_UNAVAILABLE("this gateway has no journal to replay from"),
    REPLAY_IN_PROGRESS("a replay is running on this connection: wait for live (resume) or replay_end, or stop_replay"),
    REPLAY_NOT_ALONE("replay needs a connection without subscriptions: journal indexes never go down within one"),
    REPLAY_BUSY("too many replays are running on this server: retry shortly"),
    NOT_REPLAYING("no replay is running on this connection"),
    MESSAGE_TOO_BIG("message larger than the maximum inbound frame size; session closed"),
    PROTOCOL_VIOLATION("WebSocket protocol violation; session closed");

    private final String code;
    private final String reason;

    Rejection(final String reason)
    {
        this.code = name().toLowerCase(Locale.ROOT);
        this.reason = reason;
    }

    Rejection(final String code, final String reason)
    {
        this.code = code;
        this.reason = reason;
    }

    /** Stable machine-readable name, e.g. {@code unknown_symbol}. */
    public String code()
    {
        return code;
    }

    /** Human-readable explanation sent to the client. */
    public String reason()
    {
        return reason;
    }
}
