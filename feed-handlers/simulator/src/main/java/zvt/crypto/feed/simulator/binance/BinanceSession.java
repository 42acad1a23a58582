package zvt.crypto.feed.simulator.binance;

import io.netty.buffer.ByteBuf;
import zvt.crypto.feed.simulator.SessionControl;
import zvt.crypto.feed.simulator.VenueSession;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One Binance stream connection: {@code /stream?streams=a/b} (combined, each message wrapped as
 * {@code {"stream":..,"data":..}}) or {@code /ws/a/b} (raw), and the live control requests of
 * {@link BinanceControlProtocol}. The server's ping frames are the core's ({@link BinanceProtocol#serverPings()}).
 */
final class BinanceSession implements VenueSession, BinanceControlProtocol.Session
{
    private static final byte[] COMBINED_PREFIX = "{\"stream\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA_PREFIX = "\",\"data\":".getBytes(StandardCharsets.US_ASCII);
    private static final int COMBINED_OVERHEAD = COMBINED_PREFIX.length + DATA_PREFIX.length + 1;

    private final SessionControl control;
    private boolean combined;

    BinanceSession(final SessionControl control)
    {
        this.control = control;
    }

    public String open(final String path, final Map<String, List<String>> query, final List<String> streams)
    {
        if ("/stream".equals(path))
        {
            combined = true;
            final List<String> values = query.get("streams");
            if (values != null && !values.isEmpty())
            {
                splitStreams(values.get(0), streams);
            }
            return null;
        }
        if ("/ws".equals(path) || path.startsWith("/ws/"))
        {
            splitStreams(path.substring("/ws".length()), streams);
            return null;
        }
        return "no such endpoint: " + path + " (use /stream, /ws or /api/v3)";
    }

    public void onOpen()
    {
    }

    public void onClose()
    {
    }

    public void onText(final String text)
    {
        control.reply(BinanceControlProtocol.handle(text, this));
    }

    public int envelopeLength(final byte[] streamName)
    {
        return combined ? COMBINED_OVERHEAD + streamName.length : 0;
    }

    public void writeEnvelopeStart(final ByteBuf target, final byte[] streamName)
    {
        target.writeBytes(COMBINED_PREFIX).writeBytes(streamName).writeBytes(DATA_PREFIX);
    }

    public void writeEnvelopeEnd(final ByteBuf target)
    {
        target.writeByte('}');
    }

    public long nextSequence()
    {
        return 0;
    }

    public List<String> subscriptions()
    {
        return control.subscriptions();
    }

    public void subscribe(final List<String> streams)
    {
        control.subscribe(streams);
    }

    public void unsubscribe(final List<String> streams)
    {
        control.unsubscribe(streams);
    }

    public boolean combined()
    {
        return combined;
    }

    public void combined(final boolean combined)
    {
        this.combined = combined;
    }

    private static void splitStreams(final String joined, final List<String> streams)
    {
        Arrays.stream(joined.split("/")).filter(s -> !s.isEmpty()).forEach(streams::add);
    }
}
