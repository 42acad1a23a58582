package zvt.crypto.feed.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import zvt.crypto.feed.test.EventCollector;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The test oracle for Bybit v5 public frames: a deliberately plain decoder on Jackson that turns a stream of frames
 * into the canonical text {@link EventCollector} renders from what the fast decoder publishes, modelling the few
 * stream rules in the plainest way: a book is published from its first snapshot (or {@code u == 1}) and its deltas
 * only while {@code u} follows by one; quotes only with a rising sequence; linear tickers merged into a cached
 * ticker; trades once per id; candles once per open time and event time.
 */
final class ReferenceBybitDecoder
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MS = 1_000_000L;
    private static final Map<String, String> INTERVALS = Map.ofEntries(
        Map.entry("1", "M1"), Map.entry("3", "M3"), Map.entry("5", "M5"), Map.entry("15", "M15"),
        Map.entry("30", "M30"), Map.entry("60", "H1"), Map.entry("120", "H2"), Map.entry("240", "H4"),
        Map.entry("360", "H6"), Map.entry("720", "H12"), Map.entry("D", "D1"), Map.entry("W", "W1"),
        Map.entry("M", "MN1"));
    private static final String[] TICKER_FIELDS = {"bid1Price", "bid1Size", "ask1Price", "ask1Size"};

    private final Map<Integer, Long> bookIds = new HashMap<>();
    private final Map<Integer, Long> topSequences = new HashMap<>();
    private final Map<Integer, Map<String, String>> tickers = new HashMap<>();
    private final Map<Integer, Long> tickerSequences = new HashMap<>();
    private final Map<Integer, BigInteger> lastNumericTradeIds = new HashMap<>();
    private final Set<String> tradeIds = new HashSet<>();
    private final Map<String, long[]> candles = new HashMap<>();

    static JsonNode parse(final String frame)
    {
        try
        {
            return MAPPER.readTree(frame);
        }
        catch (final Exception ex)
        {
            throw new IllegalArgumentException("not JSON: " + frame, ex);
        }
    }

    /** The venue symbol a frame's topic names, or null for frames without a topic. */
    static String symbol(final JsonNode root)
    {
        final String topic = root.path("topic").asText(null);
        return topic == null ? null : topic.substring(topic.lastIndexOf('.') + 1);
    }

    /** The canonical lines the frame must produce, given instrument ids by venue symbol (0: not subscribed). */
    List<String> expected(final String frame, final ToIntFunction<String> instruments)
    {
        final JsonNode root = parse(frame);
        final List<String> lines = new ArrayList<>();
        final String symbol = symbol(root);
        if (symbol == null || instruments.applyAsInt(symbol) == 0)
        {
            return lines;
        }
        final int id = instruments.applyAsInt(symbol);
        final String[] topic = root.get("topic").asText().split("\\.");
        final long ts = root.get("ts").longValue() * MS;
        final boolean snapshot = root.get("type").asText().equals("snapshot");
        final JsonNode data = root.get("data");
        switch (topic[0])
        {
            case "publicTrade" -> trades(data, id, lines);
            case "orderbook" ->
            {
                if (topic[1].equals("1"))
                {
                    levelOne(data, id, ts, snapshot, lines);
                }
                else
                {
                    book(data, id, ts, snapshot, lines);
                }
            }
            case "tickers" -> ticker(root, data, id, ts, snapshot, lines);
            case "kline" -> klines(data, id, INTERVALS.get(topic[1]), ts, lines);
            default ->
            {
            }
        }
        return lines;
    }

    private void trades(final JsonNode data, final int id, final List<String> lines)
    {
        for (final JsonNode t : data)
        {
            final String tradeId = t.get("i").textValue();
            if (tradeId.matches("[0-9]{1,19}") && new BigInteger(tradeId).bitLength() < 64)
            {
                final BigInteger numeric = new BigInteger(tradeId);
                final BigInteger last = lastNumericTradeIds.get(id);
                if (last != null && numeric.compareTo(last) <= 0)
                {
                    continue;
                }
                lastNumericTradeIds.put(id, numeric);
            }
            else if (!tradeIds.add(id + ":" + tradeId))
            {
                continue;
            }
            lines.add("trade " + id + " " + (t.get("S").textValue().equals("Buy") ? "BUY" : "SELL") + " p=" +
                t.get("p").textValue() + " q=" + t.get("v").textValue() + " id=" + tradeId + " T=" +
                t.get("T").longValue() * MS);
        }
    }

    private void levelOne(
        final JsonNode data, final int id, final long ts, final boolean snapshot, final List<String> lines)
    {
        final long u = data.get("u").longValue();
        if (!snapshot || u <= topSequences.getOrDefault(id, Long.MIN_VALUE))
        {
            return;
        }
        topSequences.put(id, u);
        final JsonNode bid = data.get("b").path(0);
        final JsonNode ask = data.get("a").path(0);
        lines.add("top " + id + " u=" + u + " b=" + bid.path(0).asText("0") + " B=" + bid.path(1).asText("0") +
            " a=" + ask.path(0).asText("0") + " A=" + ask.path(1).asText("0") + " T=" + ts);
    }

    private void book(
        final JsonNode data, final int id, final long ts, final boolean snapshot, final List<String> lines)
    {
        final long u = data.get("u").longValue();
        final boolean replaces = snapshot || u == 1;
        final Long last = bookIds.get(id);
        if (!replaces && (last == null || u != last + 1))
        {
            return; // before the first snapshot (or a break, which the recordings do not have)
        }
        final StringBuilder text = new StringBuilder("book " + id + " " + (replaces ? "SNAPSHOT" : "DELTA") +
            " U=" + u + " u=" + u + " E=" + ts + " [");
        for (final Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("b") || field.getKey().equals("a"))
            {
                for (final JsonNode level : field.getValue())
                {
                    text.append(field.getKey().equals("b") ? "BUY" : "SELL").append(' ')
                        .append(level.get(0).textValue()).append(' ').append(level.get(1).textValue()).append(';');
                }
            }
        }
        lines.add(text.append(']').toString());
        if (replaces && last == null)
        {
            lines.add("status " + id + " RESYNCED snapshot id " + u);
        }
        bookIds.put(id, u);
    }

    private void ticker(
        final JsonNode root, final JsonNode data, final int id, final long ts, final boolean snapshot,
        final List<String> lines)
    {
        final long cs = root.has("cs") ? root.get("cs").longValue() : 0;
        if (cs != 0)
        {
            if (cs <= tickerSequences.getOrDefault(id, -1L))
            {
                return;
            }
            tickerSequences.put(id, cs);
        }
        final Map<String, String> cached = tickers.computeIfAbsent(id, k -> new HashMap<>());
        if (snapshot)
        {
            cached.clear();
        }
        boolean carried = false;
        for (final String field : TICKER_FIELDS)
        {
            if (data.has(field))
            {
                carried = true;
                final String value = data.get(field).textValue();
                if (value.isEmpty())
                {
                    cached.remove(field);
                }
                else
                {
                    cached.put(field, value);
                }
            }
        }
        if (carried && cached.size() == TICKER_FIELDS.length)
        {
            lines.add("top " + id + " u=" + cs + " b=" + cached.get("bid1Price") + " B=" + cached.get("bid1Size") +
                " a=" + cached.get("ask1Price") + " A=" + cached.get("ask1Size") + " T=" + ts);
        }
    }

    private void klines(
        final JsonNode data, final int id, final String interval, final long ts, final List<String> lines)
    {
        for (final JsonNode k : data)
        {
            final long start = k.get("start").longValue() * MS;
            final long event = k.has("timestamp") ? k.get("timestamp").longValue() * MS : ts;
            final long[] last = candles.get(id + interval);
            if (last != null && (start < last[0] || start == last[0] && event <= last[1]))
            {
                continue;
            }
            candles.put(id + interval, new long[] {start, event});
            lines.add("candle " + id + " " + interval + " VENUE_STREAM x=" +
                (k.get("confirm").booleanValue() ? "TRUE" : "FALSE") + " t=" + start + " T=" +
                k.get("end").longValue() * MS + " o=" + k.get("open").textValue() + " h=" +
                k.get("high").textValue() + " l=" + k.get("low").textValue() + " c=" + k.get("close").textValue() +
                " v=" + k.get("volume").textValue() + " q=" + k.path("turnover").asText("0") + " n=0 E=" + event);
        }
    }
}
