package zvt.crypto.core.event;

import zvt.crypto.core.codec.BookUpdateDecoder;
import zvt.crypto.core.codec.CandleDecoder;
import zvt.crypto.core.codec.InstrumentDefinitionDecoder;
import zvt.crypto.core.codec.TopOfBookDecoder;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.codec.VenueStatusDecoder;

/**
 * The event types of the schema by template id, with the names users type (CLI filters, gateway channels).
 */
public enum EventType
{
    TRADE(TradeDecoder.TEMPLATE_ID, "trade"),
    BOOK_UPDATE(BookUpdateDecoder.TEMPLATE_ID, "book"),
    TOP_OF_BOOK(TopOfBookDecoder.TEMPLATE_ID, "top"),
    CANDLE(CandleDecoder.TEMPLATE_ID, "candle"),
    INSTRUMENT(InstrumentDefinitionDecoder.TEMPLATE_ID, "instrument"),
    VENUE_STATUS(VenueStatusDecoder.TEMPLATE_ID, "status");

    private static final EventType[] BY_TEMPLATE_ID = new EventType[8];

    static
    {
        for (final EventType type : values())
        {
            BY_TEMPLATE_ID[type.templateId] = type;
        }
    }

    private final int templateId;
    private final String label;

    EventType(final int templateId, final String label)
    {
        this.templateId = templateId;
        this.label = label;
    }

    public int templateId()
    {
        return templateId;
    }

    public String label()
    {
        return label;
    }

    /** @return the type, or null for a template id this schema does not define. */
    public static EventType ofTemplateId(final int templateId)
    {
        return templateId >= 0 && templateId < BY_TEMPLATE_ID.length ? BY_TEMPLATE_ID[templateId] : null;
    }

    public static EventType ofLabel(final String label)
    {
        for (final EventType type : values())
        {
            if (type.label.equalsIgnoreCase(label) || type.name().equalsIgnoreCase(label))
            {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event type: " + label + " (one of trade, book, top, candle, instrument, status)");
    }
}
