package zvt.crypto.feed.okx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import zvt.crypto.feed.test.EventCollector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The test oracle for OKX frames: a deliberately plain decoder on Jackson and BigDecimal that says what a frame must
 * become (published, ignored or rejected) and, when published, the canonical text {@link EventCollector} renders
 * from the events the fast decoder publishes. Book messages are rendered as a pass-through book rule publishes them
 * (a snapshot with both sequences = {@code seqId}, a delta from {@code prevSeqId + 1} to {@code seqId}; without ids
 * the journal's "no sequence", 0).
 */
final class ReferenceOkxDecoder
{
    enum Outcome
    {
        EVENT, IGNORED, REJECTED
    }

    record Expected(Outcome outcome, List<String> lines)
    {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MS = 1_000_000L;
    private static final long NO_ID = 0;
    private static final Map<String, String> BARS = Map.ofEntries(
        Map.entry("1s", "S1"), Map.entry("1m", "M1"), Map.entry("3m", "M3"), Map.entry("5m", "M5"),
        Map.entry("15m", "M15"), Map.entry("30m", "M30"), Map.entry("1H", "H1"), Map.entry("2H", "H2"),
        Map.entry("4H", "H4"), Map.entry("6Hutc", "H6"), Map.entry("12Hutc", "H12"), Map.entry("1Dutc", "D1"),
        Map.entry("3Dutc", "D3"), Map.entry("1Wutc", "W1"));
    private static final Map<String, Long> BAR_MS = Map.ofEntries(
        Map.entry("S1", 1_000L), Map.entry("M1", 60_000L), Map.entry("M3", 180_000L), Map.entry("M5", 300_000L),
        Map.entry("M15", 900_000L), Map.entry("M30", 1_800_000L), Map.entry("H1", 3_600_000L),
        Map.entry("H2", 7_200_000L), Map.entry("H4", 14_400_000L), Map.entry("H6", 21_600_000L),
        Map.entry("H12", 43_200_000L), Map.entry("D1", 86_400_000L), Map.entry("D3", 259_200_000L),
        Map.entry("W1", 604_800_000L));

    private ReferenceOkxDecoder()
    {
    }

    static JsonNode tree(final String frame)
    {
        try
        {
            return MAPPER.readTree(frame);
        }
        catch (final Exception ex)
        {
            return null;
        }
    }

    /** {@code arg.instId} of a channel push, or null. */
    static String instId(final String frame)
    {
        final JsonNode root = tree(frame);
        return root != null && root.path("arg").path("instId").isTextual() ? root.get("arg").get("instId").textValue() :
            null;
    }

    /** What {@code frame} must become when its instId is instrument {@code id}. */
    static Expected expected(final String frame, final int id)
    {
        if (frame.equals("pong"))
        {
            return new Expected(Outcome.IGNORED, List.of());
        }
        final JsonNode root = tree(frame);
        if (root == null || !root.isObject())
        {
            return new Expected(Outcome.REJECTED, List.of());
        }
        if (root.has("event") || !root.path("data").isArray() || !root.path("arg").path("channel").isTextual())
        {
            return new Expected(Outcome.IGNORED, List.of());
        }
        final String channel = root.get("arg").get("channel").textValue();
        final String instId = root.get("arg").path("instId").asText("");
        final JsonNode data = root.get("data");
        final List<String> lines = switch (channel)
        {
            case "trades", "trades-all" -> trades(data, id);
            case "books", "books-l2-tbt", "books50-l2-tbt" -> book(root, data.get(0), id);
            case "bbo-tbt", "books5" -> topLevels(data.get(0), id);
            case "tickers" -> ticker(data.get(0), id);
            default ->
            {
                if (channel.startsWith("candle") && BARS.containsKey(channel.substring("candle".length())))
                {
                    yield candles(data, BARS.get(channel.substring("candle".length())), instId, id);
                }
                yield null;
            }
        };
        return lines == null ? new Expected(Outcome.IGNORED, List.of()) : new Expected(Outcome.EVENT, lines);
    }

    private static List<String> trades(final JsonNode data, final int id)
    {
        final List<JsonNode> trades = new ArrayList<>();
        data.forEach(trades::add);
        trades.sort(Comparator.comparing(t -> new BigInteger(t.get("tradeId").textValue())));
        return trades.stream().map(t -> "trade " + id + " " + t.get("side").textValue().toUpperCase() + " p=" +
            decimal(t.get("px")) + " q=" + decimal(t.get("sz")) + " id=" + t.get("tradeId").textValue() + " T=" +
            Long.parseLong(t.get("ts").textValue()) * MS).toList();
    }

    private static List<String> book(final JsonNode root, final JsonNode entry, final int id)
    {
        final boolean snapshot = root.get("action").textValue().equals("snapshot");
        final long seqId = entry.has("seqId") ? entry.get("seqId").longValue() : NO_ID;
        final long prevSeqId = entry.has("prevSeqId") ? entry.get("prevSeqId").longValue() : -1;
        final long first = snapshot || prevSeqId < 0 ? seqId : prevSeqId + 1;
        final StringBuilder text = new StringBuilder("book " + id + " " + (snapshot ? "SNAPSHOT" : "DELTA") + " U=" +
            first + " u=" + seqId + " E=" + Long.parseLong(entry.get("ts").textValue()) * MS + " [");
        entry.fieldNames().forEachRemaining(name ->
        {
            if (name.equals("asks") || name.equals("bids"))
            {
                for (final JsonNode level : entry.get(name))
                {
                    text.append(name.equals("asks") ? "SELL" : "BUY").append(' ').append(decimal(level.get(0)))
                        .append(' ').append(decimal(level.get(1))).append(';');
                }
            }
        });
        return List.of(text.append(']').toString());
    }

    private static List<String> topLevels(final JsonNode entry, final int id)
    {
        final JsonNode bid = entry.get("bids").path(0);
        final JsonNode ask = entry.get("asks").path(0);
        final long seqId = entry.has("seqId") ? entry.get("seqId").longValue() : 0;
        return List.of("top " + id + " u=" + seqId + " b=" + orZero(bid.path(0)) + " B=" + orZero(bid.path(1)) +
            " a=" + orZero(ask.path(0)) + " A=" + orZero(ask.path(1)) + " T=" +
            Long.parseLong(entry.get("ts").textValue()) * MS);
    }

    private static List<String> ticker(final JsonNode entry, final int id)
    {
        return List.of("top " + id + " u=0 b=" + orZero(entry.get("bidPx")) + " B=" + orZero(entry.get("bidSz")) +
            " a=" + orZero(entry.get("askPx")) + " A=" + orZero(entry.get("askSz")) + " T=" +
            Long.parseLong(entry.get("ts").textValue()) * MS);
    }

    private static List<String> candles(final JsonNode data, final String interval, final String instId, final int id)
    {
        final boolean derivative = instId.chars().filter(c -> c == '-').count() > 1;
        final List<String> lines = new ArrayList<>();
        for (final JsonNode row : data)
        {
            final long open = Long.parseLong(row.get(0).textValue());
            final boolean closed = row.size() > 8 && row.get(8).textValue().equals("1");
            final String volume = derivative ? decimal(row.get(6)) : decimal(row.get(5));
            final String quote = derivative ? (row.size() > 7 ? decimal(row.get(7)) : "0") :
                decimal(row.size() > 7 ? row.get(7) : row.get(6));
            lines.add("candle " + id + " " + interval + " VENUE_STREAM x=" + (closed ? "TRUE" : "FALSE") + " t=" +
                open * MS + " T=" + (open + BAR_MS.get(interval) - 1) * MS + " o=" + decimal(row.get(1)) + " h=" +
                decimal(row.get(2)) + " l=" + decimal(row.get(3)) + " c=" + decimal(row.get(4)) + " v=" + volume +
                " q=" + quote + " n=0 E=0");
        }
        return lines;
    }

    /** The decimal as written (BigDecimal keeps the scale), or 0 for an empty string. */
    private static String orZero(final JsonNode node)
    {
        return node.isMissingNode() || node.asText().isEmpty() ? "0" : decimal(node);
    }

    private static String decimal(final JsonNode node)
    {
        return new BigDecimal(node.asText()).toPlainString();
    }
}
