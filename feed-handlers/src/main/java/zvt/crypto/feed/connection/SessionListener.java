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
    void onSessionOpen(Channel channel);
}
