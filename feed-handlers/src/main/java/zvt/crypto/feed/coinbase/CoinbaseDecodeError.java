package zvt.crypto.feed.coinbase;

import zvt.crypto.feed.connection.DecodeError;

/** Why {@link CoinbaseDecoder} rejected an Advanced Trade frame. */
public enum CoinbaseDecodeError implements DecodeError
{
    MALFORMED_JSON("frame is not a well-formed JSON object"),
    MISSING_CHANNEL("frame has neither a channel (Advanced Trade message) nor a type (reply)"),
    BAD_SEQUENCE("sequence_num is not a non-negative integer of at most 19 digits"),
    BAD_EVENTS("events, or an event's list, is not an array of objects"),
    BAD_EVENT_TYPE("an l2_data event's type is missing or not snapshot or update"),
    MISSING_FIELD("a trade, ticker, candle or level lacks a field it needs, or it is not a string"),
    BAD_ID("trade_id is empty or longer than the 64-byte venue id"),
    BAD_PRICE("a price is not a non-negative decimal of at most 18 significant digits"),
    BAD_QUANTITY("a size, quantity or volume is not a non-negative decimal of at most 18 significant digits"),
    BAD_TIME("a time is not an RFC 3339 UTC time (timestamp, time, event_time) or UNIX seconds (start)"),
    BAD_SIDE("a trade side is not BUY or SELL, or a level side not bid or offer");

    private final String description;

    CoinbaseDecodeError(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }
}
