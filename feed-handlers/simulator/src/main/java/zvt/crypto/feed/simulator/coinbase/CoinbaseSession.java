package zvt.crypto.feed.simulator.coinbase;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.ExpandableArrayBuffer;
import zvt.crypto.feed.simulator.ControlJson;
import zvt.crypto.feed.simulator.Rfc3339;
import zvt.crypto.feed.simulator.SessionControl;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.VenueSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static zvt.crypto.feed.simulator.WireBytes.ascii;
import static zvt.crypto.feed.simulator.WireBytes.put;

/**
 * One Advanced Trade connection on {@code /}: {@code {"type":"subscribe","product_ids":[..],"channel":".."}} (one
 * channel per message) answered with a {@code subscriptions} message listing every current subscription, then the
 * channel's streams ({@code l2_data} snapshot first); {@code unsubscribe} likewise (no product ids: the whole
 * channel). The {@code heartbeats} channel sends a heartbeat every second, {@code heartbeat_counter} +1 each. Owns
 * the connection's {@code sequence_num}: from 0, +1 for every message the connection is sent, the
 * {@code subscriptions} reply included, and for every message a fault drops.
 */
final class CoinbaseSession implements VenueSession
{
    private static final byte[] HEARTBEATS = ascii(CoinbaseProtocol.HEARTBEATS);
    private static final byte[] CURRENT_TIME = ascii("{\"current_time\":\"");
    private static final byte[] COUNTER = ascii("\",\"heartbeat_counter\":");
    private static final byte[] END = ascii("}]}");
    private static final long HEARTBEAT_INTERVAL_MS = 1_000;

    private final SessionControl control;
    private final CoinbaseProtocol protocol;
    private final Map<String, Set<String>> subscribed = new LinkedHashMap<>();
    private final ExpandableArrayBuffer heartbeat = new ExpandableArrayBuffer(256);
    private ScheduledFuture<?> heartbeats;
    private long sequence;
    private long heartbeatCounter;

    CoinbaseSession(final SessionControl control, final CoinbaseProtocol protocol)
    {
        this.control = control;
        this.protocol = protocol;
    }

    public String open(final String path, final Map<String, List<String>> query, final List<String> streams)
    {
        return "/".equals(path) || path.isEmpty() ? null : "no such endpoint: " + path + " (use /)";
    }

    public void onOpen()
    {
    }

    public void onClose()
    {
        stopHeartbeats();
    }

    public void onText(final String text)
    {
        final Map<String, Object> request = ControlJson.parseObject(text);
        final String type = request == null ? null : ControlJson.string(request, "type");
        final String channel = request == null ? null : ControlJson.string(request, "channel");
        if (!"subscribe".equals(type) && !"unsubscribe".equals(type) || channel == null)
        {
            error("malformed request", "expected type subscribe or unsubscribe and one channel");
            return;
        }
        final boolean heartbeatChannel = CoinbaseProtocol.HEARTBEATS.equals(channel);
        final List<String> products = new ArrayList<>();
        for (final Object product : ControlJson.list(request, "product_ids"))
        {
            if (product instanceof final String id)
            {
                products.add(id);
            }
        }
        if (!heartbeatChannel && protocol.parseStream(CoinbaseProtocol.streamName(channel, "X")) == null)
        {
            error("Failed to subscribe", "channel " + channel + " is not supported");
            return;
        }
        final List<String> streams = new ArrayList<>();
        final Set<String> current = subscribed.computeIfAbsent(channel, c -> new LinkedHashSet<>());
        if ("subscribe".equals(type))
        {
            current.addAll(heartbeatChannel ? List.of(CoinbaseProtocol.HEARTBEATS) : products);
        }
        else
        {
            final List<String> removed = products.isEmpty() ? new ArrayList<>(current) : products;
            removed.forEach(current::remove);
            products.clear();
            products.addAll(removed);
        }
        for (final String product : products)
        {
            streams.add(CoinbaseProtocol.streamName(channel, product));
        }
        control.reply(subscriptions());
        if (heartbeatChannel)
        {
            if ("subscribe".equals(type))
            {
                startHeartbeats();
            }
            else
            {
                stopHeartbeats();
            }
        }
        else if ("subscribe".equals(type))
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
        return sequence++;
    }

    private String subscriptions()
    {
        final StringBuilder text = new StringBuilder(256).append("{\"channel\":\"subscriptions\",\"client_id\":\"\",")
            .append("\"timestamp\":\"").append(timestamp()).append("\",\"sequence_num\":").append(nextSequence())
            .append(",\"events\":[{\"subscriptions\":{");
        boolean firstChannel = true;
        for (final Map.Entry<String, Set<String>> entry : subscribed.entrySet())
        {
            if (entry.getValue().isEmpty())
            {
                continue;
            }
            text.append(firstChannel ? "" : ",").append('"').append(entry.getKey()).append("\":[");
            firstChannel = false;
            boolean firstProduct = true;
            for (final String product : entry.getValue())
            {
                text.append(firstProduct ? "" : ",").append('"').append(product).append('"');
                firstProduct = false;
            }
            text.append(']');
        }
        return text.append("}}]}").toString();
    }

    private void startHeartbeats()
    {
        if (heartbeats == null)
        {
            heartbeats = control.executor().scheduleAtFixedRate(
                this::sendHeartbeat, HEARTBEAT_INTERVAL_MS, HEARTBEAT_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void stopHeartbeats()
    {
        if (heartbeats != null)
        {
            heartbeats.cancel(false);
            heartbeats = null;
        }
    }

    private void sendHeartbeat()
    {
        final long nowMs = control.context().epochClock().time();
        final int spliceAt = CoinbaseEnvelope.head(heartbeat, HEARTBEATS, nowMs);
        int position = put(heartbeat, CoinbaseEnvelope.events(heartbeat, spliceAt), CURRENT_TIME);
        position = Rfc3339.write(heartbeat, position, nowMs);
        position = put(heartbeat, position, COUNTER);
        final long count = ++heartbeatCounter;
        position += heartbeat.putLongAscii(position, count);
        position = put(heartbeat, position, END);
        control.send(StreamKind.HEARTBEAT, heartbeat, position, spliceAt, count, count);
        control.flush();
    }

    private String timestamp()
    {
        final ExpandableArrayBuffer text = new ExpandableArrayBuffer(32);
        final int length = Rfc3339.write(text, 0, control.context().epochClock().time());
        return text.getStringWithoutLengthAscii(0, length);
    }

    private void error(final String message, final String reason)
    {
        control.reply("{\"type\":\"error\",\"message\":\"" + message + "\",\"reason\":\"" +
            reason.replace("\"", "'") + "\"}");
    }
}
