package zvt.crypto.gateway.fanout;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import zvt.crypto.gateway.GatewayCounters;

/**
 * Who is subscribed to what, keyed by {@link SubscriptionKey}. Confined to the fan-out thread: changes arrive as
 * {@link SubscriptionCommand}s, so no lock is ever taken on the event path.
 */
final class SubscriptionRegistry
{
    private final Long2ObjectHashMap<SubscriberList> byKey = new Long2ObjectHashMap<>();
    private final GatewayCounters counters;

    SubscriptionRegistry(final GatewayCounters counters)
    {
        this.counters = counters;
    }

    /** @return the subscribers for the key, or null if there are none. */
    SubscriberList subscribers(final long key)
    {
        return byKey.get(key);
    }

    /**
     * @return the subscribers to every instrument of the key's venue on its channel ({@code "symbol":"*"}), or null.
     * None for a key that is venue-wide already, nor for status, whose venue-wide subscription means venue events.
     */
    SubscriberList wildcardSubscribers(final long key)
    {
        final long wildcard = SubscriptionKey.wildcardOf(key);
        return wildcard == SubscriptionKey.NONE ? null : byKey.get(wildcard);
    }

    /** @return true if anyone would receive an event with this key. */
    boolean hasSubscribers(final long key)
    {
        return byKey.get(key) != null || wildcardSubscribers(key) != null;
    }

    /** @return true if the subscription is new (the session was not subscribed to the key, and is still open). */
    boolean subscribe(final Subscriber subscriber, final long key)
    {
        if (!subscriber.removed && subscriber.keys.add(key))
        {
            SubscriberList list = byKey.get(key);
            if (list == null)
            {
                list = new SubscriberList();
                byKey.put(key, list);
            }
            list.add(subscriber);
            counters.recordSubscriptions(1);
            return true;
        }
        return false;
    }

    void unsubscribe(final Subscriber subscriber, final long key)
    {
        if (subscriber.keys.remove(key))
        {
            removeFromList(subscriber, key);
            counters.recordSubscriptions(-1);
        }
    }

    /** Drops every subscription of a session that has ended; it can never subscribe again. */
    void removeAll(final Subscriber subscriber)
    {
        if (subscriber.removed)
        {
            return;
        }
        subscriber.removed = true;
        final LongHashSet.LongIterator keys = subscriber.keys.iterator();
        while (keys.hasNext())
        {
            removeFromList(subscriber, keys.nextValue());
        }
        counters.recordSubscriptions(-subscriber.keys.size());
        subscriber.keys.clear();
    }

    private void removeFromList(final Subscriber subscriber, final long key)
    {
        final SubscriberList list = byKey.get(key);
        if (list != null && list.remove(subscriber) && list.size() == 0)
        {
            byKey.remove(key);
        }
    }
}
