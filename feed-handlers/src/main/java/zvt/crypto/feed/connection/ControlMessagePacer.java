package zvt.crypto.feed.connection;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends control messages (subscribe requests) on a session no faster than the venue allows: message {@code i} goes
 * out {@code i / perSecond} seconds after the first. Messages for a session that has closed are dropped (the next
 * session subscribes again). Stateless; call on the channel's event loop.
 */
public final class ControlMessagePacer
{
    private ControlMessagePacer()
    {
    }

    /** @return how many milliseconds after now the last message is sent. */
    public static long send(final Channel channel, final List<String> messages, final int perSecond)
    {
        final long intervalMs = (1000 + perSecond - 1) / perSecond;
        long delayMs = 0;
        for (final String message : messages)
        {
            if (delayMs == 0)
            {
                channel.writeAndFlush(new TextWebSocketFrame(message));
            }
            else
            {
                channel.eventLoop().schedule(() ->
                {
                    if (channel.isActive())
                    {
                        channel.writeAndFlush(new TextWebSocketFrame(message));
                    }
                }, delayMs, TimeUnit.MILLISECONDS);
            }
            delayMs += intervalMs;
        }
        return Math.max(0, delayMs - intervalMs);
    }
}
