package zvt.crypto.gateway.fanout;

import java.util.Arrays;

/**
 * The sessions subscribed to one key, in an array the fan-out walks without allocating. Order is not kept: removal
 * moves the last element into the hole, so a walk from the end down to 0 may remove the element it is looking at.
 * Fan-out thread only.
 */
final class SubscriberList
{
    private Subscriber[] subscribers = new Subscriber[4];
    private int size;

    int size()
    {
        return size;
    }

    Subscriber get(final int index)
    {
        return subscribers[index];
    }

    void add(final Subscriber subscriber)
    {
        if (size == subscribers.length)
        {
            subscribers = Arrays.copyOf(subscribers, size * 2);
        }
        subscribers[size++] = subscriber;
    }

    boolean remove(final Subscriber subscriber)
    {
        for (int i = 0; i < size; i++)
        {
            if (subscribers[i] == subscriber)
            {
                subscribers[i] = subscribers[--size];
                subscribers[size] = null;
                return true;
            }
        }
        return false;
    }
}
