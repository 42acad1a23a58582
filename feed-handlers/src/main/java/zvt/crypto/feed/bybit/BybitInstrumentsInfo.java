package zvt.crypto.feed.bybit;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.DecimalError;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.venue.ReferenceData;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Bybit {@code GET /v5/market/instruments-info?category=spot|linear} into per-symbol reference data and
 * refines the registry's Bybit instruments with it: tick size from {@code priceFilter.tickSize}, lot size from
 * {@code lotSizeFilter.qtyStep} (linear) or {@code lotSizeFilter.basePrecision} (spot, which has no qtyStep).
 * A {@code retCode} other than 0 is an error even with HTTP 200. Reference data, not the hot path: it allocates.
 * Stateless and thread-safe.
 */
public final class BybitInstrumentsInfo
{
    /**
     * One instrument of the response.
     *
     * @param priceExponent exponent of the tick size with trailing zeros removed ({@code 0.10} → -1).
     * @param tickSize      tick size mantissa at {@code priceExponent} (0 if not given).
     */
    public record SymbolInfo(
        String venueSymbol, String status, String baseCoin, String quoteCoin,
        int priceExponent, long tickSize, int sizeExponent, long lotSize)
    {
    }

    private static final byte[] RET_CODE = ascii("retCode");
    private static final byte[] RET_MSG = ascii("retMsg");
    private static final byte[] RESULT = ascii("result");
    private static final byte[] LIST = ascii("list");
    private static final byte[] SYMBOL = ascii("symbol");
    private static final byte[] STATUS = ascii("status");
    private static final byte[] BASE_COIN = ascii("baseCoin");
    private static final byte[] QUOTE_COIN = ascii("quoteCoin");
    private static final byte[] PRICE_FILTER = ascii("priceFilter");
    private static final byte[] LOT_SIZE_FILTER = ascii("lotSizeFilter");
    private static final byte[] TICK_SIZE = ascii("tickSize");
    private static final byte[] QTY_STEP = ascii("qtyStep");
    private static final byte[] BASE_PRECISION = ascii("basePrecision");

    private BybitInstrumentsInfo()
    {
    }

    /**
     * @return every instrument of the body, in order.
     * @throws IllegalArgumentException if the body is not a successful instruments-info response.
     */
    public static List<SymbolInfo> parse(final DirectBuffer body, final int offset, final int length)
    {
        final JsonCursor cursor = new JsonCursor().wrap(body, offset, length);
        require(cursor.next() == JsonCursor.BEGIN_OBJECT, "not a JSON object");
        long retCode = Long.MIN_VALUE;
        String retMsg = "";
        List<SymbolInfo> symbols = null;
        while (cursor.next() == JsonCursor.FIELD_NAME)
        {
            final boolean isRetCode = cursor.tokenEquals(RET_CODE);
            final boolean isRetMsg = cursor.tokenEquals(RET_MSG);
            final boolean isResult = cursor.tokenEquals(RESULT);
            final int value = cursor.next();
            if (isRetCode && value == JsonCursor.NUMBER)
            {
                retCode = cursor.tokenAsLong();
            }
            else if (isRetMsg && value == JsonCursor.STRING)
            {
                retMsg = ReferenceData.text(cursor);
            }
            else if (isResult && value == JsonCursor.BEGIN_OBJECT)
            {
                symbols = readResult(cursor);
            }
            else
            {
                require(cursor.skipValue(), "malformed JSON");
            }
        }
        require(cursor.token() == JsonCursor.END_OBJECT, "malformed JSON");
        require(retCode == 0, "retCode " + retCode + " " + retMsg);
        require(symbols != null, "no result.list");
        return symbols;
    }

    /**
     * Puts refined copies of the registry's Bybit instruments of {@code marketType} that the response lists (same
     * id and symbols; exponents, tick and lot sizes from the response).
     *
     * @return the instruments refined.
     */
    public static List<Instrument> refine(
        final InstrumentRegistry registry, final MarketType marketType, final List<SymbolInfo> symbols)
    {
        final List<Instrument> refined = new ArrayList<>();
        for (final SymbolInfo info : symbols)
        {
            final Instrument known = registry.byVenueSymbol(Venue.BYBIT, marketType, info.venueSymbol());
            if (known != null)
            {
                refined.add(registry.put(known.withSizes(
                    info.priceExponent(), info.sizeExponent(), info.tickSize(), info.lotSize())));
            }
        }
        return refined;
    }

    private static List<SymbolInfo> readResult(final JsonCursor cursor)
    {
        List<SymbolInfo> symbols = null;
        while (cursor.next() == JsonCursor.FIELD_NAME)
        {
            final boolean isList = cursor.tokenEquals(LIST);
            final int value = cursor.next();
            if (isList && value == JsonCursor.BEGIN_ARRAY)
            {
                symbols = new ArrayList<>();
                while (cursor.next() == JsonCursor.BEGIN_OBJECT)
                {
                    symbols.add(readSymbol(cursor));
                }
                require(cursor.token() == JsonCursor.END_ARRAY, "list is not an array of objects");
            }
            else
            {
                require(cursor.skipValue(), "malformed JSON");
            }
        }
        require(cursor.token() == JsonCursor.END_OBJECT, "malformed result");
        return symbols;
    }

    private static SymbolInfo readSymbol(final JsonCursor cursor)
    {
        String symbol = null;
        String status = null;
        String base = null;
        String quote = null;
        final MutableDecimal tick = new MutableDecimal();
        final MutableDecimal qtyStep = new MutableDecimal();
        final MutableDecimal basePrecision = new MutableDecimal();
        while (cursor.next() == JsonCursor.FIELD_NAME)
        {
            final boolean isSymbol = cursor.tokenEquals(SYMBOL);
            final boolean isStatus = cursor.tokenEquals(STATUS);
            final boolean isBase = cursor.tokenEquals(BASE_COIN);
            final boolean isQuote = cursor.tokenEquals(QUOTE_COIN);
            final boolean isPriceFilter = cursor.tokenEquals(PRICE_FILTER);
            final boolean isLotSizeFilter = cursor.tokenEquals(LOT_SIZE_FILTER);
            final int value = cursor.next();
            if (value == JsonCursor.STRING && (isSymbol || isStatus || isBase || isQuote))
            {
                final String text = ReferenceData.text(cursor);
                symbol = isSymbol ? text : symbol;
                status = isStatus ? text : status;
                base = isBase ? text : base;
                quote = isQuote ? text : quote;
            }
            else if (value == JsonCursor.BEGIN_OBJECT && isPriceFilter)
            {
                readFilter(cursor, TICK_SIZE, tick, null, null);
            }
            else if (value == JsonCursor.BEGIN_OBJECT && isLotSizeFilter)
            {
                readFilter(cursor, QTY_STEP, qtyStep, BASE_PRECISION, basePrecision);
            }
            else
            {
                require(cursor.skipValue(), "malformed JSON");
            }
        }
        require(symbol != null, "an instrument without field symbol");
        final MutableDecimal lot = qtyStep.mantissa() != 0 ? qtyStep : basePrecision;
        final int priceExponent = ReferenceData.stripped(tick);
        final int sizeExponent = ReferenceData.stripped(lot);
        return new SymbolInfo(symbol, status, base, quote, priceExponent, tick.mantissa(), sizeExponent,
            lot.mantissa());
    }

    /** Reads the decimal strings {@code name} (and {@code otherName}) of the filter object just opened. */
    private static void readFilter(
        final JsonCursor cursor, final byte[] name, final MutableDecimal into, final byte[] otherName,
        final MutableDecimal otherInto)
    {
        while (cursor.next() == JsonCursor.FIELD_NAME)
        {
            final boolean isName = cursor.tokenEquals(name);
            final boolean isOther = otherName != null && cursor.tokenEquals(otherName);
            final int value = cursor.next();
            if (value == JsonCursor.STRING && (isName || isOther))
            {
                require(AsciiDecimal.parse(cursor.buffer(), cursor.tokenOffset(), cursor.tokenLength(),
                    isName ? into : otherInto) == DecimalError.NONE, "bad " + ReferenceData.text(cursor));
            }
            else
            {
                require(cursor.skipValue(), "malformed JSON");
            }
        }
        require(cursor.token() == JsonCursor.END_OBJECT, "malformed filter");
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("not a Bybit instruments-info answer: " + message);
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
