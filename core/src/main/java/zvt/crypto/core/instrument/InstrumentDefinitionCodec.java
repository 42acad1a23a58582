package zvt.crypto.core.instrument;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import zvt.crypto.core.codec.InstrumentDefinitionDecoder;
import zvt.crypto.core.codec.InstrumentDefinitionEncoder;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Venue;

/**
 * InstrumentDefinition event &lt;-&gt; {@link Instrument}: tick size at the price exponent, lot size at the size
 * exponent. The one codec for definitions, used by the ring's control publisher, the journal's cycle-start
 * re-journaling and journal readers. Off the hot path only (decoding allocates Strings).
 * <p>
 * Not thread-safe: one instance per thread.
 */
public final class InstrumentDefinitionCodec
{
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final InstrumentDefinitionEncoder encoder = new InstrumentDefinitionEncoder();
    private final InstrumentDefinitionDecoder decoder = new InstrumentDefinitionDecoder();

    /** @return the encoded length, header included. */
    public int encode(
        final Instrument instrument, final long receiveTimeNanos, final MutableDirectBuffer buffer, final int offset)
    {
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .receiveTimeNanos(receiveTimeNanos)
            .exchangeTimeNanos(0)
            .instrumentId(instrument.id())
            .venue(instrument.venue())
            .marketType(instrument.marketType())
            .priceExponent((byte)instrument.priceExponent())
            .sizeExponent((byte)instrument.sizeExponent());
        encoder.tickSize().mantissa(instrument.tickSize()).exponent((byte)instrument.priceExponent());
        encoder.lotSize().mantissa(instrument.lotSize()).exponent((byte)instrument.sizeExponent());
        encoder.venueSymbol(instrument.venueSymbol()).symbol(instrument.symbol());
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /**
     * @return the instrument the definition describes.
     * @throws IllegalArgumentException if the bytes are not a valid definition, with the reason.
     */
    public Instrument decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + InstrumentDefinitionDecoder.BLOCK_LENGTH)
        {
            throw new IllegalArgumentException("instrument definition too short: " + length + " bytes");
        }
        decoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        if (headerDecoder.templateId() != InstrumentDefinitionDecoder.TEMPLATE_ID ||
            headerDecoder.schemaId() != InstrumentDefinitionDecoder.SCHEMA_ID)
        {
            throw new IllegalArgumentException("not an instrument definition: template " + headerDecoder.templateId() +
                " of schema " + headerDecoder.schemaId());
        }
        final Venue venue = decoder.venue();
        final MarketType marketType = decoder.marketType();
        if (venue == Venue.NULL_VAL || marketType == MarketType.NULL_VAL)
        {
            throw new IllegalArgumentException("instrument definition " + decoder.instrumentId() +
                " has an unknown venue (" + decoder.venueRaw() + ") or market type (" + decoder.marketTypeRaw() + ")");
        }
        final int id = decoder.instrumentId();
        final int priceExponent = decoder.priceExponent();
        final int sizeExponent = decoder.sizeExponent();
        final long tickSize = decoder.tickSize().mantissa();
        final long lotSize = decoder.lotSize().mantissa();
        final String venueSymbol = decoder.venueSymbol();
        final String symbol = decoder.symbol();
        if (offset + length < decoder.limit())
        {
            throw new IllegalArgumentException("instrument definition " + id + " truncated at " + length + " bytes");
        }
        return new Instrument(
            id, venue, marketType, venueSymbol, symbol, priceExponent, sizeExponent, tickSize, lotSize);
    }
}
