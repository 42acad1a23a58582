package zvt.crypto.gateway.fanout;

/**
 * A subscription change on its way from a session's event loop to the fan-out thread. Rare (rate-limited control
 * messages), so one small immutable object each is fine.
 */
record SubscriptionCommand(Action action, Subscriber subscriber, long key)
{
    enum Action
    {
        SUBSCRIBE,
        UNSUBSCRIBE,
        REMOVE_SESSION
    }
}
