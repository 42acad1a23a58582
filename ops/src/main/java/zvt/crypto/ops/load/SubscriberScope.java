package zvt.crypto.ops.load;

import java.util.List;
import java.util.Map;

import zvt.crypto.ops.load.TradeSubscriber.Stream;

/** What each of a run's subscribers takes: every trade, or one symbol's (a dashboard's or a strategy's view). */
public enum SubscriberScope
{
    /** Every venue's trades, all symbols: each subscriber gets the whole trade flow. */
    ALL,
    /** One venue's symbol each, dealt round robin over the venues and then their symbols. */
    SYMBOL;

    /**
     * @param subscriber       the subscriber's number, from 0.
     * @param symbolsByVenue   each venue's name as the gateway spells it, and its symbols, in the order to deal them.
     * @return the streams subscriber {@code subscriber} takes.
     */
    List<Stream> streams(final int subscriber, final Map<String, List<String>> symbolsByVenue)
    {
        final List<String> venues = List.copyOf(symbolsByVenue.keySet());
        if (this == ALL)
        {
            return venues.stream().map(venue -> new Stream(venue, Stream.ALL_SYMBOLS)).toList();
        }
        final String venue = venues.get(subscriber % venues.size());
        final List<String> symbols = symbolsByVenue.get(venue);
        return List.of(new Stream(venue, symbols.get(subscriber / venues.size() % symbols.size())));
    }
}
