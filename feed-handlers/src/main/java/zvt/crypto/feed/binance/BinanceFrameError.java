package zvt.crypto.feed.binance;

import zvt.crypto.feed.connection.DecodeError;

/**
 * Why {@link BinanceFrameAdapter} rejected a Binance frame. Field letters are Binance's payload keys.
 */
public enum BinanceFrameError implements DecodeError
{
    MALFORMED_JSON("frame is not a well-formed JSON object"),
    MISSING_SYMBOL("event without symbol field s"),
    BAD_SYMBOL("field s is not a non-empty string"),
    MISSING_FIELD("event without a field its type requires"),
    BAD_ID("an id or update id (a, u, U, n, ...) is not a non-negative integer"),
    BAD_PRICE("a price is not a non-negative decimal of at most 18 significant digits"),
    BAD_QUANTITY("a quantity or volume is not a non-negative decimal of at most 18 significant digits"),
    BAD_TIME("a time field (E, T, t) is not a non-negative millisecond timestamp"),
    BAD_FLAG("field m or x is not true or false"),
    BAD_INTERVAL("kline field i is not a Binance interval (1s, 1m ... 1M)"),
    BAD_LEVELS("depth field b or a is not an array of [price, quantity] pairs"),
    BAD_SEQUENCE("depth update has u < U");

    private final String description;

    BinanceFrameError(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }
}
