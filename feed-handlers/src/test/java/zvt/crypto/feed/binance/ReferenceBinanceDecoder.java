package zvt.crypto.feed.binance;

import zvt.crypto.feed.test.EventCollector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/**
 * The test oracle for the Binance streams: a deliberately plain decoder on Jackson that turns one frame into the
 * canonical text {@link EventCollector} renders from the SBE event the fast decoders publish.
 */
final class ReferenceBinanceDecoder
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MS = 1_000_000L;
    private static final Map<String, String> INTERVALS = Map.ofEntries(
        Map.entry("1s", "S1"), Map.entry("1m", "M1"), Map.entry("3m", "M3"), Map.entry("5m", "M5"),
        Map.entry("15m", "M15"), Map.entry("30m", "M30"), Map.entry("1h", "H1"), Map.entry("2h", "H2"),
        Map.entry("4h", "H4"), Map.entry("6h", "H6"), Map.entry("8h", "H8"), Map.entry("12h", "H12"),
        Map.entry("1d", "D1"), Map.entry("3d", "D3"), Map.entry("1w", "W1"), Map.entry("1M", "MN1"));

    private ReferenceBinanceDecoder()
    {
    }

    static JsonNode payload(final String frame)
    {
        try
        {
            final JsonNode root = MAPPER.readTree(frame);
            return root.has("data") ? root.get("data") : root;
        }
        catch (final Exception ex)
        {
            throw new IllegalArgumentException("not JSON: " + frame, ex);
        }
    }

    /**
     * The canonical text of the event the frame must produce, for instrument {@code id}; null for a frame that
     * carries no market data (control replies, shutdown notices).
     */
    static String expected(final String frame, final int id)
    {
        final JsonNode p = payload(frame);
        if (!p.has("s"))
        {
            return null;
        }
        final String type = p.path("e").asText("");
        return switch (type)
        {
            case "trade" -> "trade " + id + " " + (p.get("m").booleanValue() ? "SELL" : "BUY") + " p=" +
                p.get("p").textValue() + " q=" + p.get("q").textValue() + " id=" + p.get("t").bigIntegerValue() +
                " T=" + p.get("T").longValue() * MS;
            case "aggTrade" -> "trade " + id + " " + (p.get("m").booleanValue() ? "SELL" : "BUY") + " p=" +
                p.get("p").textValue() + " q=" + p.get("q").textValue() + " id=" + p.get("a").asText() + " T=" +
                p.get("T").longValue() * MS;
            case "kline" -> kline(p, id);
            case "depthUpdate" -> depth(p, id);
            case "", "bookTicker" -> "top " + id + " u=" + p.get("u").longValue() + " b=" + p.get("b").textValue() + " B=" +
                p.get("B").textValue() + " a=" + p.get("a").textValue() + " A=" + p.get("A").textValue() + " T=" +
                (p.has("T") ? p.get("T").longValue() * MS : p.has("E") ? p.get("E").longValue() * MS : 0);
            default -> throw new IllegalArgumentException("no reference for " + type);
        };
    }

    private static String kline(final JsonNode p, final int id)
    {
        final JsonNode k = p.get("k");
        return "candle " + id + " " + INTERVALS.get(k.get("i").textValue()) + " VENUE_STREAM x=" +
            (k.get("x").booleanValue() ? "TRUE" : "FALSE") + " t=" + k.get("t").longValue() * MS + " T=" +
            k.get("T").longValue() * MS + " o=" + k.get("o").textValue() + " h=" + k.get("h").textValue() +
            " l=" + k.get("l").textValue() + " c=" + k.get("c").textValue() + " v=" + k.get("v").textValue() +
            " q=" + k.get("q").textValue() + " n=" + k.get("n").longValue() + " E=" + p.get("E").longValue() * MS;
    }

    private static String depth(final JsonNode p, final int id)
    {
        final StringBuilder text = new StringBuilder("book " + id + " DELTA U=" + p.get("U").longValue() + " u=" +
            p.get("u").longValue() + " E=" + p.get("E").longValue() * MS + " [");
        levels(text, p.get("b"), "BUY");
        levels(text, p.get("a"), "SELL");
        return text.append(']').toString();
    }

    /** Snapshot body → canonical text of the SNAPSHOT batch. */
    static String snapshot(final String body, final int id)
    {
        final JsonNode p = payload(body);
        final long lastUpdateId = p.get("lastUpdateId").longValue();
        final StringBuilder text = new StringBuilder("book " + id + " SNAPSHOT U=" + lastUpdateId + " u=" +
            lastUpdateId + " E=0 [");
        levels(text, p.get("bids"), "BUY");
        levels(text, p.get("asks"), "SELL");
        return text.append(']').toString();
    }

    private static void levels(final StringBuilder text, final JsonNode levels, final String side)
    {
        for (final JsonNode level : levels)
        {
            text.append(side).append(' ').append(level.get(0).textValue()).append(' ')
                .append(level.get(1).textValue()).append(';');
        }
    }
}
