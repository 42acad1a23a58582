package zvt.crypto.feed.okx;

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

import java.util.ArrayList;
import java.util.List;

/**
 * Reads OKX {@code GET /api/v5/public/instruments?instType=SPOT|SWAP} ({@code {"code":"0","data":[{instId,
 * instType,tickSz,lotSz,state,…}]}}) and refines the registry's OKX instruments with tick and lot sizes (trailing
 * zeros removed: {@code 0.00000001} → 1e-8). A swap's {@code lotSz} is in contracts, the unit of its trade and book
 * sizes. Reference data, not the hot path: it allocates. Stateless and thread-safe.
 */
public final class OkxInstruments
{
    /**
     * One instrument of the response.
     *
     * @param priceExponent exponent of the tick size ({@code 0.1} → -1).
     * @param tickSize      tick size mantissa at {@code priceExponent} (0 if not given).
     */
    public record Info(String instId, String instType, int priceExponent, long tickSize, int sizeExponent, long lotSize)
    {
    }

    private static final byte[] CODE = OkxPayload.ascii("code");
    private static final byte[] DATA = OkxPayload.ascii("data");
    private static final byte[] INST_ID = OkxPayload.ascii("instId");
    private static final byte[] INST_TYPE = OkxPayload.ascii("instType");
    private static final byte[] TICK_SZ = OkxPayload.ascii("tickSz");
    private static final byte[] LOT_SZ = OkxPayload.ascii("lotSz");

    private OkxInstruments()
    {
    }

    /**
     * @return every instrument of the body, in order.
     * @throws IllegalArgumentException if the body is not a successful instruments response.
     */
    public static List<Info> parse(final DirectBuffer body, final int offset, final int length)
    {
        final JsonCursor cursor = new JsonCursor().wrap(body, offset, length);
        require(cursor.next() == JsonCursor.BEGIN_OBJECT, "not a JSON object");
        final List<Info> infos = new ArrayList<>();
        while (cursor.next() == JsonCursor.FIELD_NAME)
        {
            final boolean isCode = cursor.tokenEquals(CODE);
            final boolean isData = cursor.tokenEquals(DATA);
            final int value = cursor.next();
            if (isCode)
            {
                require(value == JsonCursor.STRING && ReferenceData.text(cursor).equals("0"),
                    "error code " + ReferenceData.text(cursor));
            }
            else if (isData && value == JsonCursor.BEGIN_ARRAY)
            {
                while (cursor.next() == JsonCursor.BEGIN_OBJECT)
                {
                    infos.add(readInstrument(cursor));
                }
                require(cursor.token() == JsonCursor.END_ARRAY, "data is not an array of objects");
            }
            else
            {
                require(cursor.skipValue(), "malformed JSON");
            }
        }
        require(cursor.token() == JsonCursor.END_OBJECT, "malformed JSON");
        return infos;
    }

    /**
     * Puts refined copies of the registry's OKX instruments of {@code marketType} that the response lists.
     *
     * @return the instruments refined.
     */
    public static List<Instrument> refine(
        final InstrumentRegistry registry, final MarketType marketType, final List<Info> infos)
    {
        final List<Instrument> refined = new ArrayList<>();
        for (final Info info : infos)
        {
            final Instrument known = registry.byVenueSymbol(Venue.OKX, marketType, info.instId());
            if (known != null)
            {
                refined.add(registry.put(known.withSizes(
                    info.priceExponent(), info.sizeExponent(), info.tickSize(), info.lotSize())));
            }
        }
        return refined;
    }

    private static Info readInstrument(final JsonCursor cursor)
    {
        String instId = null;
        String instType = null;
        final MutableDecimal tick = new MutableDecimal();
        final MutableDecimal lot = new MutableDecimal();
        while (cursor.next() == JsonCursor.FIELD_NAME)
        {
            final boolean isInstId = cursor.tokenEquals(INST_ID);
            final boolean isInstType = cursor.tokenEquals(INST_TYPE);
            final boolean isTick = cursor.tokenEquals(TICK_SZ);
            final boolean isLot = cursor.tokenEquals(LOT_SZ);
            final int value = cursor.next();
            if (value == JsonCursor.STRING && (isInstId || isInstType))
            {
                instId = isInstId ? ReferenceData.text(cursor) : instId;
                instType = isInstType ? ReferenceData.text(cursor) : instType;
            }
            else if (value == JsonCursor.STRING && (isTick || isLot))
            {
                decimal(cursor, isTick ? tick : lot);
            }
            else
            {
                require(cursor.skipValue(), "malformed JSON");
            }
        }
        require(cursor.token() == JsonCursor.END_OBJECT, "malformed JSON");
        require(instId != null, "an instrument without instId");
        final int priceExponent = ReferenceData.stripped(tick);
        final int sizeExponent = ReferenceData.stripped(lot);
        return new Info(instId, instType, priceExponent, tick.mantissa(), sizeExponent, lot.mantissa());
    }

    /** An empty or malformed size reads as 0 (unknown). */
    private static void decimal(final JsonCursor cursor, final MutableDecimal into)
    {
        if (AsciiDecimal.parse(cursor.buffer(), cursor.tokenOffset(), cursor.tokenLength(), into) != DecimalError.NONE ||
            into.mantissa() < 0)
        {
            into.set(0, 0);
        }
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("OKX instruments: " + message);
        }
    }
}
