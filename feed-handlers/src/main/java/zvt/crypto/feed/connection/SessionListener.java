package zvt.crypto.feed.connection;

import io.netty.channel.Channel;

/**
 * The venue-specific part of opening a session: called on the connection's event loop once the WebSocket handshake
 * has completed and CONNECTED has been published. A venue that subscribes in the URL reports its subscriptions
 * here; a venue that subscribes with requests writes them to the channel here.
 */
@FunctionalInterface
public interface SessionListener
{
    void onSessionOpen(Channel channel, int session);

    /**
     * The session ended (DISCONNECTED has been published) and the connection will reconnect: whatever the session
     * carried may have been missed until then (e.g. books must be marked stale). Not called when a session is
     * replaced by an overlapping one.
     */
    default void onSessionClosed(final String reason)
    {
    }
}
