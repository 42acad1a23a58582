package zvt.crypto.gateway.fanout;

/**
 * A subscription change on its way from a session's event loop to the fan-out thread. Rare (rate-limited control
 * messages), so one small immutable object each is fine.
 */
record SubscriptionCommand(Action action, Subscriber subscriber, long key, LiveHandoff handoff)
{
    enum Action
    {
        SUBSCRIBE,
        UNSUBSCRIBE,
        REMOVE_SESSION,
        GO_LIVE
    }

    SubscriptionCommand(final Action action, final Subscriber subscriber, final long key)
    {
        this(action, subscriber, key, null);
    }
}
