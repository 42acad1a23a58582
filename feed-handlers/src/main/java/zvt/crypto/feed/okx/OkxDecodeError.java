package zvt.crypto.feed.okx;

import zvt.crypto.feed.connection.DecodeError;

/**
 * Why {@link OkxDecoder} rejected an OKX frame. Field names are OKX's.
 */
public enum OkxDecodeError implements DecodeError
{
    MALFORMED_JSON("frame is neither the text pong nor a well-formed JSON object"),
    BAD_DATA("field data is not the channel's shape (an array of objects, or of arrays for candles)"),
    MISSING_FIELD("a data entry lacks a field its channel requires"),
    BAD_ID("tradeId, seqId, prevSeqId or checksum is not an integer in range"),
    BAD_PRICE("a price is not a non-negative decimal of at most 18 significant digits"),
    BAD_SIZE("a size or volume is not a non-negative decimal of at most 18 significant digits"),
    BAD_TIME("ts is not a non-negative millisecond timestamp"),
    BAD_SIDE("trade side is neither buy nor sell"),
    BAD_LEVELS("asks or bids is not an array of [price, size, ...] arrays"),
    BAD_ACTION("book message action is neither snapshot nor update"),
    BAD_CONFIRM("candle confirm is neither \"0\" nor \"1\"");

    private final String description;

    OkxDecodeError(final String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }
}
