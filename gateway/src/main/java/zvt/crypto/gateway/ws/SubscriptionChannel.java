package zvt.crypto.gateway.ws;

import zvt.crypto.core.event.EventType;

/**
 * The channels a client can subscribe to, each carrying one event type. The first name is the one the gateway
 * replies with; the others are accepted aliases.
 */
enum SubscriptionChannel
{
    TRADES(EventType.TRADE, true, "trades", "trade"),
    BOOK(EventType.BOOK_UPDATE, true, "book"),
    TOP(EventType.TOP_OF_BOOK, true, "top"),
    CANDLE(EventType.CANDLE, true, "candle", "candles"),
    /** Venue status: per symbol, or for the whole venue connection when no symbol is given. */
    STATUS(EventType.VENUE_STATUS, false, "status");

    private static final SubscriptionChannel[] VALUES = values();

    private final EventType eventType;
    private final boolean symbolRequired;
    private final String[] names;

    SubscriptionChannel(final EventType eventType, final boolean symbolRequired, final String... names)
    {
        this.eventType = eventType;
        this.symbolRequired = symbolRequired;
        this.names = names;
    }

    EventType eventType()
    {
        return eventType;
    }

    boolean symbolRequired()
    {
        return symbolRequired;
    }

    String label()
    {
        return names[0];
    }

    /** @return the channel with this name or alias (case-insensitive), or null. */
    static SubscriptionChannel ofName(final String name)
    {
        for (final SubscriptionChannel channel : VALUES)
        {
            for (final String candidate : channel.names)
            {
                if (candidate.equalsIgnoreCase(name))
                {
                    return channel;
                }
            }
        }
        return null;
    }
}
