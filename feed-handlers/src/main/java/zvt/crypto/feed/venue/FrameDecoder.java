package zvt.crypto.feed.venue;

/**
 * A venue's decoder: reads one inbound WebSocket frame, straight from its bytes, and publishes what it carries
 * through the feed's {@link zvt.crypto.feed.publish.FeedPublisher} (given at construction), which knows the frame's
 * session, connection and receive time. It must never throw: a frame it cannot use is rejected with a reason
 * ({@link zvt.crypto.feed.publish.FeedPublisher#reject}) or simply not published (ignored), and the feed carries on.
 * It may block only on ring back-pressure, and allocates nothing per frame.
 * <p>
 * Not thread-safe: one per feed, called on the feed's event loop; the bytes are valid only during the call.
 */
@FunctionalInterface
public interface FrameDecoder
{
    void decode(org.agrona.DirectBuffer buffer, int offset, int length);
}
