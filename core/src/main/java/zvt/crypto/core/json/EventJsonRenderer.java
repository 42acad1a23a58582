package zvt.crypto.core.json;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import zvt.crypto.core.codec.BookUpdateDecoder;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.CandleDecoder;
import zvt.crypto.core.codec.DecimalDecoder;
import zvt.crypto.core.codec.InstrumentDefinitionDecoder;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.TopOfBookDecoder;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.codec.VenueStatusDecoder;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;

/**
 * Renders an SBE event as one JSON object: the single JSON form of an event, used by the gateway (rendered once per
 * message, not once per subscriber) and by {@code journal dump}. Allocation-free; decoders are reused.
 * <p>
 * Not thread-safe: one renderer per thread.
 */
public final class EventJsonRenderer
{
    private final InstrumentRegistry instruments;
    private final JsonWriter json = new JsonWriter();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final TopOfBookDecoder top = new TopOfBookDecoder();
    private final CandleDecoder candle = new CandleDecoder();
    private final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
    private final VenueStatusDecoder status = new VenueStatusDecoder();
    private final StringBuilder text = new StringBuilder(64);

    public EventJsonRenderer(final InstrumentRegistry instruments)
    {
        this.instruments = instruments;
    }

    /**
     * @return bytes written to {@code out} at {@code outOffset}, or 0 if the event is not of this schema.
     */
    public int render(
        final DirectBuffer event, final int offset, final long journalIndex, final MutableDirectBuffer out, final int outOffset)
    {
        header.wrap(event, offset);
        final EventType type = EventType.ofTemplateId(header.templateId());
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || type == null)
        {
            return 0;
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        json.wrap(out, outOffset).beginObject().field("type", type.label());
        switch (type)
        {
            case TRADE -> renderTrade(event, bodyOffset, blockLength, version);
            case BOOK_UPDATE -> renderBook(event, bodyOffset, blockLength, version);
            case TOP_OF_BOOK -> renderTop(event, bodyOffset, blockLength, version);
            case CANDLE -> renderCandle(event, bodyOffset, blockLength, version);
            case INSTRUMENT -> renderDefinition(event, bodyOffset, blockLength, version);
            case VENUE_STATUS -> renderStatus(event, bodyOffset, blockLength, version);
            default -> throw new IllegalStateException("unhandled event type " + type);
        }
        json.field("journalIndex", journalIndex).endObject();
        return json.position() - outOffset;
    }

    private void renderTrade(final DirectBuffer event, final int offset, final int blockLength, final int version)
    {
        trade.wrap(event, offset, blockLength, version);
        prefix(trade.venue().name(), trade.instrumentId());
        decimal("price", trade.price());
        decimal("size", trade.size());
        json.field("side", Labels.of(trade.aggressorSide()));
        text.setLength(0);
        trade.getVenueTradeId(text);
        json.field("tradeId", text);
        times(trade.exchangeTimeNanos(), trade.receiveTimeNanos());
    }

    private void renderBook(final DirectBuffer event, final int offset, final int blockLength, final int version)
    {
        book.wrap(event, offset, blockLength, version);
        prefix(book.venue().name(), book.instrumentId());
        json.field("kind", Labels.of(book.kind()))
            .field("firstSequence", book.firstSequence())
            .field("lastSequence", book.lastSequence())
            .field("lastInBatch", book.lastInBatch() == BooleanType.TRUE);
        times(book.exchangeTimeNanos(), book.receiveTimeNanos());
        json.beginArray("levels");
        for (final BookUpdateDecoder.LevelsDecoder level : book.levels())
        {
            json.beginArray().quoted(Labels.of(level.side()));
            json.decimal(level.price().mantissa(), level.price().exponent());
            json.decimal(level.size().mantissa(), level.size().exponent());
            json.endArray();
        }
        json.endArray();
    }

    private void renderTop(final DirectBuffer event, final int offset, final int blockLength, final int version)
    {
        top.wrap(event, offset, blockLength, version);
        prefix(top.venue().name(), top.instrumentId());
        json.field("sequence", top.sequence());
        decimal("bidPrice", top.bidPrice());
        decimal("bidSize", top.bidSize());
        decimal("askPrice", top.askPrice());
        decimal("askSize", top.askSize());
        times(top.exchangeTimeNanos(), top.receiveTimeNanos());
    }

    private void renderCandle(final DirectBuffer event, final int offset, final int blockLength, final int version)
    {
        candle.wrap(event, offset, blockLength, version);
        prefix(candle.venue().name(), candle.instrumentId());
        json.field("interval", candle.interval().name())
            .field("source", Labels.of(candle.source()))
            .field("closed", candle.closed() == BooleanType.TRUE)
            .field("openTime", candle.openTimeNanos())
            .field("closeTime", candle.closeTimeNanos());
        decimal("open", candle.openPrice());
        decimal("high", candle.highPrice());
        decimal("low", candle.lowPrice());
        decimal("close", candle.closePrice());
        decimal("volume", candle.volume());
        if (candle.quoteVolume().mantissa() == DecimalDecoder.mantissaNullValue())
        {
            json.nullField("quoteVolume");
        }
        else
        {
            decimal("quoteVolume", candle.quoteVolume());
        }
        if (candle.tradeCount() == CandleDecoder.tradeCountNullValue())
        {
            json.nullField("tradeCount");
        }
        else
        {
            json.field("tradeCount", candle.tradeCount());
        }
        times(candle.exchangeTimeNanos(), candle.receiveTimeNanos());
    }

    private void renderDefinition(final DirectBuffer event, final int offset, final int blockLength, final int version)
    {
        definition.wrap(event, offset, blockLength, version);
        json.field("venue", definition.venue().name())
            .field("instrumentId", definition.instrumentId())
            .field("marketType", Labels.of(definition.marketType()))
            .field("priceExponent", definition.priceExponent())
            .field("sizeExponent", definition.sizeExponent());
        decimal("tickSize", definition.tickSize());
        decimal("lotSize", definition.lotSize());
        text.setLength(0);
        definition.getVenueSymbol(text);
        json.field("venueSymbol", text);
        text.setLength(0);
        definition.getSymbol(text);
        json.field("symbol", text);
        json.field("receiveTime", definition.receiveTimeNanos());
    }

    private void renderStatus(final DirectBuffer event, final int offset, final int blockLength, final int version)
    {
        status.wrap(event, offset, blockLength, version);
        prefix(status.venue().name(), status.instrumentId());
        json.field("status", Labels.of(status.status()));
        text.setLength(0);
        status.getReason(text);
        json.field("reason", text);
        times(status.exchangeTimeNanos(), status.receiveTimeNanos());
    }

    private void prefix(final String venue, final int instrumentId)
    {
        json.field("venue", venue);
        final Instrument instrument = instruments.byIdOrNull(instrumentId);
        if (instrument != null)
        {
            json.field("symbol", instrument.symbol());
        }
        json.field("instrumentId", instrumentId);
    }

    private void times(final long exchangeTimeNanos, final long receiveTimeNanos)
    {
        // 0 means the venue sent no time (e.g. Binance's bookTicker): omit it rather than claim the epoch.
        if (exchangeTimeNanos != 0)
        {
            json.field("exchangeTime", exchangeTimeNanos);
        }
        json.field("receiveTime", receiveTimeNanos);
    }

    private void decimal(final String name, final DecimalDecoder value)
    {
        json.decimalField(name, value.mantissa(), value.exponent());
    }
}
