package zvt.crypto.feed.simulator.okx;

import io.netty.buffer.ByteBuf;
import zvt.crypto.feed.simulator.ControlJson;
import zvt.crypto.feed.simulator.SessionControl;
import zvt.crypto.feed.simulator.VenueSession;

import java.util.List;
import java.util.Map;

/**
 * One OKX connection on {@code /ws/v5/public} or {@code /ws/v5/business}: {@code {"op":"subscribe","args":[
 * {"channel":..,"instId":..},..]}} answered with one ack per arg, then the stream (a {@code books} snapshot first);
 * {@code unsubscribe} likewise; an unknown channel, or one served on the other path, is an error event (code 60018)
 * and the socket stays open; the text {@code ping} is answered {@code pong}. The client keeps the connection alive;
 * the simulator does not close quiet connections.
 */
final class OkxSession implements VenueSession
{
    private static final String PUBLIC_PATH = "/ws/v5/public";
    private static final String BUSINESS_PATH = "/ws/v5/business";

    private final SessionControl control;
    private final OkxProtocol protocol;
    private boolean business;
    private String connId;

    OkxSession(final SessionControl control, final OkxProtocol protocol)
    {
        this.control = control;
        this.protocol = protocol;
    }

    public String open(final String path, final Map<String, List<String>> query, final List<String> streams)
    {
        if (!PUBLIC_PATH.equals(path) && !BUSINESS_PATH.equals(path))
        {
            return "no such endpoint: " + path + " (use " + PUBLIC_PATH + " or " + BUSINESS_PATH + ")";
        }
        business = BUSINESS_PATH.equals(path);
        return null;
    }

    public void onOpen()
    {
        connId = String.format("%08x", control.connectionId() * 0x9E3779B1L & 0xFFFF_FFFFL);
    }

    public void onClose()
    {
    }

    public void onText(final String text)
    {
        if ("ping".equals(text))
        {
            control.reply("pong");
            return;
        }
        final Map<String, Object> request = ControlJson.parseObject(text);
        final String op = request == null ? null : ControlJson.string(request, "op");
        if (!"subscribe".equals(op) && !"unsubscribe".equals(op))
        {
            error("60012", "Invalid request: " + escape(text));
            return;
        }
        for (final Object element : ControlJson.list(request, "args"))
        {
            final Map<String, Object> arg = ControlJson.object(element);
            final String channel = arg == null ? null : ControlJson.string(arg, "channel");
            final String instId = arg == null ? null : ControlJson.string(arg, "instId");
            final String stream = channel == null || instId == null ? null : OkxProtocol.streamName(channel, instId);
            if (stream == null || protocol.parseStream(stream) == null ||
                OkxProtocol.isBusinessChannel(channel) != business)
            {
                error("60018", "Wrong URL or channel:" + channel + ",instId:" + instId + " doesn't exist. " +
                    "Please use the correct URL, channel and parameters referring to API document.");
                continue;
            }
            control.reply("{\"event\":\"" + op + "\",\"arg\":{\"channel\":\"" + channel + "\",\"instId\":\"" +
                instId + "\"},\"connId\":\"" + connId + "\"}");
            if ("subscribe".equals(op))
            {
                control.subscribe(List.of(stream));
            }
            else
            {
                control.unsubscribe(List.of(stream));
            }
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

    private void error(final String code, final String message)
    {
        control.reply("{\"event\":\"error\",\"code\":\"" + code + "\",\"msg\":\"" + message + "\",\"connId\":\"" +
            connId + "\"}");
    }

    private static String escape(final String text)
    {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
