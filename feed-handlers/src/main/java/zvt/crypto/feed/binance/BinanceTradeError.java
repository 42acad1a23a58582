package zvt.crypto.feed.binance;

import zvt.crypto.feed.connection.DecodeError;

/**
 * Why a Binance frame was rejected by {@link BinanceTradeAdapter}. Field letters are Binance's {@code @trade} payload
 * keys: {@code s} symbol, {@code t} trade id, {@code p} price, {@code q} quantity, {@code T} trade time, {@code m}
 * buyer is maker.
 */
public enum BinanceTradeError implements DecodeError
{
    MALFORMED_JSON("frame is not a well-formed JSON object"),
    MISSING_SYMBOL("trade without symbol field s"),
    MISSING_TRADE_ID("trade without trade id field t"),
    MISSING_PRICE("trade without price field p"),
    MISSING_QUANTITY("trade without quantity field q"),
    MISSING_TRADE_TIME("trade without trade time field T"),
    MISSING_MAKER_FLAG("trade without buyer-is-maker field m"),
    BAD_SYMBOL("field s is not a non-empty string"),
    BAD_TRADE_ID("field t is not a non-negative integer"),
    BAD_PRICE("field p is not a non-negative decimal of at most 18 significant digits"),
    BAD_QUANTITY("field q is not a non-negative decimal of at most 18 significant digits"),
    BAD_TRADE_TIME("field T is not a non-negative millisecond timestamp"),
    BAD_MAKER_FLAG("field m is not true or false");

    private final String description;

    BinanceTradeError(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }
}
