package zvt.crypto.feed.simulator.bybit;

import io.netty.buffer.ByteBuf;
import zvt.crypto.feed.simulator.ControlJson;
import zvt.crypto.feed.simulator.SessionControl;
import zvt.crypto.feed.simulator.VenueSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Bybit connection on {@code /v5/public/spot} or {@code /v5/public/linear}: {@code {"op":"subscribe",
 * "args":[topics],"req_id":..}} answered with one ack in the category's shape (spot {@code "ret_msg":"subscribe"},
 * {@code req_id} only if sent; linear {@code "ret_msg":""} and always a {@code req_id}), then each topic's stream
 * (orderbook snapshot first); at most 10 args per spot request; an unknown topic fails the request with
 * {@code "success":false}. {@code {"op":"ping"}} is answered pong in the category's shape. The client keeps the
 * connection alive.
 */
final class BybitSession implements VenueSession
{
    private static final String PATH_PREFIX = "/v5/public/";
    private static final int SPOT_MAX_ARGS = 10;

    private final SessionControl control;
    private final BybitProtocol protocol;
    private String category;
    private String connId;

    BybitSession(final SessionControl control, final BybitProtocol protocol)
    {
        this.control = control;
        this.protocol = protocol;
    }

    public String open(final String path, final Map<String, List<String>> query, final List<String> streams)
    {
        if (!path.startsWith(PATH_PREFIX))
        {
            return "no such endpoint: " + path + " (use /v5/public/spot or /v5/public/linear)";
        }
        category = path.substring(PATH_PREFIX.length());
        if (!BybitProtocol.SPOT.equals(category) && !BybitProtocol.LINEAR.equals(category))
        {
            return "no such category: " + category + " (the simulator serves spot and linear)";
        }
        return null;
    }

    public void onOpen()
    {
        connId = "sim-" + control.connectionId();
    }

    public void onClose()
    {
    }

    public void onText(final String text)
    {
        final Map<String, Object> request = ControlJson.parseObject(text);
        final String op = request == null ? null : ControlJson.string(request, "op");
        final String reqId = request == null ? null : ControlJson.string(request, "req_id");
        if ("ping".equals(op))
        {
            reply(true, "pong", "ping", reqId);
            return;
        }
        if (!"subscribe".equals(op) && !"unsubscribe".equals(op))
        {
            reply(false, "error:unsupported op " + op, op == null ? "" : op, reqId);
            return;
        }
        final List<Object> args = ControlJson.list(request, "args");
        if (BybitProtocol.SPOT.equals(category) && args.size() > SPOT_MAX_ARGS)
        {
            reply(false, "args size >" + SPOT_MAX_ARGS, op, reqId);
            return;
        }
        final List<String> streams = new ArrayList<>();
        for (final Object arg : args)
        {
            final String stream = arg instanceof final String topic ? category + ":" + topic : null;
            if (stream == null || protocol.parseStream(stream) == null)
            {
                reply(false, "error:handler not found,topic:" + arg, op, reqId);
                return;
            }
            streams.add(stream);
        }
        reply(true, BybitProtocol.SPOT.equals(category) ? op : "", op, reqId);
        if ("subscribe".equals(op))
        {
            control.subscribe(streams);
        }
        else
        {
            control.unsubscribe(streams);
        }
    }

    public int envelopeLength(final byte[] streamName)
    {
        return 0;
    }

    public void writeEnvelopeStart(final ByteBuf target, final byte[] streamName)
    {
    }

    public void writeEnvelopeEnd(final ByteBuf target)
    {
    }

    public long nextSequence()
    {
        return 0;
    }

    private void reply(final boolean success, final String retMsg, final String op, final String reqId)
    {
        final boolean linear = BybitProtocol.LINEAR.equals(category);
        control.reply("{\"success\":" + success + ",\"ret_msg\":\"" + retMsg.replace("\"", "'") +
            "\",\"conn_id\":\"" + connId + "\"" +
            (reqId != null || linear ? ",\"req_id\":\"" + (reqId == null ? "" : reqId) + "\"" : "") +
            ",\"op\":\"" + op + "\"}");
    }
}
