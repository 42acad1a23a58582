package zvt.crypto.feed.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import zvt.crypto.feed.test.EventCollector;
import zvt.crypto.feed.test.Recordings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The test oracle for Coinbase: a deliberately plain decoder on Jackson, BigDecimal and {@link Instant#parse} that
 * turns each frame into the canonical text {@link EventCollector} renders from what the fast decoder published,
 * following the rules the adapter documents (trades oldest first and aggressor = the other side of the maker's
 * {@code side}; quotes at the envelope time with no sequence; 5-minute candles closed once the envelope time
 * reaches their end; one book message per {@code l2_data} event with ids = {@code sequence_num}, deltas before a
 * product's first snapshot dropped, the first snapshot followed by RESYNCED). One per recording (it remembers which
 * books have had their snapshot).
 */
final class ReferenceCoinbaseDecoder
{
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Every message type of the Coinbase Exchange ws-feed (and its requests) the recordings hold. */
    static final Set<String> EXCHANGE_TYPES = Set.of(
        "subscribe", "unsubscribe", "subscriptions", "heartbeat", "ticker", "match", "last_match", "snapshot",
        "l2update", "error");
    private static final long NANOS = 1_000_000_000L;

    private final Map<String, Integer> ids;
    private final Set<String> booksStarted = new HashSet<>();

    /** @param ids instrument id by product id (products not in it are not subscribed). */
    ReferenceCoinbaseDecoder(final Map<String, Integer> ids)
    {
        this.ids = ids;
    }

    /** Every recorded WebSocket file under {@code dir} (all {@code *.jsonl} but REST bodies {@code rest_*}). */
    static List<Path> recordings(final Path dir)
    {
        return Recordings.find(dir, "glob:**.jsonl", "glob:**/rest_*");
    }

    static List<String> lines(final Path file)
    {
        return Recordings.lines(file);
    }

    static JsonNode tree(final String frame)
    {
        try
        {
            return MAPPER.readTree(frame);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("not JSON: " + frame, ex);
        }
    }

    /** Every product id named in the frames (envelope events, their lists, and Exchange messages). */
    static Set<String> products(final List<String> frames)
    {
        final Set<String> products = new TreeSet<>();
        for (final String frame : frames)
        {
            tree(frame).findValues("product_id").forEach(node -> products.add(node.asText()));
        }
        return products;
    }

    /** The canonical lines the frame must produce. */
    List<String> expected(final String frame)
    {
        final JsonNode root = tree(frame);
        final List<String> lines = new ArrayList<>();
        if (root.has("type"))
        {
            return lines;
        }
        final long timestamp = root.has("timestamp") ? nanos(root.get("timestamp").asText()) : -1;
        final long sequence = root.get("sequence_num").longValue();
        for (final JsonNode event : root.path("events"))
        {
            switch (root.get("channel").asText())
            {
                case "market_trades" -> trades(event, lines);
                case "ticker", "ticker_batch" ->
                    event.get("tickers").forEach(ticker -> ticker(ticker, timestamp, lines));
                case "candles" -> candles(event, timestamp, lines);
                case "l2_data" -> book(event, sequence, timestamp, lines);
                default ->
                {
                }
            }
        }
        return lines;
    }

    private void trades(final JsonNode event, final List<String> lines)
    {
        final List<JsonNode> trades = new ArrayList<>();
        event.get("trades").forEach(trades::add);
        final List<JsonNode> oldestFirst = new ArrayList<>(trades.reversed());
        oldestFirst.sort(Comparator.comparing(trade -> new BigInteger(trade.get("trade_id").asText())));
        for (final JsonNode trade : oldestFirst)
        {
            final Integer id = ids.get(trade.get("product_id").asText());
            if (id != null)
            {
                lines.add("trade " + id + " " + ("SELL".equals(trade.get("side").asText()) ? "BUY" : "SELL") +
                    " p=" + plain(trade.get("price")) + " q=" + plain(trade.get("size")) + " id=" +
                    trade.get("trade_id").asText() + " T=" + nanos(trade.get("time").asText()));
            }
        }
    }

    private void ticker(final JsonNode ticker, final long timestamp, final List<String> lines)
    {
        final Integer id = ids.get(ticker.get("product_id").asText());
        if (id != null)
        {
            lines.add("top " + id + " u=0 b=" + plain(ticker.get("best_bid")) + " B=" +
                plain(ticker.get("best_bid_quantity")) + " a=" + plain(ticker.get("best_ask")) + " A=" +
                plain(ticker.get("best_ask_quantity")) + " T=" + timestamp);
        }
    }

    private void candles(final JsonNode event, final long timestamp, final List<String> lines)
    {
        final List<JsonNode> candles = new ArrayList<>();
        event.get("candles").forEach(candles::add);
        final List<JsonNode> ordered = new ArrayList<>(candles.reversed());
        ordered.sort(Comparator.comparing(candle -> Long.parseLong(candle.get("start").asText())));
        for (final JsonNode candle : ordered)
        {
            final Integer id = ids.get(candle.get("product_id").asText());
            if (id != null)
            {
                final long open = Long.parseLong(candle.get("start").asText()) * NANOS;
                final boolean closed = timestamp >= open + 300 * NANOS;
                lines.add("candle " + id + " M5 VENUE_STREAM x=" + (closed ? "TRUE" : "FALSE") + " t=" + open +
                    " T=" + (open + 300 * NANOS - 1_000_000) + " o=" + plain(candle.get("open")) +
                    " h=" + plain(candle.get("high")) + " l=" + plain(candle.get("low")) + " c=" +
                    plain(candle.get("close")) + " v=" + plain(candle.get("volume")) + " q=0 n=0 E=" + timestamp);
            }
        }
    }

    private void book(final JsonNode event, final long sequence, final long timestamp, final List<String> lines)
    {
        final String product = event.get("product_id").asText();
        final Integer id = ids.get(product);
        final boolean snapshot = "snapshot".equals(event.get("type").asText());
        if (id == null || (!snapshot && !booksStarted.contains(product)))
        {
            return;
        }
        long exchangeTime = -1;
        final StringBuilder text = new StringBuilder();
        for (final JsonNode level : event.get("updates"))
        {
            exchangeTime = Math.max(exchangeTime, nanos(level.get("event_time").asText()));
            text.append("bid".equals(level.get("side").asText()) ? "BUY" : "SELL").append(' ')
                .append(plain(level.get("price_level"))).append(' ').append(plain(level.get("new_quantity")))
                .append(';');
        }
        lines.add("book " + id + " " + (snapshot ? "SNAPSHOT" : "DELTA") + " U=" + sequence + " u=" + sequence +
            " E=" + (exchangeTime >= 0 ? exchangeTime : timestamp) + " [" + text + "]");
        if (snapshot && booksStarted.add(product))
        {
            lines.add("status " + id + " RESYNCED snapshot id " + sequence);
        }
    }

    static long nanos(final String time)
    {
        final Instant instant = Instant.parse(time);
        return instant.getEpochSecond() * NANOS + instant.getNano();
    }

    private static String plain(final JsonNode decimal)
    {
        return new BigDecimal(decimal.asText()).toPlainString();
    }
}
