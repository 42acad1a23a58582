package zvt.crypto.feed.test;

import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.Venue;

/**
 * A Trade read back from a ring slot, prices and sizes rendered as exact decimal text.
 */
public record DecodedTrade(
    int instrumentId,
    Venue venue,
    Side side,
    String price,
    String size,
    String venueTradeId,
    long exchangeTimeNanos,
    long receiveTimeNanos)
{
}
