package zvt.crypto.feed.bybit;

import zvt.crypto.feed.connection.DecodeError;

/**
 * Why {@link BybitDecoder} rejected a Bybit v5 public frame. Field names are Bybit's.
 */
public enum BybitDecodeError implements DecodeError
{
    MALFORMED_JSON("frame is not a well-formed JSON object"),
    BAD_TOPIC("topic is not <channel>.<symbol> (kline.<interval>.<symbol>, orderbook.<depth>.<symbol>)"),
    MISSING_FIELD("message without a field its topic requires (data, type, ts, u, b, a, T, S, p, v, i, start ...)"),
    BAD_TYPE("field type is not snapshot or delta"),
    BAD_ID("trade id i is not a 1 to 64 character string, or u / seq / cs is not a non-negative integer"),
    BAD_PRICE("a price is not a non-negative decimal of at most 18 significant digits"),
    BAD_SIZE("a size or volume is not a non-negative decimal of at most 18 significant digits"),
    BAD_TIME("a time field (ts, T, start, end, timestamp) is not a non-negative millisecond timestamp"),
    BAD_SIDE("trade field S is not Buy or Sell"),
    BAD_FLAG("kline field confirm is not true or false"),
    BAD_LEVELS("book field b or a is not an array of [price, size] pairs"),
    BAD_DATA("field data is not an object (orderbook, tickers) or an array of objects (publicTrade, kline)");

    private final String description;

    BybitDecodeError(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }
}
