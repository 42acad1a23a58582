package zvt.crypto.feed.rest.klines;

import org.agrona.DirectBuffer;
import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.DecimalError;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;

import java.nio.charset.StandardCharsets;

/**
 * Reading helpers shared by the kline parsers: the next value as a decimal or an integer, whether the venue wrote it
 * as a JSON string ({@code "6733.55"}) or a number ({@code 6733.55}), exactly. Not thread-safe: one per parser.
 */
public final class KlineJson
{
    public final JsonCursor cursor = new JsonCursor();
    public final MutableDecimal open = new MutableDecimal();
    public final MutableDecimal high = new MutableDecimal();
    public final MutableDecimal low = new MutableDecimal();
    public final MutableDecimal close = new MutableDecimal();
    public final MutableDecimal volume = new MutableDecimal();
    public final MutableDecimal quoteVolume = new MutableDecimal();
    private final String venue;

    KlineJson(final String venue)
    {
        this.venue = venue;
    }

    public KlineJson wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        cursor.wrap(buffer, offset, length);
        return this;
    }

    /** Advances and requires the given token. */
    public void expect(final int token, final String where) throws KlineFormatException
    {
        final int actual = cursor.next();
        if (actual != token)
        {
            throw error("unexpected token " + actual + " (wanted " + token + ") " + where);
        }
    }

    /** Advances to the next value and reads it as a decimal. */
    public void nextDecimal(final MutableDecimal result, final String field) throws KlineFormatException
    {
        final int token = cursor.next();
        if (token != JsonCursor.STRING && token != JsonCursor.NUMBER)
        {
            throw error(field + " is not a number or a string: token " + token);
        }
        final DecimalError error =
            AsciiDecimal.parse(cursor.buffer(), cursor.tokenOffset(), cursor.tokenLength(), result);
        if (error != DecimalError.NONE)
        {
            throw error(field + " '" + tokenText() + "': " + error.reason());
        }
    }

    /** Advances to the next value and reads it as an integer. */
    public long nextLong(final String field) throws KlineFormatException
    {
        final int token = cursor.next();
        if (token != JsonCursor.STRING && token != JsonCursor.NUMBER)
        {
            throw error(field + " is not a number or a string: token " + token);
        }
        final long value = cursor.tokenAsLong();
        if (value == Long.MIN_VALUE)
        {
            throw error(field + " '" + tokenText() + "' is not an integer");
        }
        return value;
    }

    /**
     * Moves to the next candle row of an array of rows.
     *
     * @return false at the end of the rows.
     */
    public boolean nextRow() throws KlineFormatException
    {
        final int token = cursor.next();
        if (token == JsonCursor.END_ARRAY)
        {
            return false;
        }
        if (token != JsonCursor.BEGIN_ARRAY)
        {
            throw error("candle row is not an array: token " + token);
        }
        return true;
    }

    /**
     * Starts a REST candle in {@code bar} from the prices and volume just read; the caller sets quote volume, trade
     * count and the closed flag, which venues report differently.
     */
    public CandleBar startBar(
        final CandleBar bar,
        final int instrumentId,
        final Venue venueId,
        final CandleInterval interval,
        final long openTimeNanos,
        final long receiveTimeNanos)
    {
        return bar.start(instrumentId, venueId, interval, CandleSource.REST, openTimeNanos)
            .prices(open.mantissa(), open.exponent(), high.mantissa(), high.exponent(),
                low.mantissa(), low.exponent(), close.mantissa(), close.exponent())
            .volume(volume.mantissa(), volume.exponent())
            .receiveTimeNanos(receiveTimeNanos);
    }

    /** Skips the rest of the current array (values after the ones a parser reads). */
    public void skipToEndOfArray() throws KlineFormatException
    {
        while (true)
        {
            final int token = cursor.next();
            if (token == JsonCursor.END_ARRAY)
            {
                return;
            }
            if (token == JsonCursor.ERROR || token == JsonCursor.END || !cursor.skipValue())
            {
                throw error("unterminated row");
            }
        }
    }

    public String tokenText()
    {
        final byte[] bytes = new byte[Math.min(cursor.tokenLength(), 200)];
        cursor.buffer().getBytes(cursor.tokenOffset(), bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    public KlineFormatException error(final String message)
    {
        return new KlineFormatException(venue + " klines: " + message);
    }
}
