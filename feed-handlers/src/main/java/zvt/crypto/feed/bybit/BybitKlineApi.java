package zvt.crypto.feed.bybit;

import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.candle.CandleListener;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.rest.RestRequest;
import zvt.crypto.feed.rest.klines.KlineFormatException;
import zvt.crypto.feed.rest.klines.VenueKlineApi;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Bybit v5 {@code GET /v5/market/kline?category=&symbol=&interval=&start=&end=&limit=}: at most 1,000 candles,
 * newest first, 600 requests per 5 s per IP. Body {@code {"retCode":0,"retMsg":"OK","result":{"category","symbol",
 * "list":[[startTime,open,high,low,close,volume,turnover],…]},…}} with every row value a string; a {@code retCode}
 * other than 0 is an error. For spot and linear the volume is in the base coin and the turnover in the quote coin;
 * there is no trade count. The category is {@code spot} unless set. Not thread-safe.
 */
public final class BybitKlineApi extends VenueKlineApi
{
    public static final String PATH = "/v5/market/kline";
    public static final int PAGE_SIZE = 1_000;
    private static final byte[] RET_CODE = "retCode".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RET_MSG = "retMsg".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESULT = "result".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LIST = "list".getBytes(StandardCharsets.US_ASCII);

    private String category = "spot";

    public BybitKlineApi()
    {
        super(Venue.BYBIT, "https://api.bybit.com", PAGE_SIZE, 600, 5, TimeUnit.SECONDS);
    }

    /** {@code spot} (default) or {@code linear}. */
    public BybitKlineApi category(final String category)
    {
        this.category = category;
        return this;
    }

    public String venueSymbol(final String symbol)
    {
        return symbol.replace("-", "");
    }

    public boolean supports(final CandleInterval interval)
    {
        return interval(interval) != null;
    }

    /** The Bybit {@code interval} parameter, or null when Bybit has no such interval. */
    public static String interval(final CandleInterval interval)
    {
        return switch (interval)
        {
            case M1 -> "1";
            case M3 -> "3";
            case M5 -> "5";
            case M15 -> "15";
            case M30 -> "30";
            case H1 -> "60";
            case H2 -> "120";
            case H4 -> "240";
            case H6 -> "360";
            case H12 -> "720";
            case D1 -> "D";
            case W1 -> "W";
            default -> null;
        };
    }

    public RestRequest pageRequest(
        final String baseUri, final String venueSymbol, final CandleInterval interval, final long fromMs,
        final long toMs)
    {
        return RestRequest.get(baseUri, PATH)
            .query("category", category)
            .query("symbol", venueSymbol)
            .query("interval", interval(interval))
            .query("start", fromMs)
            .query("end", toMs - 1)
            .query("limit", PAGE_SIZE);
    }

    public int parse(
        final byte[] body, final int instrumentId, final CandleInterval interval, final long receiveTimeNanos,
        final CandleBar scratch, final CandleListener sink) throws KlineFormatException
    {
        view.wrap(body);
        json.wrap(view, 0, body.length);
        final JsonCursor cursor = json.cursor;
        json.expect(JsonCursor.BEGIN_OBJECT, "at the start");
        long retCode = Long.MIN_VALUE;
        String message = "";
        int count = -1;
        while (true)
        {
            final int token = cursor.next();
            if (token == JsonCursor.END_OBJECT)
            {
                break;
            }
            if (token != JsonCursor.FIELD_NAME)
            {
                throw json.error("malformed envelope: token " + token);
            }
            if (cursor.tokenEquals(RET_CODE))
            {
                retCode = json.nextLong("retCode");
            }
            else if (cursor.tokenEquals(RET_MSG))
            {
                cursor.next();
                message = json.tokenText();
            }
            else if (cursor.tokenEquals(RESULT) && retCode == 0)
            {
                count = parseResult(instrumentId, interval, receiveTimeNanos, scratch, sink);
            }
            else
            {
                cursor.next();
                cursor.skipValue();
            }
        }
        if (retCode != 0)
        {
            throw json.error("error answer: retCode " + retCode + " " + message);
        }
        if (count < 0)
        {
            throw json.error("no result.list in the answer");
        }
        return count;
    }

    private int parseResult(
        final int instrumentId, final CandleInterval interval, final long receiveTimeNanos, final CandleBar scratch,
        final CandleListener sink) throws KlineFormatException
    {
        final JsonCursor cursor = json.cursor;
        json.expect(JsonCursor.BEGIN_OBJECT, "result");
        int count = -1;
        while (true)
        {
            final int token = cursor.next();
            if (token == JsonCursor.END_OBJECT)
            {
                return count;
            }
            if (token != JsonCursor.FIELD_NAME)
            {
                throw json.error("malformed result: token " + token);
            }
            if (cursor.tokenEquals(LIST))
            {
                count = parseList(instrumentId, interval, receiveTimeNanos, scratch, sink);
            }
            else
            {
                cursor.next();
                cursor.skipValue();
            }
        }
    }

    private int parseList(
        final int instrumentId, final CandleInterval interval, final long receiveTimeNanos, final CandleBar scratch,
        final CandleListener sink) throws KlineFormatException
    {
        json.expect(JsonCursor.BEGIN_ARRAY, "list");
        int count = 0;
        while (json.nextRow())
        {
            final long openTimeMs = json.nextLong("startTime");
            json.nextDecimal(json.open, "open");
            json.nextDecimal(json.high, "high");
            json.nextDecimal(json.low, "low");
            json.nextDecimal(json.close, "close");
            json.nextDecimal(json.volume, "volume");
            json.nextDecimal(json.quoteVolume, "turnover");
            json.skipToEndOfArray();
            json.startBar(scratch, instrumentId, Venue.BYBIT, interval, TimeUnit.MILLISECONDS.toNanos(openTimeMs),
                receiveTimeNanos)
                .quoteVolume(json.quoteVolume.mantissa(), json.quoteVolume.exponent())
                .tradeCount(CandleBar.UNKNOWN_TRADE_COUNT)
                .closed(true);
            sink.onCandle(scratch);
            count++;
        }
        return count;
    }
}
