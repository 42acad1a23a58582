package zvt.crypto.feed.okx;

import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.candle.CandleListener;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.DecimalError;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.rest.RestRequest;
import zvt.crypto.feed.rest.klines.KlineFormatException;
import zvt.crypto.feed.rest.klines.VenueKlineApi;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * OKX {@code GET /api/v5/market/history-candles?instId=&bar=&after=&before=&limit=}: at most 100 candles, newest
 * first, 20 requests per 2 s; {@code after} returns candles older than a time, {@code before} newer ones. Body
 * {@code {"code":"0","msg":"","data":[[ts,o,h,l,c,vol,volCcy,volCcyQuote,confirm],…]}} with every value a string;
 * a {@code code} other than "0" is an error even with HTTP 200. Spot: {@code vol} is base volume and the quote
 * volume is {@code volCcyQuote} (or {@code volCcy} in the 8-column form); swaps and futures ({@code -SWAP}, dated
 * ids) count {@code vol} in contracts, so their base volume is {@code volCcy}. Bars of six hours and more use OKX's
 * UTC-aligned variants ({@code 1Dutc}). {@code confirm:"0"} marks a forming candle. Not thread-safe.
 */
public final class OkxKlineApi extends VenueKlineApi
{
    public static final String PATH = "/api/v5/market/history-candles";
    public static final int PAGE_SIZE = 100;
    private static final byte[] CODE = "code".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MSG = "msg".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO = "0".getBytes(StandardCharsets.US_ASCII);

    private boolean derivative;

    public OkxKlineApi()
    {
        super(Venue.OKX, "https://www.okx.com", PAGE_SIZE, 20, 2, TimeUnit.SECONDS);
    }

    public String venueSymbol(final String symbol)
    {
        return symbol;
    }

    public boolean supports(final CandleInterval interval)
    {
        return bar(interval) != null;
    }

    /** The OKX {@code bar} parameter, or null when OKX has no such bar. */
    public static String bar(final CandleInterval interval)
    {
        return switch (interval)
        {
            case S1 -> "1s";
            case M1 -> "1m";
            case M3 -> "3m";
            case M5 -> "5m";
            case M15 -> "15m";
            case M30 -> "30m";
            case H1 -> "1H";
            case H2 -> "2H";
            case H4 -> "4H";
            case H6 -> "6Hutc";
            case H12 -> "12Hutc";
            case D1 -> "1Dutc";
            case D3 -> "3Dutc";
            case W1 -> "1Wutc";
            default -> null;
        };
    }

    public RestRequest pageRequest(
        final String baseUri, final String venueSymbol, final CandleInterval interval, final long fromMs,
        final long toMs)
    {
        derivative = venueSymbol.endsWith("-SWAP") || venueSymbol.chars().filter(c -> c == '-').count() >= 2;
        return RestRequest.get(baseUri, PATH)
            .query("instId", venueSymbol)
            .query("bar", bar(interval))
            .query("after", toMs)
            .query("before", fromMs - 1)
            .query("limit", PAGE_SIZE);
    }

    /** Whether the last requested instrument counts volume in contracts (set by {@link #pageRequest}). */
    public OkxKlineApi derivative(final boolean derivative)
    {
        this.derivative = derivative;
        return this;
    }

    public int parse(
        final byte[] body, final int instrumentId, final CandleInterval interval, final long receiveTimeNanos,
        final CandleBar scratch, final CandleListener sink) throws KlineFormatException
    {
        view.wrap(body);
        json.wrap(view, 0, body.length);
        final JsonCursor cursor = json.cursor;
        json.expect(JsonCursor.BEGIN_OBJECT, "at the start");
        boolean ok = false;
        String message = "";
        int count = 0;
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
            if (cursor.tokenEquals(CODE))
            {
                cursor.next();
                ok = cursor.tokenEquals(ZERO);
                if (!ok)
                {
                    message = "code " + json.tokenText() + message;
                }
            }
            else if (cursor.tokenEquals(MSG))
            {
                cursor.next();
                message = message + " " + json.tokenText();
            }
            else if (cursor.tokenEquals(DATA))
            {
                if (!ok)
                {
                    break;
                }
                count = parseRows(instrumentId, interval, receiveTimeNanos, scratch, sink);
            }
            else
            {
                cursor.next();
                cursor.skipValue();
            }
        }
        if (!ok)
        {
            throw json.error("error answer: " + message.trim());
        }
        return count;
    }

    private int parseRows(
        final int instrumentId, final CandleInterval interval, final long receiveTimeNanos, final CandleBar scratch,
        final CandleListener sink) throws KlineFormatException
    {
        final JsonCursor cursor = json.cursor;
        json.expect(JsonCursor.BEGIN_ARRAY, "data");
        int count = 0;
        while (json.nextRow())
        {
            final long openTimeMs = json.nextLong("ts");
            json.nextDecimal(json.open, "o");
            json.nextDecimal(json.high, "h");
            json.nextDecimal(json.low, "l");
            json.nextDecimal(json.close, "c");
            json.nextDecimal(json.volume, "vol");
            json.nextDecimal(json.quoteVolume, "volCcy");
            final long volCcyMantissa = json.quoteVolume.mantissa();
            final int volCcyExponent = json.quoteVolume.exponent();
            // 9 columns: volCcyQuote then confirm; older 8-column answers: confirm only.
            boolean confirmed = true;
            boolean hasVolCcyQuote = false;
            if (cursor.next() != JsonCursor.END_ARRAY)
            {
                final int eighthOffset = cursor.tokenOffset();
                final int eighthLength = cursor.tokenLength();
                if (cursor.next() == JsonCursor.END_ARRAY)
                {
                    confirmed = !isZero(eighthOffset, eighthLength);
                }
                else
                {
                    confirmed = !cursor.tokenEquals(ZERO);
                    final DecimalError error =
                        AsciiDecimal.parse(cursor.buffer(), eighthOffset, eighthLength, json.quoteVolume);
                    if (error != DecimalError.NONE)
                    {
                        throw json.error("volCcyQuote: " + error.reason());
                    }
                    hasVolCcyQuote = true;
                    json.skipToEndOfArray();
                }
            }
            json.startBar(scratch, instrumentId, Venue.OKX, interval, TimeUnit.MILLISECONDS.toNanos(openTimeMs),
                receiveTimeNanos)
                .tradeCount(CandleBar.UNKNOWN_TRADE_COUNT)
                .closed(confirmed);
            if (derivative)
            {
                scratch.volume(volCcyMantissa, volCcyExponent);
                if (hasVolCcyQuote)
                {
                    scratch.quoteVolume(json.quoteVolume.mantissa(), json.quoteVolume.exponent());
                }
                else
                {
                    scratch.quoteVolumeUnknown();
                }
            }
            else
            {
                scratch.quoteVolume(json.quoteVolume.mantissa(), json.quoteVolume.exponent());
                if (!hasVolCcyQuote)
                {
                    scratch.quoteVolume(volCcyMantissa, volCcyExponent);
                }
            }
            sink.onCandle(scratch);
            count++;
        }
        return count;
    }

    private boolean isZero(final int offset, final int length)
    {
        return length == 1 && json.cursor.buffer().getByte(offset) == '0';
    }
}
