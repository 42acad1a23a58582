package zvt.crypto.feed.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import zvt.crypto.core.codec.Side;

/**
 * The test oracle: a deliberately plain Binance {@code @trade} decoder written on Jackson, to compare the zero-copy
 * adapter against.
 */
final class ReferenceTradeDecoder
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record ExpectedTrade(
        String venueSymbol, Side side, String price, String size, String venueTradeId, long exchangeTimeNanos)
    {
    }

    private ReferenceTradeDecoder()
    {
    }

    static ExpectedTrade decode(final String frame)
    {
        try
        {
            final JsonNode root = MAPPER.readTree(frame);
            final JsonNode payload = root.has("data") ? root.get("data") : root;
            if (!"trade".equals(payload.path("e").asText()))
            {
                throw new IllegalArgumentException("not a trade: " + frame);
            }
            return new ExpectedTrade(
                payload.get("s").textValue(),
                payload.get("m").booleanValue() ? Side.SELL : Side.BUY,
                payload.get("p").textValue(),
                payload.get("q").textValue(),
                payload.get("t").bigIntegerValue().toString(),
                Math.multiplyExact(payload.get("T").longValue(), 1_000_000L));
        }
        catch (final Exception ex)
        {
            throw new IllegalArgumentException("reference decoder failed on " + frame, ex);
        }
    }
}
