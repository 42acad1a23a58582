package zvt.crypto.gateway.fanout;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * The only way into the fan-out's subscription registry: a bounded multi-producer single-consumer queue that any
 * Netty event loop may offer to, drained by the fan-out thread at the start of each batch. Offers never block; a
 * full queue is reported as {@code false} so the session can answer "server busy".
 * <p>
 * Ordering: commands offered by one thread are applied in order, so a session's own subscribe, unsubscribe and
 * removal (all offered from its event loop) are never reordered.
 */
public final class SubscriptionCommandQueue
{
    private final MpscArrayQueue<SubscriptionCommand> queue;

    SubscriptionCommandQueue(final int capacity)
    {
        queue = new MpscArrayQueue<>(capacity);
    }

    /** @return false if the queue is full and the subscription was not requested. */
    public boolean subscribe(final Subscriber subscriber, final long key)
    {
        return queue.offer(new SubscriptionCommand(SubscriptionCommand.Action.SUBSCRIBE, subscriber, key));
    }

    /** @return false if the queue is full and the unsubscription was not requested. */
    public boolean unsubscribe(final Subscriber subscriber, final long key)
    {
        return queue.offer(new SubscriptionCommand(SubscriptionCommand.Action.UNSUBSCRIBE, subscriber, key));
    }

    /**
     * Drops all of a closed session's subscriptions. If the queue is full the fan-out still drops them the next time
     * it finds the session's channel inactive.
     *
     * @return false if the queue is full.
     */
    public boolean removeSession(final Subscriber subscriber)
    {
        return queue.offer(new SubscriptionCommand(SubscriptionCommand.Action.REMOVE_SESSION, subscriber, 0));
    }

    /**
     * Asks the fan-out to make a resumed session's subscriptions live after its replay; see {@link LiveHandoff}.
     *
     * @return false if the queue is full.
     */
    public boolean goLive(final Subscriber subscriber, final LiveHandoff handoff)
    {
        return queue.offer(new SubscriptionCommand(SubscriptionCommand.Action.GO_LIVE, subscriber, 0, handoff));
    }

    /** @return true if no command waits; a cheap check the fan-out makes before each event. */
    boolean isEmpty()
    {
        return queue.isEmpty();
    }

    int drain(final MessagePassingQueue.Consumer<SubscriptionCommand> consumer)
    {
        return queue.drain(consumer);
    }
}
