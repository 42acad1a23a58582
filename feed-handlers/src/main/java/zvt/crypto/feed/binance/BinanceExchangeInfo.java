package zvt.crypto.feed.binance;

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
 * Reads Binance {@code GET /api/v3/exchangeInfo} into per-symbol reference data (tick size from
 * {@code PRICE_FILTER.tickSize}, lot size from {@code LOT_SIZE.stepSize}) and refines the registry's Binance spot
 * instruments with it; {@link InstrumentRegistry#put} tells the registry's listeners (the node journals an
 * InstrumentDefinition). Reference data, not the hot path: it allocates. Stateless and thread-safe.
 */
public final class BinanceExchangeInfo
{
    /**
     * One symbol of the response.
     *
     * @param priceExponent exponent of the tick size with trailing zeros removed ({@code 0.01000000} → -2).
     * @param tickSize      tick size mantissa at {@code priceExponent} (1 for {@code 0.01}; 0 if not given).
     */
    public record SymbolInfo(
        String venueSymbol, String status, String baseAsset, String quoteAsset,
        int priceExponent, long tickSize, int sizeExponent, long lotSize)
    {
        public String symbol()
        {
            return baseAsset + "-" + quoteAsset;
        }
    }

    private static final byte[] SYMBOLS = ascii("symbols");
    private static final byte[] SYMBOL = ascii("symbol");
    private static final byte[] STATUS = ascii("status");
    private static final byte[] BASE_ASSET = ascii("baseAsset");
    private static final byte[] QUOTE_ASSET = ascii("quoteAsset");
    private static final byte[] FILTERS = ascii("filters");
    private static final byte[] FILTER_TYPE = ascii("filterType");
    private static final byte[] PRICE_FILTER = ascii("PRICE_FILTER");
    private static final byte[] LOT_SIZE = ascii("LOT_SIZE");
    private static final byte[] TICK_SIZE = ascii("tickSize");
    private static final byte[] STEP_SIZE = ascii("stepSize");

    private BinanceExchangeInfo()
    {
    }

    /**
     * @return every symbol of the body, in order.
     * @throws IllegalArgumentException if the body is not an exchangeInfo response.
     */
    public static List<SymbolInfo> parse(final DirectBuffer body, final int offset, final int length)
    {
        final JsonCursor cursor = new JsonCursor().wrap(body, offset, length);
        require(cursor.next() == JsonCursor.BEGIN_OBJECT, "not a JSON object");
        final List<SymbolInfo> symbols = new ArrayList<>();
        while (cursor.next() == JsonCursor.FIELD_NAME)
        {
            final boolean isSymbols = cursor.tokenEquals(SYMBOLS);
            final int value = cursor.next();
            if (isSymbols && value == JsonCursor.BEGIN_ARRAY)
            {
                while (cursor.next() == JsonCursor.BEGIN_OBJECT)
                {
                    symbols.add(readSymbol(cursor));
                }
                require(cursor.token() == JsonCursor.END_ARRAY, "symbols is not an array of objects");
            }
            else
            {
                require(cursor.skipValue(), "malformed JSON");
            }
        }
        require(cursor.token() == JsonCursor.END_OBJECT, "malformed JSON");
        return symbols;
    }

    /**
     * Puts refined copies of the registry's Binance instruments of the market type that the response lists (same id,
     * venue and symbols; exponents, tick and lot sizes from the response).
     *
     * @return the instruments refined.
     */
    public static List<Instrument> refine(
        final InstrumentRegistry registry, final MarketType marketType, final List<SymbolInfo> symbols)
    {
        final List<Instrument> refined = new ArrayList<>();
        for (final SymbolInfo info : symbols)
        {
            final Instrument known = registry.byVenueSymbol(Venue.BINANCE, marketType, info.venueSymbol());
            if (known != null)
            {
                refined.add(registry.put(known.withSizes(
                    info.priceExponent(), info.sizeExponent(), info.tickSize(), info.lotSize())));
            }
        }
        return refined;
    }

    private static SymbolInfo readSymbol(final JsonCursor cursor)
    {
        String symbol = null;
        String status = null;
        String base = null;
        String quote = null;
        final MutableDecimal tick = new MutableDecimal();
        final MutableDecimal step = new MutableDecimal();
        while (cursor.next() == JsonCursor.FIELD_NAME)
        {
            final boolean isSymbol = cursor.tokenEquals(SYMBOL);
            final boolean isStatus = cursor.tokenEquals(STATUS);
            final boolean isBase = cursor.tokenEquals(BASE_ASSET);
            final boolean isQuote = cursor.tokenEquals(QUOTE_ASSET);
            final boolean isFilters = cursor.tokenEquals(FILTERS);
            final int value = cursor.next();
            if (value == JsonCursor.STRING && (isSymbol || isStatus || isBase || isQuote))
            {
                final String text = ReferenceData.text(cursor);
                symbol = isSymbol ? text : symbol;
                status = isStatus ? text : status;
                base = isBase ? text : base;
                quote = isQuote ? text : quote;
            }
            else if (isFilters && value == JsonCursor.BEGIN_ARRAY)
            {
                while (cursor.next() == JsonCursor.BEGIN_OBJECT)
                {
                    readFilter(cursor, tick, step);
                }
            }
            else
            {
                require(cursor.skipValue(), "malformed JSON");
            }
        }
        require(symbol != null, "a symbol without field symbol");
        final int priceExponent = ReferenceData.stripped(tick);
        final int sizeExponent = ReferenceData.stripped(step);
        return new SymbolInfo(symbol, status, base, quote, priceExponent, tick.mantissa(), sizeExponent,
            step.mantissa());
    }

    private static void readFilter(final JsonCursor cursor, final MutableDecimal tick, final MutableDecimal step)
    {
        int type = 0;
        int tickOffset = -1;
        int tickLength = 0;
        int stepOffset = -1;
        int stepLength = 0;
        while (cursor.next() == JsonCursor.FIELD_NAME)
        {
            final boolean isType = cursor.tokenEquals(FILTER_TYPE);
            final boolean isTick = cursor.tokenEquals(TICK_SIZE);
            final boolean isStep = cursor.tokenEquals(STEP_SIZE);
            final int value = cursor.next();
            if (value == JsonCursor.STRING && isType)
            {
                type = cursor.tokenEquals(PRICE_FILTER) ? 1 : cursor.tokenEquals(LOT_SIZE) ? 2 : 0;
            }
            else if (value == JsonCursor.STRING && isTick)
            {
                tickOffset = cursor.tokenOffset();
                tickLength = cursor.tokenLength();
            }
            else if (value == JsonCursor.STRING && isStep)
            {
                stepOffset = cursor.tokenOffset();
                stepLength = cursor.tokenLength();
            }
            else
            {
                require(cursor.skipValue(), "malformed JSON");
            }
        }
        if (type == 1 && tickOffset >= 0)
        {
            require(AsciiDecimal.parse(cursor.buffer(), tickOffset, tickLength, tick) == DecimalError.NONE,
                "bad tickSize");
        }
        else if (type == 2 && stepOffset >= 0)
        {
            require(AsciiDecimal.parse(cursor.buffer(), stepOffset, stepLength, step) == DecimalError.NONE,
                "bad stepSize");
        }
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("not a Binance exchangeInfo response: " + message);
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
