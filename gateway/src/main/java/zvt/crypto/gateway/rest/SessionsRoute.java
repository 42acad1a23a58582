package zvt.crypto.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.group.ChannelGroup;
import zvt.crypto.gateway.fanout.Subscriber;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code sessions}: each open WebSocket session's lag, the furthest behind first: frames the fan-out queued for it
 * that its event loop has not handed to the socket yet, and bytes in its channel's outbound buffer. Reads only
 * figures other threads publish (queue sizes, Netty's pending byte count), so it answers on the event loop.
 */
final class SessionsRoute extends TreeRoute
{
    private final ObjectMapper json;
    private final ChannelGroup sessions;

    SessionsRoute(final ObjectMapper json, final ChannelGroup sessions)
    {
        this.json = json;
        this.sessions = sessions;
    }

    public String template()
    {
        return RestApi.PREFIX + "/sessions";
    }

    public boolean blocking()
    {
        return false;
    }

    public JsonNode handle(final RestRequest request) throws RestException
    {
        final int limit = request.intParam("limit", 100, 1, 10_000);
        final List<Lag> lags = new ArrayList<>(sessions.size());
        for (final Channel channel : sessions)
        {
            final Subscriber subscriber = channel.attr(Subscriber.ATTRIBUTE).get();
            final ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
            lags.add(new Lag(String.valueOf(channel.remoteAddress()),
                subscriber == null ? 0 : subscriber.queuedFrames(),
                outbound == null ? 0 : outbound.totalPendingWriteBytes(),
                channel.isWritable()));
        }
        lags.sort(Comparator.comparingLong(Lag::unsentBytes).thenComparingInt(Lag::queuedFrames).reversed());
        final ObjectNode body = json.createObjectNode().put("count", lags.size());
        final ArrayNode list = body.putArray("sessions");
        lags.stream().limit(limit).forEach(lag -> list.addObject()
            .put("remote", lag.remote())
            .put("queuedFrames", lag.queuedFrames())
            .put("unsentBytes", lag.unsentBytes())
            .put("writable", lag.writable()));
        return body;
    }

    private record Lag(String remote, int queuedFrames, long unsentBytes, boolean writable)
    {
    }
}
